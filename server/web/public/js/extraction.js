/**
 * The extraction shape (shared/spec/extraction.md) as the review page edits it: which fields exist
 * per document kind, their input types, reading/writing dotted paths, and where each was read.
 */
import {
  CATEGORY_LABELS,
  CONCLUSION_LABELS,
  INSPECTION_TYPE_LABELS,
  SAFETY_CLASS_LABELS,
  VERDICT_LABELS,
} from './labels.js';

/** Scalar fields per kind: [path, type, options?]. */
export const FIELDS = {
  test_report: [
    ['reportNumber', 'text'],
    ['lab.name', 'text'],
    ['lab.cmaNumber', 'text'],
    ['lab.cnasNumber', 'text'],
    ['sample.name', 'text'],
    ['sample.model', 'text'],
    ['sample.trademark', 'text'],
    ['sample.batch', 'text'],
    ['sample.safetyClass', 'enum', SAFETY_CLASS_LABELS],
    ['client', 'text'],
    ['manufacturer', 'text'],
    ['inspectionType', 'enum', INSPECTION_TYPE_LABELS],
    ['dates.received', 'date'],
    ['dates.tested', 'date'],
    ['dates.issued', 'date'],
    ['standards', 'list'],
    ['conclusion', 'enum', CONCLUSION_LABELS],
    ['pages', 'number'],
  ],
  contract: [
    ['contractNumber', 'text'],
    ['purchaser.name', 'text'],
    ['supplier.name', 'text'],
    ['supplier.uscc', 'text'],
    ['signedDate', 'date'],
    ['deliveryDate', 'date'],
    ['totalAmount', 'number'],
    ['standards', 'list'],
  ],
};

/** Row tables per kind: the array key and its columns [key, type, options?]. */
export const ROWS = {
  test_report: {
    key: 'items',
    title: '检验项目',
    columns: [
      ['name', 'text'],
      ['unit', 'text'],
      ['requirement', 'text'],
      ['result', 'text'],
      ['verdict', 'enum', VERDICT_LABELS],
    ],
  },
  contract: {
    key: 'lines',
    title: '合同明细',
    columns: [
      ['product', 'text'],
      ['category', 'enum', CATEGORY_LABELS],
      ['model', 'text'],
      ['quantity', 'number'],
      ['unit', 'text'],
      ['unitPrice', 'number'],
      ['amount', 'number'],
    ],
  },
};

/** The input text of a value of `type`. */
export function toInputValue(value, type) {
  if (value === null || value === undefined) return '';
  if (type === 'list') return Array.isArray(value) ? value.join('；') : String(value);
  return String(value);
}

/** The JSON value of an input's text (empty → null, per the spec: never ""). */
export function fromInputValue(text, type) {
  const t = String(text).trim();
  if (type === 'list') {
    return t
      .split(/[;；,，\n]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (t === '') return null;
  if (type === 'number') {
    const n = Number(t.replace(/[,，¥￥\s]/g, ''));
    return Number.isFinite(n) ? n : t;
  }
  return t;
}

/** Same value? (lists compared element-wise) */
export function sameValue(a, b) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Confidence below which a field is marked for a person's look. */
export const LOW_CONFIDENCE = 0.85;

/** Input type and options of a field path ('items.3.verdict' → the items' verdict column). */
export function fieldType(kind, path) {
  const top = (FIELDS[kind] ?? []).find(([p]) => p === path);
  if (top) return { type: top[1], options: top[2] };
  const rows = ROWS[kind];
  const m = rows && new RegExp(`^${rows.key}\\.\\d+\\.(\\w+)$`).exec(path);
  const col = m && rows.columns.find(([c]) => c === m[1]);
  return col ? { type: col[1], options: col[2] } : { type: 'text' };
}
