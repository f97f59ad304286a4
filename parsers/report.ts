/**
 * Test report (检验报告 / 检测报告) → TestReportExtraction. Pure: text in, fields out.
 * Header fields are read through label vocabularies (data/report-labels.ts), the item table by
 * report-items.ts; anything unreadable is null and listed in `review`.
 */
import { crossCheckReport } from './checks/report-checks';
import { findCccNumber } from './report-ccc';
import { FieldCollector } from './field-collector';
import {
  CONCLUSION_FAIL,
  CONCLUSION_NOT_CONTINUATION,
  CONCLUSION_PASS,
  CONCLUSION_STARTERS,
  INSPECTION_TYPES,
} from './data/vocab';
import { REPORT_LABELS, REPORT_STOP_LABELS, type ReportField } from './data/report-labels';
import { labelOf } from './data/field-labels';
import { findLabName, findCma, findCnas } from './report-lab';
import { unreadVerdictFlags } from './items/review-flags';
import { parseItemTable } from './report-items';
import { parseDate, parseDateRangeEnd } from './text/dates';
import { buildFlow, lineAt, type Flow, type FlowLine } from './text/flow';
import { LabelReader } from './text/label-reader';
import { LabelIndex } from './text/labels';
import { cleanName, cleanOrgName } from './text/names';
import { decodePartyField, type ParseContext } from './text/party-lexicon';
import { isEmptyMarker } from './text/normalise';
import { prepareDocument } from './text/ocr-clean';
import { findStandards } from './text/standards';
import type { DocumentText, FieldMeta, TestReportExtraction } from './types';

const LABELS = new LabelIndex<ReportField>(REPORT_LABELS, REPORT_STOP_LABELS);

function cleanReportNumber(v: string): string | null {
  let s = v.replace(/\s*(?:第\s*\d+\s*页|共\s*\d+\s*页|Page\b).*$/i, '').trim();
  if (/[\u3400-\u9fff]/.test(s)) s = s.replace(/\s+/g, '');
  else s = s.split(/\s+/)[0] ?? '';
  s = s.replace(/^[:：]/, '');
  return s && /[0-9A-Za-z]/.test(s) ? s : null;
}

function mapInspectionType(v: string | null): TestReportExtraction['inspectionType'] {
  if (!v) return null;
  return INSPECTION_TYPES.find((t) => t.pattern.test(v))?.value ?? null;
}

/**
 * Whether `next` carries on the sentence of `line`: the line right below (not a stamp, signature or
 * the verdict legend "P—符合，F—不符合" printed under the conclusion, whose 不符合 is no verdict).
 */
function continuesSentence(line: FlowLine, next: FlowLine): boolean {
  if (CONCLUSION_NOT_CONTINUATION.some((re) => re.test(next.text))) return false;
  if (!line.box || !next.box || line.page !== next.page) return line.page === next.page;
  const h = line.box.y1 - line.box.y0;
  return next.box.y0 - line.box.y1 < 1.5 * h;
}

/** The printed overall conclusion sentence and its verdict. */
function readConclusion(
  flow: Flow,
  reader: LabelReader<ReportField>,
): { value: 'pass' | 'fail' | null; meta: FieldMeta | null } {
  const lines = flow.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const t = l.text.replace(/\t/g, ' ');
    if (!CONCLUSION_STARTERS.some((re) => re.test(t))) continue;
    let sentence = t;
    let last = l;
    for (let j = i + 1; j < Math.min(lines.length, i + 4) && !/[。.]\s*$/.test(sentence); j++) {
      const next = lines[j];
      if (!next || !continuesSentence(last, next)) break;
      sentence += next.text;
      last = next;
    }
    const value = CONCLUSION_FAIL.test(sentence) ? 'fail' : CONCLUSION_PASS.test(sentence) ? 'pass' : null;
    if (value) {
      return { value, meta: { confidence: l.confidence, page: l.page, box: l.box, source: sentence } };
    }
  }
  const labelled = reader.pick('conclusion', 'line');
  if (labelled) {
    const value = CONCLUSION_FAIL.test(labelled.value)
      ? 'fail'
      : CONCLUSION_PASS.test(labelled.value)
        ? 'pass'
        : null;
    if (value) return { value, meta: reader.meta(labelled) };
  }
  return { value: null, meta: null };
}

