/**
 * An item re-judged against its own printed requirement: "≤75" and "16", "4.0～8.5" and "5.8",
 * "≥3-4" (a half grade) and "4-5", "不得检出" and "未检出". Gives `pass`/`fail` only when both the
 * requirement and the result are plain enough to compare; anything else (prose, several values, a
 * detection limit above the limit) is `null`: not known, never guessed.
 */
import {
  COMPARATORS,
  NOT_DETECTED_REQUIREMENT,
  NOT_DETECTED_RESULT,
  TRAILING_UNIT,
  type Comparator,
} from '../data/check-vocab';

export type Judgement = 'pass' | 'fail' | null;

/** A printed limit. */
export type Limit =
  | { kind: 'compare'; op: Comparator; value: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'not-detected' };

/** A printed result: a value, a bound ("<5", "未检出(<20)", "≥70，未脱落") or not detected. */
export type Measured =
  | { kind: 'value'; value: number }
  | { kind: 'below'; value: number | null }
  | { kind: 'at-least'; value: number };

const UNSIGNED = '\\d+(?:\\.\\d+)?';
const NUM = `[+-]?${UNSIGNED}`;
const EPS = 1e-9;

/** Half-width, no spaces, no bracketed words without digits ("（B类）" stays out of the way). */
function tidy(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[～〜]/g, '~')
    .replace(/\s+/g, '')
    .replace(/[（(][^)）\d]*[)）]/g, '');
}

/** Splits a number and what follows it; the rest must be a unit (or nothing). */
function numberThenUnit(s: string): number | null {
  const m = new RegExp(`^(${NUM})(.*)$`).exec(s);
  if (!m) return null;
  const rest = m[2] ?? '';
  if (rest !== '' && !TRAILING_UNIT.test(rest)) return null;
  return Number(m[1]);
}

/** "3-4" as a grade: two whole grades one apart (colour fastness, pilling) mean the half grade between. */
function halfGrade(s: string): number | null {
  const m = /^([1-5])-([1-5])(?:级)?$/.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return b === a + 1 ? a + 0.5 : null;
}

function comparatorAt(s: string): { op: Comparator; rest: string } | null {
  for (const c of COMPARATORS) {
    if (s.startsWith(c.text.normalize('NFKC'))) {
      return { op: c.op, rest: s.slice(c.text.normalize('NFKC').length) };
    }
  }
  return null;
}

/** Whether values are grades (级): a unit of 级, or a limit printed as a half grade. */
export function isGradeContext(unit: string | null, requirement: string | null): boolean {
  if (unit && /级/.test(unit)) return true;
  const r = requirement ? tidy(requirement) : '';
  const c = comparatorAt(r);
  return c !== null && halfGrade(c.rest) !== null;
}

/** The limit a requirement prints, or null when it is not a plain limit. */
export function parseLimit(requirement: string | null, grade: boolean): Limit | null {
  if (!requirement) return null;
  const r = tidy(requirement);
  if (r === '') return null;
  if (NOT_DETECTED_REQUIREMENT.test(r)) return { kind: 'not-detected' };
  const c = comparatorAt(r);
  if (c) {
    const value = (grade ? halfGrade(c.rest) : null) ?? numberThenUnit(c.rest);
    return value === null ? null : { kind: 'compare', op: c.op, value };
  }
  const pm = new RegExp(`^±(${UNSIGNED})(.*)$`).exec(r);
  if (pm && (pm[2] === '' || TRAILING_UNIT.test(pm[2] ?? ''))) {
    const v = Number(pm[1]);
    return { kind: 'range', min: -v, max: v };
  }
  const range = new RegExp(`^(${NUM})(?:~|至)(${NUM})(.*)$`).exec(r);
  const dashed = grade ? null : new RegExp(`^(${UNSIGNED})-(${UNSIGNED})(.*)$`).exec(r);
  const m = range ?? dashed;
  if (m) {
    const min = Number(m[1]);
    const max = Number(m[2]);
    const rest = m[3] ?? '';
    if (min < max && (rest === '' || TRAILING_UNIT.test(rest))) {
      return { kind: 'range', min, max };
    }
  }
  return null;
}

/** What a result says, or null when it is not one plain value. */
export function parseMeasured(result: string | null, grade: boolean): Measured | null {
  if (!result) return null;
  const r = tidy(result);
  if (r === '') return null;
  const nd = NOT_DETECTED_RESULT.exec(r);
  if (nd) {
    const rest = r.slice(nd[0].length).replace(/^[:：]/, '');
    if (rest === '') return { kind: 'below', value: null };
    const inner = /^[(（]?(?:<|＜|≤)?([\d.]+)([^)）]*)[)）]?$/.exec(rest);
    if (inner && (inner[2] === '' || TRAILING_UNIT.test(inner[2] ?? ''))) {
      return { kind: 'below', value: Number(inner[1]) };
    }
    return null;
  }
  // a qualitative remark after the value ("≥70，未脱落") does not change it
  const head = r.split(/[，,；;]/)[0] ?? r;
  const c = comparatorAt(head);
  if (c) {
    const v = numberThenUnit(c.rest);
    if (v === null) return null;
    return c.op === 'lt' || c.op === 'le' ? { kind: 'below', value: v } : { kind: 'at-least', value: v };
  }
  if (head !== r) return null;
  const g = grade ? halfGrade(r) : null;
  if (g !== null) return { kind: 'value', value: g };
  const v = numberThenUnit(r);
  return v === null ? null : { kind: 'value', value: v };
}

function compare(v: number, op: Comparator, limit: number): boolean {
  switch (op) {
    case 'le':
      return v <= limit + EPS;
    case 'lt':
      return v < limit - EPS;
    case 'ge':
      return v >= limit - EPS;
    case 'gt':
      return v > limit + EPS;
  }
}

/** Judges a measured result against a limit. */
export function judgeMeasured(limit: Limit, m: Measured): Judgement {
  if (limit.kind === 'not-detected') {
    if (m.kind === 'below') return 'pass';
    if (m.kind === 'value') return m.value > EPS ? 'fail' : null;
    return 'fail';
  }
  if (limit.kind === 'range') {
    if (m.kind !== 'value') return null;
    return m.value >= limit.min - EPS && m.value <= limit.max + EPS ? 'pass' : 'fail';
  }
  const { op, value: l } = limit;
  if (m.kind === 'value') return compare(m.value, op, l) ? 'pass' : 'fail';
  if (m.kind === 'below') {
    // below x: the value is under x (nothing detected: under the detection limit)
    if (op === 'le' || op === 'lt') return m.value === null || m.value <= l + EPS ? 'pass' : null;
    return m.value !== null && m.value <= l + EPS ? 'fail' : null;
  }
  // at least x
  if (op === 'ge' || op === 'gt') return compare(m.value, op, l) ? 'pass' : null;
  return compare(m.value, op, l) ? null : 'fail';
}

/** Re-judges an item from its printed requirement and result (and unit: grades). */
export function judge(requirement: string | null, result: string | null, unit: string | null): Judgement {
  const grade = isGradeContext(unit, requirement);
  const limit = parseLimit(requirement, grade);
  if (!limit) return null;
  const m = parseMeasured(result, grade);
  return m ? judgeMeasured(limit, m) : null;
}
