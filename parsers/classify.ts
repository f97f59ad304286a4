/** Decides whether a document is a procurement contract or a test report, from vocabulary scores. */
import { PARTY_ROLES } from './data/contract-labels';
import type { DocumentText } from './types';
import { lineText } from './text/flow';
import { collapseHanSpaces } from './text/normalise';
import { prepareDocument } from './text/ocr-clean';

export type DocumentKind = 'contract' | 'test_report';

/** Party roles as a contract cue; 委托方/委托人 also name a report's client, so they are no cue. */
const anyOf = (words: readonly string[]) =>
  new RegExp(
    words
      .filter((w) => !w.startsWith('委托'))
      .map((w) => (/^[\x20-\x7e]+$/.test(w) ? `\\b${w}\\b` : w))
      .join('|'),
  );

/** Weighted cues per kind (kept as data). */
export const KIND_CUES: Record<DocumentKind, readonly { re: RegExp; weight: number }[]> = {
  contract: [
    {
      re: /采购合同|政府采购合同|购销合同|供货合同|买卖合同|合同书|(?:PURCHASE|SALES|SUPPLY)\s*CONTRACT/i,
      weight: 5,
    },
    { re: /合同编号|合同号|Contract\s*No/i, weight: 3 },
    { re: anyOf(PARTY_ROLES.purchaser), weight: 2 },
    { re: anyOf(PARTY_ROLES.supplier), weight: 2 },
    { re: /大写|合同金额|合同总金额|合计金额|Total\s*Amount|Contract\s*Price/i, weight: 2 },
    { re: /交货|违约责任|付款方式|Delivery|Payment/i, weight: 1 },
  ],
  test_report: [
    { re: /检验报告|检测报告|检验检测报告|TEST\s*REPORT/i, weight: 5 },
    { re: /报告编号|检验编号|Report No/i, weight: 3 },
    { re: /检验依据|判定依据|检测依据|Test Standard/i, weight: 2 },
    { re: /单项判定|单项结论|检验结论|检测结论|Verdict/i, weight: 2 },
    { re: /委托单位|送检单位|委托方|Applicant/i, weight: 1 },
    { re: /CMA|CNAS|专用章/, weight: 1 },
  ],
};

/** Scores both kinds over the first two pages; ties and empty text give null. */
export function classifyDocument(input: DocumentText): {
  kind: DocumentKind | null;
  scores: Record<DocumentKind, number>;
} {
  const doc = prepareDocument(input);
  const text = collapseHanSpaces(
    doc.pages
      .slice(0, 2)
      .flatMap((p) => p.lines.map((l) => lineText(l)))
      .join('\n'),
  );
  const scores = { contract: 0, test_report: 0 } as Record<DocumentKind, number>;
  for (const kind of Object.keys(KIND_CUES) as DocumentKind[]) {
    for (const cue of KIND_CUES[kind]) if (cue.re.test(text)) scores[kind] += cue.weight;
  }
  const kind =
    scores.contract === scores.test_report
      ? null
      : scores.contract > scores.test_report
        ? 'contract'
        : 'test_report';
  return { kind: kind && Math.max(scores.contract, scores.test_report) >= 4 ? kind : null, scores };
}
