/**
 * The 3C (CCC, 强制性产品认证) certificate number a report prints for a product in the CCC catalogue
 * (toys). Certificate numbers are 16 digits (year, body, product class, serial); only a number next to
 * a 3C/CCC/认证证书 label is taken, so order, phone and report numbers are not mistaken for one.
 */
import type { Found } from './report-lab';
import type { Flow } from './text/flow';

const LABELLED = /(?:CCC|3C|强制性产品认证|认证证书)[^\d\n]{0,16}(\d{16})(?!\d)/i;

export function findCccNumber(flow: Flow): Found | null {
  for (const l of flow.lines) {
    const m = LABELLED.exec(l.text.replace(/(\d)[ ](?=\d)/g, '$1'));
    if (m?.[1]) {
      return { value: m[1], meta: { confidence: l.confidence, page: l.page, box: l.box, source: l.text } };
    }
  }
  return null;
}

/** The same in free text (a contract's quality clause or a line's remark). */
export function findCccInText(text: string | null | undefined): string | null {
  if (!text) return null;
  return LABELLED.exec(text.replace(/(\d)[ ](?=\d)/g, '$1'))?.[1] ?? null;
}
