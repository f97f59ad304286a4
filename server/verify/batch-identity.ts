/**
 * 本批次 (this batch): what a 生产日期/批号 field identifies, and whether two of them name the same batch.
 * The printed field mixes production dates in several forms (2024-03-15, 2024.3, 2024年3月, 2024-05批) with
 * batch codes (P245937, /T1607034A) and style numbers (款号/货号, not a batch). Both sides are reduced to a
 * production date (day or month precision) and a batch code before comparing; only like is compared with
 * like (a date with a date, a code with a code), so a side printing only a date and the other only a code
 * never differ (no guessing).
 */
import type { TestReportExtraction } from '../../parsers/types';
import { compact, normaliseModel } from './normalise';

/** A production date at the precision printed: day, or month only (`day` null). */
export interface ProductionDate {
  year: number;
  month: number;
  day: number | null;
}

export interface BatchIdentity {
  /** the batch code, normalised (upper case, letters and digits; OCR-confusable letters folded) */
  code: string | null;
  date: ProductionDate | null;
  /** what was printed, for messages */
  text: string;
}

const EMPTY = /^(?:[/／\\—–\-－_·.。]*|无|不详|未提供|未标注|未注明|N\/?A)$/i;
/** Style/article numbers printed in the same cell (款号:YKP027): not a batch. */
const STYLE = /(?:款号|货号|款式|型号|规格)[:：]?[A-Za-z0-9\-_.]*/g;
/** Label words around a value (生产日期/批号：…, 第…批, Batch No.). */
const LABELS = /生产日期|生产批号|生产批次|批号|批次|日期|Batch\s*No\.?|Lot\s*No\.?|生产|[:：]/gi;

function validDate(year: number, month: number, day: number | null): ProductionDate | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year, month, day };
}

/** A date when the whole part is one (2024-03-15, 2024.3.15, 2024年3月15日, 20240315, 2024-05批, 2024年3月). */
export function partDate(part: string): ProductionDate | null {
  const p = part.replace(/^第/, '').replace(/(?:批|日|号)+$/, '');
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})$/.exec(p);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(p);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-./年](\d{1,2})月?$/.exec(p);
  if (m) return validDate(Number(m[1]), Number(m[2]), null);
  return null;
}

/** An ISO date or month (YYYY-MM-DD, YYYY-MM) or any printed date form, as a production date. */
function dateOf(text: string | null | undefined): ProductionDate | null {
  const t = compact(text).replace(LABELS, '');
  return t ? partDate(t) : null;
}

/**
 * The batch identity a 生产日期/批号 text (and a separately printed production date) gives; null when
 * neither shows anything.
 */
export function batchIdentity(
  batch: string | null | undefined,
  productionDate?: string | null,
): BatchIdentity | null {
  const raw = compact(batch);
  let code: string | null = null;
  let date = dateOf(productionDate);
  if (raw && !EMPTY.test(raw)) {
    const parts = raw
      .replace(STYLE, '')
      .replace(LABELS, '/')
      .split(/[/／;；,，、|]+/)
      .filter((p) => p && !EMPTY.test(p));
    for (const part of parts) {
      const d = partDate(part);
      if (d) {
        date ??= d;
        continue;
      }
      const c = normaliseModel(part.replace(/^第|批$/g, ''));
      // a code holds at least one digit (a lone word such as 正常 is no batch)
      if (!code && /\d/.test(c)) code = c;
    }
  }
  if (!code && !date) return null;
  const shown = [batch, productionDate].filter((s): s is string => !!s && !EMPTY.test(compact(s)));
  return { code, date, text: [...new Set(shown)].join('，') };
}

/** Same production date at the coarser of the two precisions (2024-03 ≡ 2024-03-15). */
function sameDate(a: ProductionDate, b: ProductionDate): boolean {
  return a.year === b.year && a.month === b.month && (a.day === null || b.day === null || a.day === b.day);
}

/**
 * `match` when every part both print agrees, `differ` when one they both print differs, `unknown` when
 * they print nothing comparable (a code on one side, a date on the other).
 */
export function compareBatches(a: BatchIdentity, b: BatchIdentity): 'match' | 'differ' | 'unknown' {
  let compared = false;
  if (a.code && b.code) {
    if (a.code !== b.code) return 'differ';
    compared = true;
  }
  if (a.date && b.date) {
    if (!sameDate(a.date, b.date)) return 'differ';
    compared = true;
  }
  return compared ? 'match' : 'unknown';
}

/** A report's batch identity: its 生产日期/批号 and a production date printed on its own. */
export function reportBatch(r: TestReportExtraction): BatchIdentity | null {
  const sample = r.sample as TestReportExtraction['sample'] & { productionDate?: string | null };
  return batchIdentity(sample.batch, sample.productionDate);
}
