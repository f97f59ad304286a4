/** Step 4 of the item-table line reader: a row's joined text split into name, unit, requirement, result, verdict. */
import type { ColumnKind } from '../data/table-vocab';
import { NO_UNIT } from '../data/vocab';
import { fixUnit, isSubItem, isUnitToken, isVerdictToken, verdictOf } from '../item-vocab';
import type { Verdict } from '../types';
import { tokensOf } from './row-shape';
import type { RowCells } from './types';

type Values = Pick<RowCells, 'unit' | 'requirement' | 'result'>;

/** Reads one joined row (without its index) into its cells. */
export function parseRowText(text: string, columns: readonly ColumnKind[]): RowCells {
  const { name, cells: all } = nameAndCells(text);
  const { cells, verdict } = takeVerdict(all);
  return {
    name,
    ...cleanValues(assignValues(cells, columns)),
    verdict,
    hasValues: cells.length > 0 || verdict !== null,
  };
}

/** A token that starts the values after an OCR'd name: a unit, a figure or limit, a finding, a verdict. */
const VALUE_START = /^[≤≥<>＜＞≦≧±\d+-]|^(?:符合|不|禁用|无|未检出|ND)/;

/** The item name and the cells after it: tab-separated cells, or (OCR) name tokens up to a unit or value. */
function nameAndCells(text: string): { name: string; cells: string[] } {
  const cells = text
    .split('\t')
    .map((c) => c.trim())
    .filter(Boolean);
  if (cells.length <= 1) return ocrNameAndCells(text);
  // a unit printed in the name's cell ("耐水色牢度 级") starts the values
  const name = cells[0] ?? '';
  const nameToks = name.split(' ');
  const tail = nameToks[nameToks.length - 1];
  if (nameToks.length > 1 && isUnitToken(tail) && !isSubItem(tail ?? '')) {
    return { name: nameToks.slice(0, -1).join(' '), cells: [tail ?? '', ...cells.slice(1)] };
  }
  // the item's sub-item in the next cell ("水洗尺寸变化率 | 横向 | …": its first or only sub-row on the
  // item's line) is part of the name
  const next = cells[1] ?? '';
  if (cells.length > 2 && !isSubItem(name) && isSubItem(next)) {
    return { name: `${name} ${next}`, cells: cells.slice(2) };
  }
  return { name, cells: cells.slice(1) };
}

/** No tabs (OCR): the name is the first token and those after it up to a unit or value; the rest one cell. */
function ocrNameAndCells(text: string): { name: string; cells: string[] } {
  const toks = tokensOf(text);
  const found = toks.findIndex(
    (t, j) => j > 0 && (isUnitToken(t) || VALUE_START.test(t) || isVerdictToken(t)),
  );
  const end = found < 0 ? toks.length : found;
  const rest = toks.slice(end);
  return { name: toks.slice(0, end).join(' '), cells: rest.length > 0 ? [rest.join(' ')] : [] };
}

/** The verdict printed as the last token, taken off the cells (a lone token is no verdict). */
function takeVerdict(cells: readonly string[]): { cells: string[]; verdict: Verdict | null } {
  const lastCell = cells[cells.length - 1];
  if (lastCell === undefined) return { cells: [...cells], verdict: null };
  const toks = lastCell.split(' ');
  const lastTok = toks[toks.length - 1];
  if (!(isVerdictToken(lastTok) && (cells.length > 1 || toks.length > 1))) {
    return { cells: [...cells], verdict: null };
  }
  const rest = toks.slice(0, -1);
  return {
    cells: rest.length ? [...cells.slice(0, -1), rest.join(' ')] : cells.slice(0, -1),
    verdict: verdictOf(lastTok),
  };
}

/** Unit, requirement and result from the value cells: by the header's columns when the counts agree, else by shape. */
function assignValues(cells: readonly string[], columns: readonly ColumnKind[]): Values {
  const valueCols: ColumnKind[] = columns.filter(
    (c) => c === 'unit' || c === 'requirement' || c === 'result' || c === 'method',
  );
  if (valueCols.length > 0 && cells.length === valueCols.length) {
    const at = (kind: ColumnKind) =>
      valueCols.includes(kind) ? (cells[valueCols.lastIndexOf(kind)] ?? null) : null;
    return { unit: at('unit'), requirement: at('requirement'), result: at('result') };
  }
  if (cells.length >= 3) {
    return {
      unit: cells[0] ?? null,
      requirement: cells.slice(1, -1).join(' '),
      result: cells[cells.length - 1] ?? null,
    };
  }
  if (cells.length === 2) return twoCells(cells[0] ?? '', cells[1] ?? '');
  if (cells.length === 1) return oneCell(cells[0] ?? '');
  return { unit: null, requirement: null, result: null };
}

/** Two value cells: unit + "requirement result", "unit requirement" + result, or requirement + result. */
function twoCells(c0: string, c1: string): Values {
  const c0toks = c0.split(' ');
  if (isUnitToken(c0)) {
    const [requirement, result] = splitRequirementResult(c1);
    return { unit: c0, requirement, result };
  }
  if (c0toks.length > 1 && isUnitToken(c0toks[0])) {
    return { unit: c0toks[0] ?? null, requirement: c0toks.slice(1).join(' '), result: c1 };
  }
  return { unit: null, requirement: c0, result: c1 };
}

/** One value cell: "unit requirement result" or "requirement result". */
function oneCell(cell: string): Values {
  const toks = cell.split(' ');
  if (toks.length > 1 && isUnitToken(toks[0])) {
    const [requirement, result] = splitRequirementResult(toks.slice(1).join(' '));
    return { unit: toks[0] ?? null, requirement, result };
  }
  const [requirement, result] = splitRequirementResult(cell);
  return { unit: null, requirement, result };
}

/** Splits a cell holding "requirement result" into the two. */
function splitRequirementResult(cell: string): [string | null, string | null] {
  const toks = cell.split(' ').filter(Boolean);
  if (toks.length <= 1) return [null, cell || null];
  const first = toks[0] ?? '';
  const again = toks.indexOf(first, 1);
  if (/^[\u3400-\u9fff]+$/.test(first) && again > 0) {
    return [toks.slice(0, again).join(' '), toks.slice(again).join(' ')];
  }
  return [toks.slice(0, -1).join(' '), toks[toks.length - 1] ?? null];
}

/** No-unit markers read as no unit, a unit OCR misread fixed, "/" or nothing as no requirement. */
function cleanValues({ unit, requirement, result }: Values): Values {
  return {
    unit: unit !== null ? (NO_UNIT.includes(fixUnit(unit)) ? null : fixUnit(unit)) : null,
    requirement:
      requirement !== null && (/^[/／]$/.test(requirement.trim()) || requirement === '') ? null : requirement,
    result,
  };
}
