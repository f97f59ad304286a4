/**
 * Procurement contract (采购合同) → ContractExtraction. Pure: text in, fields out.
 * Parties, dates and amounts come from label vocabularies (data/contract-labels.ts); the goods table
 * is read row by row from the right (amount, unit price, quantity, unit, model), the rest is the product.
 */
import { FieldCollector } from './field-collector';
import { parseGoodsTable } from './contract-goods';
import { readGoodsGrids } from './contract-goods-grid';
import { readRuledTables } from './text/ruled-tables';
import {
  CLAUSE_HEADING,
  CONTRACT_LABELS,
  CONTRACT_STOP_LABELS,
  QUALITY_CLAUSE,
  SIGNED_SENTENCES,
  type ContractField,
} from './data/contract-labels';
import { agreedDate, parseDate } from './text/dates';
import { boxAt, buildFlow, lineAt, type Flow } from './text/flow';
import { LabelReader, type Picked } from './text/label-reader';
import { LabelIndex } from './text/labels';
import { cleanOrgName, ORG_NAME_END } from './text/names';
import { joinWrapped } from './text/normalise';
import { findChineseAmounts, parseNumber } from './text/numerals';
import { prepareDocument } from './text/ocr-clean';
import { decodePartyField, type ParseContext } from './text/party-lexicon';
import { addDays, findRelativeDeadline, type RelativeDeadline } from './text/relative-deadline';
import { uniqueStandards } from './text/standards';
import type { Box, ContractExtraction, DocumentText, FieldMeta, ReviewFlag } from './types';
import { checkUscc, findUsccCandidates } from './uscc';

const LABELS = new LabelIndex<ContractField>(CONTRACT_LABELS, CONTRACT_STOP_LABELS, { cellLabels: true });

export { categoryOf, parseGoodsTable } from './contract-goods';

/** Total amount: a printed figure after a total label (¥/小写/人民币…元), else the 大写 amount; the line sum breaks ties. */
function readTotal(
  r: LabelReader<ContractField>,
  lineSum: number | null,
): { value: number | null; meta: FieldMeta | null } {
  const candidates: { value: number; meta: FieldMeta | null; kind: 'figure' | 'capital' }[] = [];
  for (const p of r.all('totalAmount', 'block', () => true)) {
    const text = p.value.split('\n').slice(0, 2).join('\n');
    const figures = [
      ...text.matchAll(
        /[¥￥]\s*(\d[\d,，.]*\d|\d)|(?:人民币|小写)[^\d\n]{0,8}(\d[\d,，.]*\d|\d)\s*元?|(?:^|[\t ])([\d,，.]+\.\d{2})(?![\d])/g,
      ),
    ]
      .map((m) => parseNumber(m[1] ?? m[2] ?? m[3]))
      .filter((v): v is number => v !== null && v > 0);
    for (const v of figures) candidates.push({ value: v, meta: r.meta(p), kind: 'figure' });
    for (const v of findChineseAmounts(text)) candidates.push({ value: v, meta: r.meta(p), kind: 'capital' });
  }
  if (candidates.length === 0) {
    const cn = findChineseAmounts(r.flow.text);
    if (cn[0]) candidates.push({ value: cn[0], meta: null, kind: 'capital' });
  }
  // the figure and the 大写 amount are two readings of one total: when they agree, OCR read it right
  // (goods lines OCR lost or misread do not outvote it; their sum is checked against it separately)
  const agreed = candidates.find(
    (c) =>
      c.kind === 'figure' &&
      candidates.some((o) => o.kind === 'capital' && Math.abs(o.value - c.value) < 0.005),
  );
  if (agreed) return { value: agreed.value, meta: agreed.meta };
  const match = lineSum !== null ? candidates.find((c) => Math.abs(c.value - lineSum) < 0.005) : undefined;
  if (!match && lineSum !== null && lineSum > 0) {
    // no printed total agrees with the goods lines (OCR): the lines' own sum, marked for review
    return { value: lineSum, meta: { confidence: 0.5, page: null, box: null, source: '货物金额合计' } };
  }
  const best = match ?? candidates[0];
  return best ? { value: best.value, meta: best.meta } : { value: null, meta: null };
}