/** Safety class from the class field, the cited standards (GB 18401 … B类) or a bracketed (B类). */
function readSafetyClass(
  flow: Flow,
  reader: LabelReader<ReportField>,
  standardsBlock: string,
): 'A' | 'B' | 'C' | null {
  const field = reader.pick('safetyClass', 'cell');
  const fromField = field ? /([ABC])\s*类/.exec(field.value) : null;
  if (fromField) return fromField[1] as 'A' | 'B' | 'C';
  const fromStd = findStandards(standardsBlock).find((s) => s.safetyClass);
  if (fromStd) return fromStd.safetyClass;
  const anyStd = findStandards(flow.text).find((s) => s.safetyClass && /18401|31701/.test(s.code));
  if (anyStd) return anyStd.safetyClass;
  const bracket = /(?:安全|类别|等级|婴幼儿|直接接触|非直接接触)[^\n]{0,12}?[（(]?([ABC])\s*类/.exec(
    flow.text,
  );
  return (bracket?.[1] as 'A' | 'B' | 'C' | undefined) ?? null;
}

/** A line just above the standards label that holds only standard citations (label centred in a merged cell). */
function standardsLineAbove(flow: Flow, offset: number | undefined): string {
  if (offset === undefined) return '';
  const line = lineAt(flow, offset);
  const i = line ? flow.lines.indexOf(line) : -1;
  const above = i > 0 ? flow.lines[i - 1] : undefined;
  if (!above) return '';
  const rest = above.text.replace(/《[^》]*》/g, '').replace(/[（(]?[ABC]\s*类[)）]?/g, '');
  const found = findStandards(above.text);
  const leftover = found.reduce((t) => t.replace(/\S*\d+(?:\.\d+)*\s*[-—–]\s*\d{4}/, ''), rest);
  return found.length > 0 && !/[\u3400-\u9fff]{2,}/.test(leftover.replace(/GB|FZ|\//g, '')) ? above.text : '';
}

/**
 * The issue date under an OCR-damaged label ("翁发 日期", or "签日期" with 发 lost under a stamp): a date
 * on a line with …发日期/签日期/报告日期. A date before `notBefore` (the end of testing) cannot be the
 * issue date of the report: such a reading is no answer.
 */
function fuzzyIssued(flow: Flow, notBefore: string | null): { value: string; meta: FieldMeta } | null {
  for (const l of flow.lines) {
    const m = /(?:发|签|报告|批准)\s*日\s*期/.exec(l.text);
    if (!m) continue;
    const d = parseDate(l.text.slice((m.index ?? 0) + m[0].length));
    if (d && !(notBefore && d < notBefore)) {
      return { value: d, meta: { confidence: l.confidence * 0.8, page: l.page, box: l.box, source: l.text } };
    }
  }
  return null;
}

/**
 * A model, trademark or batch read as one Latin letter or digit is no such value: it is what OCR makes
 * of the "/" printed in an empty cell (read as 1, 7, l, I). Null, and flagged for a person's look.
 */
function plausibleName(value: string | null): boolean {
  return value === null || !/^[0-9A-Za-z]$/.test(value);
}

const MISSING_MESSAGES: Record<string, string> = {
  reportNumber: '未能识别报告编号',
  'lab.name': '未能识别检验机构名称',
  'lab.cmaNumber': '未找到 CMA 资质认定证书编号',
  'sample.name': '未能识别样品名称',
  client: '未能识别委托单位',
  inspectionType: '未能识别检验类别',
  'dates.issued': '未能识别签发日期',
  conclusion: '未能识别检验结论',
  standards: '未能识别检验依据',
  items: '未能识别检验结果表',
};

/** Parses a test report; party names read by OCR are decoded against `context.partyNames` when given. */
export function parseTestReport(input: DocumentText, context?: ParseContext): TestReportExtraction {
  const doc = prepareDocument(input);
  const table = parseItemTable(doc);
  const flow = buildFlow(doc, (page, index) => table.consumed.has(`${page}:${index}`));
  const r = new LabelReader(flow, LABELS);
  const collected = new FieldCollector();
  const { fields, review, put } = collected;

  const rn = r.pick('reportNumber', 'cell', (v) => cleanReportNumber(v) !== null);
  const reportNumber = put('reportNumber', rn ? cleanReportNumber(rn.value) : null, r.meta(rn));
  const name = r.pick('sampleName', 'cell');
  const model = r.pick('model', 'cell');
  const trademark = r.pick('trademark', 'cell');
  const batch = r.pick('batch', 'cell', (v) => !isEmptyMarker(v));
  const client = r.pick('client', 'cell');
  const manufacturer = r.pick('manufacturer', 'cell');
  const itype = r.pick('inspectionType', 'cell', (v) => mapInspectionType(v) !== null);
  const received = r.pick('received', 'cell', (v) => parseDate(v) !== null);
  const tested = r.pick('tested', 'block', (v) => parseDate(v) !== null);
  const issued = r.pick('issued', 'block', (v) => parseDate(v) !== null);
  const stdBlocks = r.all('standards', 'block', (v) => findStandards(v).length > 0);
  const stdBlock = [
    standardsLineAbove(flow, stdBlocks[0]?.offset),
    stdBlocks[0]?.value.split('\n').slice(0, 8).join('\n') ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  const standards = [...new Set(findStandards(stdBlock).map((s) => s.code))];
  if (stdBlocks[0]) fields.standards = r.meta(stdBlocks[0]) ?? fields.standards!;
  const conclusion = readConclusion(flow, r);
  const testedEnd = parseDateRangeEnd(tested?.value.split('\n').slice(0, 3).join('\n'));
  const receivedDate = parseDate(received?.value);
  const fuzzy = issued ? null : fuzzyIssued(flow, testedEnd ?? receivedDate);
  const lab = findLabName(flow, [client?.value, manufacturer?.value]);
  const cma = findCma(flow);
  const cnas = findCnas(flow);
  const ccc = findCccNumber(flow);
  const putName = (path: string, picked: typeof model): string | null => {
    const value = cleanName(picked?.value);
    if (plausibleName(value)) return put(path, value, r.meta(picked));
    review.push({
      path,
      reason: 'unreadable',
      message: `${labelOf(path)}的值“${value}”无法辨认，请核对原件`,
    });
    return null;
  };
  const party = (path: string, picked: typeof client) => {
    const meta = r.meta(picked);
    const d = decodePartyField(path, cleanOrgName(picked?.value), meta, doc, context);
    if (d.flag) review.push(d.flag);
    return put(path, d.value, meta);
  };

  const out: TestReportExtraction = {
    kind: 'test_report',
    reportNumber,
    lab: {
      name: put('lab.name', lab?.value ?? null, lab?.meta ?? null),
      cmaNumber: put('lab.cmaNumber', cma?.value ?? null, cma?.meta ?? null),
      cnasNumber: put('lab.cnasNumber', cnas?.value ?? null, cnas?.meta ?? null),
    },
    sample: {
      name: put('sample.name', cleanName(name?.value), r.meta(name)),
      model: putName('sample.model', model),
      trademark: putName('sample.trademark', trademark),
      batch: putName('sample.batch', batch),
      safetyClass: readSafetyClass(flow, r, stdBlock),
    },
    client: party('client', client),
    manufacturer: party('manufacturer', manufacturer),
    inspectionType: put('inspectionType', mapInspectionType(itype?.value ?? null), r.meta(itype)),
    dates: {
      received: put('dates.received', receivedDate, r.meta(received)),
      tested: put('dates.tested', testedEnd, r.meta(tested)),
      issued: put(
        'dates.issued',
        parseDate(issued?.value) ?? fuzzy?.value ?? null,
        r.meta(issued) ?? fuzzy?.meta ?? null,
      ),
    },
    standards,
    items: table.items,
    conclusion: put('conclusion', conclusion.value, conclusion.meta),
    pages: doc.pages.length,
    form: doc.form,
  };
  if (ccc) out.cccNumber = put('cccNumber', ccc.value, ccc.meta);
  const missing: [string, unknown][] = [
    ['reportNumber', out.reportNumber],
    ['lab.name', out.lab.name],
    ['lab.cmaNumber', out.lab.cmaNumber],
    ['sample.name', out.sample.name],
    ['client', out.client],
    ['inspectionType', out.inspectionType],
    ['dates.issued', out.dates.issued],
    ['conclusion', out.conclusion],
    ['standards', out.standards.length ? out.standards : null],
    ['items', out.items.length ? out.items : null],
  ];
  collected.flagMissing(missing, MISSING_MESSAGES);
  review.push(...unreadVerdictFlags(out.items));
  review.push(...crossCheckReport(doc, out));
  for (const [path, meta] of Object.entries(fields)) {
    if (meta.confidence < 0.6) {
      review.push({ path, reason: 'low_confidence', message: `${labelOf(path)}识别置信度较低，请核对` });
    }
  }
  out.fields = fields;
  out.review = review;
  return out;
}
