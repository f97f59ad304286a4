/**
 * The editable fields of an extraction, addressed by dotted paths (`sample.model`, `items.3.result`,
 * `lines.0.quantity`), each with the zod schema its new value must satisfy, and get/set by path.
 */
import { z, type ZodType } from 'zod';
import { CELL_LABELS, FIELD_LABELS, labelOf } from '../../parsers/data/field-labels';
import type { Extraction } from '../../parsers/types';
import { chineseDate } from '../http/chinese-date';
import { CATEGORIES, codesOf, CONCLUSIONS, INSPECTION_TYPES, SAFETY_CLASSES, VERDICTS } from '../vocabulary';

const text = z
  .string()
  .max(1000, '内容过长')
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .transform((s) => (s === '' ? null : s))
  .nullable();
const requiredText = z.string().trim().min(1, '不能为空').max(1000, '内容过长');
/** Dates as people type them (2024/9/6, 2024.9.6, 2024年9月6日) become YYYY-MM-DD. */
const isoDate = chineseDate().nullable();
const amount = z.number().finite('应为数字').min(0, '不能为负数').nullable();
const standards = z.array(z.string().trim().min(1, '标准号不能为空').max(100)).max(50, '标准过多');
const verdict = z.enum(codesOf(VERDICTS), { message: '应为 pass、fail 或 n/a' }).nullable();
const category = z.enum(codesOf(CATEGORIES), { message: '产品类别无效' }).nullable();

const reportItem = z.object({
  name: requiredText,
  unit: text.default(null),
  requirement: text.default(null),
  result: text.default(null),
  verdict: verdict.default(null),
});

const contractLine = z.object({
  product: requiredText,
  category: category.default(null),
  model: text.default(null),
  quantity: amount.default(null),
  unit: text.default(null),
  unitPrice: amount.default(null),
  amount: amount.default(null),
});

const REPORT_FIELDS: Record<string, ZodType> = {
  reportNumber: text,
  'lab.name': text,
  'lab.cmaNumber': text,
  'lab.cnasNumber': text,
  'sample.name': text,
  'sample.model': text,
  'sample.trademark': text,
  'sample.batch': text,
  'sample.safetyClass': z.enum(codesOf(SAFETY_CLASSES), { message: '安全技术类别应为 A、B 或 C' }).nullable(),
  client: text,
  manufacturer: text,
  inspectionType: z.enum(codesOf(INSPECTION_TYPES), { message: '检验类别无效' }).nullable(),
  'dates.received': isoDate,
  'dates.tested': isoDate,
  'dates.issued': isoDate,
  standards,
  conclusion: z.enum(codesOf(CONCLUSIONS), { message: '结论应为 pass 或 fail' }).nullable(),
  pages: z.number().int().min(1).max(10000),
  items: z.array(reportItem).max(500),
};

const REPORT_ITEM_FIELDS: Record<string, ZodType> = {
  name: requiredText,
  unit: text,
  requirement: text,
  result: text,
  verdict,
};

const CONTRACT_FIELDS: Record<string, ZodType> = {
  contractNumber: text,
  'purchaser.name': text,
  'supplier.name': text,
  'supplier.uscc': z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为 18 位数字或大写字母')
    .nullable(),
  signedDate: isoDate,
  deliveryDate: isoDate,
  totalAmount: amount,
  standards,
  lines: z.array(contractLine).max(500),
};

const CONTRACT_LINE_FIELDS: Record<string, ZodType> = {
  product: requiredText,
  category,
  model: text,
  quantity: amount,
  unit: text,
  unitPrice: amount,
  amount,
};

export { CELL_LABELS, FIELD_LABELS, labelOf };

/** Chinese words for coded values, by the field (last path key) that holds them. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  verdict: VERDICTS,
  conclusion: CONCLUSIONS,
  inspectionType: INSPECTION_TYPES,
  safetyClass: SAFETY_CLASSES,
  category: CATEGORIES,
};

/**
 * A value as a person reads it, in Chinese: coded values by their name (pass → 合格, commissioned →
 * 委托检验), a row by its cells, an empty value as （空）.
 */
export function describeValue(path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => describeValue(path, v)).join('、') : '（空）';
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .filter(([k]) => k in CELL_LABELS)
      .map(([k, v]) => `${CELL_LABELS[k]} ${describeValue(k, v)}`)
      .join('，');
  }
  const key = path.split('.').pop() ?? path;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return VALUE_LABELS[key]?.[text] ?? text;
}

/**
 * The schema a new value at `path` must satisfy for this kind of extraction, or undefined when the
 * path is not editable. `items.N` / `lines.N` take a whole row (or null to delete the row).
 */
export function fieldSchema(kind: Extraction['kind'], path: string): ZodType | undefined {
  const top = kind === 'test_report' ? REPORT_FIELDS : CONTRACT_FIELDS;
  if (path in top) return top[path];
  const rowKey = kind === 'test_report' ? 'items' : 'lines';
  const m = new RegExp(`^${rowKey}\\.(\\d{1,3})(?:\\.(\\w+))?$`).exec(path);
  if (!m) return undefined;
  if (!m[2]) return (kind === 'test_report' ? reportItem : contractLine).nullable();
  const cells = kind === 'test_report' ? REPORT_ITEM_FIELDS : CONTRACT_LINE_FIELDS;
  return Object.prototype.hasOwnProperty.call(cells, m[2]) ? cells[m[2]] : undefined;
}

/** Value at a dotted path (undefined when absent). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * Sets a value at a dotted path in place. An array index may be the array's length (append);
 * null at an array index removes that row. Throws a message (Chinese) when the path cannot be set.
 */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: unknown = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const container = cur as Record<string, unknown>;
    if (Array.isArray(container) && !(Number(key) < container.length)) throw new PathError(path);
    let next = container[key];
    if (next === null || next === undefined) {
      next = /^\d+$/.test(keys[i + 1]!) ? [] : {};
      container[key] = next;
    }
    if (typeof next !== 'object') throw new PathError(path);
    cur = next;
  }
  const last = keys[keys.length - 1]!;
  if (Array.isArray(cur)) {
    const idx = Number(last);
    if (!/^\d+$/.test(last) || idx > cur.length) throw new PathError(path);
    if (value === null && keys.length >= 2 && /^(items|lines)$/.test(keys[keys.length - 2]!)) {
      if (idx < cur.length) cur.splice(idx, 1);
      return;
    }
    if (idx === cur.length) cur.push(value);
    else cur[idx] = value;
    return;
  }
  if (/^\d+$/.test(last) && keys.length >= 2) throw new PathError(path);
  (cur as Record<string, unknown>)[last] = value;
}

export class PathError extends Error {
  constructor(readonly path: string) {
    super(`字段 ${path} 不存在或行号超出范围`);
  }
}