/** Standards cited in the quality clause (from its heading to the next clause heading), else anywhere. */
function readStandards(flow: Flow): string[] {
  const lines = flow.lines;
  const start = lines.findIndex((l) => QUALITY_CLAUSE.test(l.text));
  if (start >= 0) {
    let text = lines[start]?.text ?? '';
    for (let i = start + 1; i < lines.length; i++) {
      const t = lines[i]?.text ?? '';
      if (CLAUSE_HEADING.test(t) && !QUALITY_CLAUSE.test(t)) break;
      text += `\n${t}`;
    }
    const found = uniqueStandards(text);
    if (found.length) return found;
  }
  return uniqueStandards(flow.text);
}

/**
 * The supplier's code among the codes printed after its name: the first one in the supplier's column
 * (parties side by side print the school's code on the same row, left of the supplier's), else the first.
 */
function supplierCode(codes: Picked[], supplierBox: Box | null, flow: Flow): Picked | null {
  const column = supplierBox
    ? codes.find((p) => {
        const b = boxAt(flow, p.offset);
        return b !== null && b.x0 < supplierBox.x1 && b.x1 > supplierBox.x0;
      })
    : undefined;
  return column ?? codes[0] ?? null;
}

/**
 * A name that wrapped at the end of its cell ("（盖章）：江州市" over "涪溪区书院路小学"): the next line's
 * first cell completes it when it holds no label, stands below the name's line (not left of it) and
 * the joined name ends as an organisation's name does while the name alone does not.
 */
export function withWrappedRest(p: Picked, flow: Flow, hits: readonly { start: number }[]): Picked {
  if (ORG_NAME_END.test(cleanOrgName(p.value) ?? '')) return p;
  const line = lineAt(flow, p.offset);
  const next = line ? flow.lines[flow.lines.indexOf(line) + 1] : undefined;
  if (!line || !next || next.page !== line.page) return p;
  if (flow.text.slice(p.offset + p.value.length, line.end).trim() !== '') return p;
  const rest = next.text.split('\t')[0] ?? '';
  if (hits.some((h) => h.start >= next.start && h.start < next.start + rest.length)) return p;
  if (line.box && next.box && next.box.x0 < line.box.x0 - 0.01) return p;
  const joined = joinWrapped(p.value, rest);
  return ORG_NAME_END.test(cleanOrgName(joined) ?? '') ? { value: joined, offset: p.offset } : p;
}

/** Signing dates stated in a sentence (data/contract-labels.ts SIGNED_SENTENCES), as readings. */
function signingSentences(flow: Flow): Picked[] {
  return SIGNED_SENTENCES.flatMap((re) =>
    [...flow.text.matchAll(re)].flatMap((m) => {
      const value = m[1] ?? '';
      const offset = (m.index ?? 0) + m[0].indexOf(value);
      return parseDate(value) ? [{ value, offset }] : [];
    }),
  );
}

/**
 * A printed contract number: "FXJC-2024-XF025", "桂湖小采〔2024〕8号". Document numbers with a year use
 * 六角括号 (GB/T 9704), which OCR reads as [ ] or 【 】; spaces OCR puts inside are dropped.
 */
export function cleanContractNumber(v: string): string | null {
  let s = v.trim().replace(/^[:：;；,，]+/, '');
  const cn = /^[\u3400-\u9fff]+\s*[[【〔(（]\s*\d{4}\s*[\]】〕)）]\s*\d+\s*号/.exec(s);
  // the year bracket is printed 〔2024〕; OCR mixes bracket kinds ("〔2024]", "(2024〕")
  if (cn) s = cn[0].replace(/\s+/g, '').replace(/[[【〔(（](\d{4})[\]】〕)）]/, '〔$1〕');
  else s = s.split(/\s+/)[0] ?? '';
  return s || null;
}

/** A delivery deadline printed relative to an event ("合同签订后30日内") under a delivery label. */
function readRelativeDelivery(
  r: LabelReader<ContractField>,
): { deadline: RelativeDeadline; meta: FieldMeta | null } | null {
  for (const p of r.all('deliveryDate', 'block', (v) => findRelativeDeadline(v) !== null)) {
    const deadline = findRelativeDeadline(p.value.split('\n').slice(0, 2).join('\n'));
    if (deadline) return { deadline, meta: r.meta(p, 0.5) };
  }
  return null;
}

