/**
 * Scoring an extraction against its truth, the way shared/tools/score-extraction.mjs does (same
 * normalisation, fields and item matching), per document so that benchmarks can group scores (by
 * layout, by variant, by form). Adds the figure the tool lacks: item verdicts that are wrong and not
 * flagged for review (no review entry on the item or on the item table).
 */
import { editDistance } from '../parsers/text/edit-distance';

/** Same normalisation as the scoring tool (its `normalise`). */
export function normalise(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const text = typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[～〜]/g, '~')
    .replace(/⩽/g, '≤')
    .replace(/⩾/g, '≥')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const eq = (a: unknown, b: unknown) => normalise(a) === normalise(b);
const numEq = (a: unknown, b: unknown) =>
  a !== null && a !== undefined && b !== null && b !== undefined && Math.abs(Number(a) - Number(b)) < 0.005;
const get = (o: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (x, k) => (x === null || x === undefined ? undefined : (x as Record<string, unknown>)[k]),
      o,
    );

export const REPORT_FIELDS = [
  'reportNumber',
  'lab.name',
  'lab.cmaNumber',
  'lab.cnasNumber',
  'sample.name',
  'sample.model',
  'sample.trademark',
  'sample.batch',
  'sample.safetyClass',
  'client',
  'manufacturer',
  'inspectionType',
  'dates.received',
  'dates.tested',
  'dates.issued',
  'conclusion',
  'pages',
];
export const CONTRACT_FIELDS = [
  'contractNumber',
  'purchaser.name',
  'supplier.name',
  'supplier.uscc',
  'signedDate',
  'deliveryDate',
];

