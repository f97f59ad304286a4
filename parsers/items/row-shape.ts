/** What a table line looks like: a numbered row, a whole row, a sub-row, a category caption. */
import { compact, isSubItem, isVerdictToken } from '../item-vocab';
import { joinWrapped } from '../text/normalise';
import type { TableLine } from './types';

const INDEX_RE = /^(\d{1,3})(?:[\s.、]+|(?=[\u3400-\u9fffA-Za-z]))(.*)$/;

/** The line's tokens, split at tabs and spaces. */
export function tokensOf(text: string): string[] {
  return text.split(/[\t ]+/).filter(Boolean);
}

/** The text of a row's lines joined as wrapped cell text. */
export function joinRow(lines: readonly TableLine[]): string {
  return lines.reduce((acc, l) => joinWrapped(acc, l.text), '');
}

/** Looks like a full row on its own: a verdict at the end and at least three further cells/tokens. */
export function looksComplete(text: string): boolean {
  const toks = tokensOf(text);
  if (!isVerdictToken(toks[toks.length - 1])) return false;
  const cells = text.split('\t');
  return cells.length >= 3 || toks.length >= 4;
}

/** A row's joined text ends in a verdict after at least two more tokens: nothing of it is still to come. */
export function rowTextComplete(text: string): boolean {
  const toks = tokensOf(text);
  return isVerdictToken(toks[toks.length - 1]) && toks.length >= 3;
}

/**
 * The row number starting the line and the rest, when it continues the numbering after `last`: rows
 * lost by OCR leave gaps, so a bigger jump is accepted when the line is a whole row.
 */
export function rowIndex(text: string, last: number): { index: number; rest: string } | null {
  const m = INDEX_RE.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (!(m[2] ?? '').trim()) return null;
  if (/^\d/.test(m[2] ?? '')) return null;
  if (n <= last || (n > last + 3 && !(n <= last + 15 && looksComplete(m[2] ?? '')))) return null;
  return { index: n, rest: m[2] ?? '' };
}

/** A caption grouping the rows below it ("安 全 性 能", "内在质量"), no item of its own. */
export function isCategoryRow(text: string): boolean {
  const c = compact(text);
  if (!/^[\u3400-\u9fff]{2,8}$/.test(c)) return false;
  return (
    /^([\u3400-\u9fff][ \t]+)+[\u3400-\u9fff]$/.test(text.trim()) ||
    /(性能|质量|要求|指标|项目|安全)$/.test(c)
  );
}

/** A name alone (one cell, at most two tokens, no digit): a parent heading whose sub-rows carry the values. */
export function isBareName(text: string): boolean {
  return !text.includes('\t') && tokensOf(text).length <= 2 && !/\d/.test(text);
}

/** "5 耐水色牢度" alone on its line: an item whose sub-rows carry the values. */
export function isParentOnly(text: string): boolean {
  const m = INDEX_RE.exec(text);
  if (!m) return false;
  const rest = (m[2] ?? '').trim();
  return rest !== '' && isBareName(rest);
}

/**
 * "17 水洗尺寸变化率 横向 % … 符合": an item's number and name with a whole sub-row beside them on one line —
 * a merged cell's name that OCR grouped with its second sub-row, the first one read as a line before it.
 */
export function isParentWithSubRow(text: string): boolean {
  const m = INDEX_RE.exec(text);
  if (!m) return false;
  const [name, ...rest] = (m[2] ?? '').split('\t');
  return rest.length > 0 && isBareName((name ?? '').trim()) && isSubRow(rest.join('\t'));
}

/** The line starts with a sub-item name ("变色", "经向"), in its first cell or first token. */
export function startsWithSubItem(text: string): boolean {
  const first = (text.split('\t')[0] ?? '').trim();
  return isSubItem(first) || isSubItem(tokensOf(text)[0] ?? '');
}

/** A whole row starting with a sub-item name. */
export function isSubRow(text: string): boolean {
  return startsWithSubItem(text) && looksComplete(text);
}