/**
 * The date a relative deadline gives: only calendar days counted from the signing, with the signing
 * date read. Working days (holidays unknown) and other events (生效, 通知, 付款) give no date.
 */
function relativeDate(d: RelativeDeadline | null, signed: string | null): string | null {
  return d && signed && d.fromSigning && !d.working ? addDays(signed, d.days) : null;
}

function relativeDeliveryFlag(d: RelativeDeadline, signed: string | null, date: string | null): ReviewFlag {
  return date
    ? {
        path: 'deliveryDate',
        reason: 'derived',
        message: `交货期限印为“${d.source}”，已按签订日期 ${signed} 推算为 ${date}，请核对`,
      }
    : {
        path: 'deliveryDate',
        reason: 'relative',
        message: `交货期限印为“${d.source}”，无法确定具体日期，请补录交货日期`,
      };
}

const MISSING: Record<string, string> = {
  contractNumber: '未能识别合同编号',
  'purchaser.name': '未能识别甲方（采购人）',
  'supplier.name': '未能识别乙方（供应商）',
  'supplier.uscc': '未能识别供应商统一社会信用代码',
  signedDate: '未能识别签订日期',
  deliveryDate: '未能识别交货日期',
  totalAmount: '未能识别合同总金额',
  lines: '未能识别合同标的（货物清单）',
};