function similarity(x: string | null, y: string | null): number {
  const a = normalise(x) ?? '';
  const b = normalise(y) ?? '';
  if (!a.length && !b.length) return 1;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

interface Item {
  name: string;
  verdict: string | null;
  result?: string | null;
}

export interface DocScore {
  fieldHit: number;
  fieldTotal: number;
  wrongFields: string[];
  std: { tp: number; fp: number; fn: number };
  items: {
    truth: number;
    found: number;
    verdictHit: number;
    resultHit: number;
    failTruth: number;
    failCaught: number;
    extra: number;
    /** truth items whose verdict was not given right (missing or wrong) and not flagged for review */
    wrongUnflagged: number;
  };
  lines: { truth: number; found: number; fieldHit: number; fieldTotal: number };
}

/** Whether the extraction asks a person to look at item `i` (or at the whole item table). */
function flagged(got: Record<string, unknown>, i: number | null): boolean {
  const review = (got.review as { path: string }[] | undefined) ?? [];
  // items.3.verdict (the review screen's paths) or items[3].verdict
  const own = (p: string) => i !== null && new RegExp(`^items(?:\\.${i}|\\[${i}\\])(?:$|[.[])`).test(p);
  return review.some((r) => r.path === 'items' || own(r.path));
}

/** Scores one document (the scoring tool's rules). */
export function scoreDocument(truth: Record<string, unknown>, got: Record<string, unknown>): DocScore {
  const s: DocScore = {
    fieldHit: 0,
    fieldTotal: 0,
    wrongFields: [],
    std: { tp: 0, fp: 0, fn: 0 },
    items: {
      truth: 0,
      found: 0,
      verdictHit: 0,
      resultHit: 0,
      failTruth: 0,
      failCaught: 0,
      extra: 0,
      wrongUnflagged: 0,
    },
    lines: { truth: 0, found: 0, fieldHit: 0, fieldTotal: 0 },
  };
  const tally = (name: string, ok: boolean) => {
    s.fieldTotal++;
    if (ok) s.fieldHit++;
    else s.wrongFields.push(name);
  };
  tally('kind', eq(got.kind, truth.kind));
  const fields = truth.kind === 'contract' ? CONTRACT_FIELDS : REPORT_FIELDS;
  for (const f of fields) {
    const t = get(truth, f);
    const g = get(got, f);
    tally(
      f,
      t === null || t === undefined ? g === null || g === undefined : f === 'pages' ? numEq(t, g) : eq(t, g),
    );
  }
  const ts = new Set(((truth.standards as string[] | undefined) ?? []).map(normalise));
  const gs = new Set(((got.standards as string[] | undefined) ?? []).map(normalise));
  for (const x of gs) if (ts.has(x)) s.std.tp++;
  s.std.fp = gs.size - s.std.tp;
  s.std.fn = ts.size - s.std.tp;
  if (truth.kind === 'test_report') {
    const gotItems = ((got.items as Item[] | undefined) ?? []).map((g, i) => ({ g, i }));
    const free = [...gotItems];
    for (const t of (truth.items as Item[] | undefined) ?? []) {
      s.items.truth++;
      if (t.verdict === 'fail') s.items.failTruth++;
      let best = -1;
      let bestSim = 0.75;
      free.forEach(({ g }, k) => {
        const sim = eq(g.name, t.name) ? 2 : similarity(g.name, t.name);
        if (sim > bestSim) {
          best = k;
          bestSim = sim;
        }
      });
      const match = best >= 0 ? free.splice(best, 1)[0] : undefined;
      if (!match) {
        if (!flagged(got, null)) s.items.wrongUnflagged++;
        continue;
      }
      s.items.found++;
      if (match.g.verdict === t.verdict) s.items.verdictHit++;
      else if (!flagged(got, match.i)) s.items.wrongUnflagged++;
      if (eq(match.g.result, t.result)) s.items.resultHit++;
      if (t.verdict === 'fail' && match.g.verdict === 'fail') s.items.failCaught++;
    }
    s.items.extra = free.length;
  } else if (truth.kind === 'contract') {
    tally('totalAmount', numEq(truth.totalAmount, got.totalAmount));
    const gl = [...((got.lines as Record<string, unknown>[] | undefined) ?? [])];
    for (const t of (truth.lines as Record<string, unknown>[] | undefined) ?? []) {
      s.lines.truth++;
      let i = gl.findIndex((g) => eq(g.model, t.model) && t.model !== null);
      if (i < 0) i = gl.findIndex((g) => eq(g.product, t.product));
      if (i < 0) continue;
      const g = gl.splice(i, 1)[0] ?? {};
      s.lines.found++;
      for (const ok of [
        eq(g.product, t.product),
        g.category === t.category,
        eq(g.model, t.model),
        numEq(g.quantity, t.quantity),
        numEq(g.unitPrice, t.unitPrice),
        numEq(g.amount, t.amount),
      ]) {
        s.lines.fieldTotal++;
        if (ok) s.lines.fieldHit++;
      }
    }
  }
  return s;
}

export interface Summary {
  docs: number;
  fieldAccuracy: number | null;
  standardsF1: number;
  itemRecall: number | null;
  itemVerdicts: number | null;
  failedCaught: string;
  spurious: number;
  wrongUnflagged: string;
  lineRecall: number | null;
  lineFields: number | null;
}

const pct = (a: number, b: number) => (b ? Math.round((1000 * a) / b) / 10 : null);

/** Sums document scores into the tool's headline figures. */
export function summarise(scores: DocScore[]): Summary {
  const sum = (f: (s: DocScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const tp = sum((s) => s.std.tp);
  const fp = sum((s) => s.std.fp);
  const fn = sum((s) => s.std.fn);
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  const truthItems = sum((s) => s.items.truth);
  return {
    docs: scores.length,
    fieldAccuracy: pct(
      sum((s) => s.fieldHit),
      sum((s) => s.fieldTotal),
    ),
    standardsF1: Math.round((1000 * (2 * p * r)) / (p + r || 1)) / 10,
    itemRecall: pct(
      sum((s) => s.items.found),
      truthItems,
    ),
    itemVerdicts: pct(
      sum((s) => s.items.verdictHit),
      truthItems,
    ),
    failedCaught: `${sum((s) => s.items.failCaught)}/${sum((s) => s.items.failTruth)}`,
    spurious: sum((s) => s.items.extra),
    wrongUnflagged: `${sum((s) => s.items.wrongUnflagged)}/${truthItems}`,
    lineRecall: pct(
      sum((s) => s.lines.found),
      sum((s) => s.lines.truth),
    ),
    lineFields: pct(
      sum((s) => s.lines.fieldHit),
      sum((s) => s.lines.fieldTotal),
    ),
  };
}

/** A share as printed in the summary tables (— when nothing was there to score). */
const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** A summary table's columns: heading, width, and the cell of a summary. */
interface SummaryColumn {
  heading: string;
  width: number;
  cell: (s: Summary) => string;
}

/** The columns reports and contracts share: documents, field accuracy, standards F1. */
const LEADING_COLUMNS: SummaryColumn[] = [
  { heading: 'docs', width: 4, cell: (s) => String(s.docs) },
  { heading: 'fields', width: 7, cell: (s) => percent(s.fieldAccuracy) },
  { heading: 'std F1', width: 7, cell: (s) => `${s.standardsF1.toFixed(1)}%` },
];

const REPORT_COLUMNS: SummaryColumn[] = [
  ...LEADING_COLUMNS,
  { heading: 'items', width: 7, cell: (s) => percent(s.itemRecall) },
  { heading: 'verdict', width: 7, cell: (s) => percent(s.itemVerdicts) },
  { heading: 'failed', width: 6, cell: (s) => s.failedCaught },
  { heading: 'extra', width: 5, cell: (s) => String(s.spurious) },
  { heading: 'wrong&unflagged', width: 8, cell: (s) => s.wrongUnflagged },
];

/** Contracts: goods lines found and their cells right instead of items. */
const CONTRACT_COLUMNS: SummaryColumn[] = [
  ...LEADING_COLUMNS,
  { heading: 'lines', width: 7, cell: (s) => percent(s.lineRecall) },
  { heading: 'cells', width: 7, cell: (s) => percent(s.lineFields) },
];

const GROUP_WIDTH = 34;
const header = (columns: SummaryColumn[]) =>
  ['group'.padEnd(GROUP_WIDTH), ...columns.map((c) => c.heading.padStart(c.width))].join(' ');
const row = (columns: SummaryColumn[], label: string, s: Summary) =>
  [label.padEnd(GROUP_WIDTH), ...columns.map((c) => c.cell(s).padStart(c.width))].join(' ');

/** One table row of a report summary (SUMMARY_HEADER heads it). */
export function summaryRow(label: string, s: Summary): string {
  return row(REPORT_COLUMNS, label, s);
}

export const SUMMARY_HEADER = header(REPORT_COLUMNS);

/** One table row of a contract summary: fields, standards, goods lines found and their cells right. */
export function contractSummaryRow(label: string, s: Summary): string {
  return row(CONTRACT_COLUMNS, label, s);
}

export const CONTRACT_SUMMARY_HEADER = header(CONTRACT_COLUMNS);