/** Parses a procurement contract; party names read by OCR are decoded against `context.partyNames` when given. */
export function parseContract(input: DocumentText, context?: ParseContext): ContractExtraction {
  const ruled = readRuledTables(prepareDocument(input));
  const doc = ruled.doc;
  const goods = readGoodsGrids(ruled) ?? parseGoodsTable(doc);
  const flow = buildFlow(doc, (page, index) => goods.consumed.has(`${page}:${index}`));
  const r = new LabelReader(flow, LABELS);
  const collected = new FieldCollector();
  const { fields, review, put } = collected;

  const num = r.pick('contractNumber', 'cell', (v) => /[0-9A-Za-z]/.test(v));
  const contractNumber = num ? cleanContractNumber(num.value) : null;
  // a party's name: at least four Han characters and no sentence punctuation (a label word in running
  // text reads the sentence after it); a name ending as an organisation's does comes before one that
  // does not, whatever the label's rank
  const partyNames = (field: 'purchaser' | 'supplier') =>
    r
      .all(field, 'cell', (v) => cleanOrgName(v) !== null)
      .map((p) => withWrappedRest(p, flow, r.hits))
      .filter((p) => /[\u3400-\u9fff]{4,}/.test(p.value) && !/[，。；;]/.test(p.value));
  const partyName = (field: 'purchaser' | 'supplier') => {
    const names = partyNames(field);
    return names.find((p) => ORG_NAME_END.test(cleanOrgName(p.value) ?? '')) ?? names[0] ?? null;
  };
  const purchaser = partyName('purchaser');
  const supplier = partyName('supplier');
  // the supplier's code: the first USCC printed after the supplier's name where it is first printed
  // (the party block, not the signature block at the end that names it again)
  const supplierName = cleanOrgName(supplier?.value);
  const supplierAt = Math.min(
    supplier?.offset ?? 0,
    ...partyNames('supplier')
      .filter((p) => supplierName !== null && cleanOrgName(p.value) === supplierName)
      .map((p) => p.offset),
  );
  const usccLabel = supplierCode(
    r.all('uscc', 'cell', (v) => findUsccCandidates(v).length > 0).filter((p) => p.offset >= supplierAt),
    supplier ? boxAt(flow, supplier.offset) : null,
    flow,
  );
  const usccCand =
    usccLabel ??
    (findUsccCandidates(flow.text.slice(supplierAt))[0]
      ? { value: findUsccCandidates(flow.text.slice(supplierAt))[0]?.code ?? '', offset: supplierAt }
      : null);
  const usccCode = usccCand ? (findUsccCandidates(usccCand.value)[0]?.code ?? null) : null;
  const signedRead = agreedDate([
    ...r.all('signedDate', 'line', (v) => parseDate(v) !== null),
    ...signingSentences(flow),
  ]);
  const signed = signedRead && 'reading' in signedRead ? signedRead.reading : null;
  const delivery = r.pick(
    'deliveryDate',
    'block',
    (v) => parseDate(v.split('\n').slice(0, 2).join('\n')) !== null,
  );
  const deliveryDate = parseDate(delivery?.value.split('\n').slice(0, 2).join('\n'));
  const signedDate = signedRead && 'date' in signedRead ? signedRead.date : null;
  const relative = deliveryDate ? null : readRelativeDelivery(r);
  const sum = goods.lines.every((l) => l.amount !== null)
    ? Math.round(goods.lines.reduce((a, l) => a + (l.amount ?? 0), 0) * 100) / 100
    : null;
  const total = readTotal(r, goods.lines.length ? sum : null);

  const party = (path: string, picked: typeof purchaser) => {
    const meta = r.meta(picked);
    const d = decodePartyField(path, cleanOrgName(picked?.value), meta, doc, context);
    if (d.flag) review.push(d.flag);
    return put(path, d.value, meta);
  };

  const out: ContractExtraction = {
    kind: 'contract',
    contractNumber: put('contractNumber', contractNumber || null, r.meta(num)),
    purchaser: { name: party('purchaser.name', purchaser) },
    supplier: {
      name: party('supplier.name', supplier),
      uscc: put('supplier.uscc', usccCode, r.meta(usccCand)),
    },
    signedDate: put('signedDate', signedDate, r.meta(signed)),
    deliveryDate: deliveryDate
      ? put('deliveryDate', deliveryDate, r.meta(delivery))
      : put('deliveryDate', relativeDate(relative?.deadline ?? null, signedDate), relative?.meta ?? null),
    lines: goods.lines,
    totalAmount: put('totalAmount', total.value, total.meta),
    standards: readStandards(flow),
    pages: doc.pages.length,
    form: doc.form,
  };
  const checks: [string, unknown][] = [
    ['contractNumber', out.contractNumber],
    ['purchaser.name', out.purchaser.name],
    ['supplier.name', out.supplier.name],
    ['supplier.uscc', out.supplier.uscc],
    ['signedDate', out.signedDate],
    ['deliveryDate', out.deliveryDate],
    ['totalAmount', out.totalAmount],
    ['lines', out.lines.length ? out.lines : null],
  ];
  if (relative) {
    review.push(relativeDeliveryFlag(relative.deadline, signedDate, out.deliveryDate));
    // the printed phrase is what is missing, not a date: the flag above explains it
    checks.splice(
      checks.findIndex(([path]) => path === 'deliveryDate'),
      1,
    );
  }
  if (signedRead && 'conflict' in signedRead) {
    review.push({
      path: 'signedDate',
      reason: 'inconsistent',
      message: `合同中的签订日期不一致（${signedRead.conflict.join('、')}），请核对原件`,
    });
    checks.splice(
      checks.findIndex(([path]) => path === 'signedDate'),
      1,
    );
  }
  collected.flagMissing(checks, MISSING);
  if (out.supplier.uscc) {
    const c = checkUscc(out.supplier.uscc);
    if (!c.valid) {
      review.push({
        path: 'supplier.uscc',
        reason: 'invalid_format',
        message: `统一社会信用代码 ${c.code} 未通过 GB 32100-2015 校验${c.suggestions.length ? `（可能为 ${c.suggestions.join('、')}）` : ''}`,
      });
    }
  }
  if (
    sum !== null &&
    out.totalAmount !== null &&
    goods.lines.length &&
    Math.abs(sum - out.totalAmount) >= 0.005
  ) {
    review.push({
      path: 'totalAmount',
      reason: 'inconsistent',
      message: `货物金额合计 ${sum} 与合同总金额 ${out.totalAmount} 不一致`,
    });
  }
  out.lines.forEach((l, i) => {
    if (l.quantity === null || l.unitPrice === null || l.amount === null) {
      review.push({
        path: `lines[${i}]`,
        reason: 'missing',
        message: `第 ${i + 1} 行货物的数量、单价或金额未能识别`,
      });
    }
  });
  out.fields = fields;
  out.review = review;
  return out;
}
