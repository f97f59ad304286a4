/**
 * What each column of an item table holds: read from the header cells' meaning (the header
 * vocabulary in data/table-vocab.ts, Chinese and English), or — when a header is missing or
 * unreadable — from what the column's cells contain (verdict words, units, limit expressions,
 * numbers). Matrix tables get a label per column (an element, 变色/沾色 …).
 */
import type { ColumnKind } from '../data/table-vocab';
import { NO_UNIT } from '../data/vocab';
import { headerKinds, isUnitToken, isVerdictToken } from '../item-vocab';
import { findStandards } from '../text/standards';
import { cellAt, colsOf, rowsOf, type Grid } from './grid';

/** A column's role; `matrix` columns each hold the result of one sub-item named by `label`. */
export interface ColumnRole {
  kind: ColumnKind | 'matrix' | null;
  /** matrix: the sub-item label printed in the header ("铅(Pb)", "变色") */
  label?: string;
  /** matrix: a merged header cell above the labels ("可迁移元素 (mg/kg)") */
  parent?: string;
}

export interface TableLayout {
  /** first and last header row (inclusive); -1 when the table has no header (a continued table) */
  headerFrom: number;
  headerTo: number;
  columns: ColumnRole[];
  /** how the roles were found */
  by: 'header' | 'content' | 'previous';
}

/** The kind a header cell names, when its text is header words only and names one kind. */
export function headerCellKind(text: string): ColumnKind | null {
  const t = text.replace(/[（(][^)）]*[)）]/g, (m) => (/[A-Za-z]/.test(m) ? m : ''));
  const h = headerKinds(t);
  return h.pure && h.kinds.length === 1 ? (h.kinds[0] ?? null) : null;
}

const LIMIT_RE =
  /^[≤≥<>＜＞≦≧]|[~～]|^(?:禁用|不允许|不得|不应|不低于|不高于|不大于|不小于|符合.*(?:要求|规定))/;
const RESULT_RE =
  /^(?:[<＜>＞≥≤]?\s*[-+]?\d+(?:\.\d+)?(?:\s*[-~～]\s*\d+(?:\.\d+)?)?\s*%?|未检出.*|N\.?D\.?.*|not detected|无|符合|不符合|合格|不合格)$/i;

/** Shares of a column's non-empty cells that look like each kind. */
function contentShares(
  texts: string[],
): Record<'verdict' | 'unit' | 'requirement' | 'result' | 'method' | 'index' | 'han', number> {
  const n = texts.length || 1;
  const share = (f: (t: string) => boolean) => texts.filter(f).length / n;
  return {
    verdict: share((t) => isVerdictToken(t)),
    unit: share((t) => isUnitToken(t) || NO_UNIT.includes(t)),
    requirement: share((t) => LIMIT_RE.test(t)),
    result: share((t) => RESULT_RE.test(t.replace(/\s+/g, ''))),
    method: share((t) => findStandards(t).length > 0 && t.length < 40),
    index: share((t) => /^\d{1,3}$/.test(t)),
    han: share((t) => /^[\u3400-\u9fff（）()A-Za-z0-9 +.-]+$/.test(t) && /[\u3400-\u9fff]{2,}/.test(t)),
  };
}

/**
 * Roles of columns whose header says nothing, from their cells (rows `from`..`to`): the verdict
 * column holds verdict words, the unit column units, the requirement limits, the result numbers;
 * the first column of Han text that is none of these is the item name.
 */
export function inferRoles(grid: Grid, from: number, to: number, known: ColumnRole[]): ColumnRole[] {
  const roles = known.map((r) => ({ ...r }));
  const taken = new Set(roles.map((r) => r.kind).filter(Boolean));
  const columnTexts = (c: number) => {
    const out: string[] = [];
    for (let r = from; r <= to; r++) {
      const cell = cellAt(grid, r, c);
      // a cell spanning several columns belongs to none of them alone
      if (cell && cell.colSpan === 1 && cell.row === r && cell.text) out.push(cell.text.trim());
    }
    return out;
  };
  const shares = Array.from({ length: colsOf(grid) }, (_, c) => contentShares(columnTexts(c)));
  const assign = (kind: ColumnKind, key: keyof ReturnType<typeof contentShares>, min: number) => {
    if (taken.has(kind)) return;
    let best = -1;
    let bestShare = min;
    shares.forEach((s, c) => {
      if (roles[c]?.kind || s[key] < bestShare) return;
      best = c;
      bestShare = s[key];
    });
    if (best >= 0) {
      roles[best] = { kind };
      taken.add(kind);
    }
  };
  assign('index', 'index', 0.8);
  assign('verdict', 'verdict', 0.6);
  assign('unit', 'unit', 0.6);
  assign('method', 'method', 0.6);
  assign('requirement', 'requirement', 0.4);
  assign('result', 'result', 0.4);
  if (!taken.has('name')) {
    const c = shares.findIndex((s, i) => !roles[i]?.kind && s.han >= 0.5);
    if (c >= 0) roles[c] = { kind: 'name' };
  }
  return roles;
}

/** Whether a row is a header row: its cells name the item and its result or verdict, and one more column. */
function headerRowKinds(grid: Grid, r: number): ColumnKind[] | null {
  const kinds = new Set<ColumnKind>();
  let cells = 0;
  for (let c = 0; c < colsOf(grid); c++) {
    const cell = cellAt(grid, r, c);
    if (!cell || cell.col !== c || !cell.text) continue;
    cells++;
    const k = headerCellKind(cell.text);
    if (k) kinds.add(k);
  }
  const ok = kinds.has('name') && (kinds.has('result') || kinds.has('verdict')) && kinds.size >= 3;
  return ok && kinds.size >= cells * 0.5 ? [...kinds] : null;
}

/**
 * Finds the header rows of a grid and each column's role. The header may take two rows: a merged
 * cell over sub-columns ("检验结果" over 变色 | 沾色, "可迁移元素" over elements).
 */
export function findHeader(grid: Grid): TableLayout | null {
  for (let r = 0; r < rowsOf(grid); r++) {
    if (!headerRowKinds(grid, r)) continue;
    // the header ends where every cell has been named (cells spanning down count as named)
    let to = r;
    for (let n = r + 1; n < Math.min(rowsOf(grid), r + 3); n++) {
      const below = Array.from({ length: colsOf(grid) }, (_, c) => cellAt(grid, n, c));
      const startsHere = below.filter((cell) => cell && cell.row === n);
      if (startsHere.length === 0) continue;
      const looksHeader = startsHere.every(
        (cell) => cell && (headerCellKind(cell.text) !== null || isLabelOnly(cell.text, grid, n)),
      );
      const spannedAbove = below.some((cell, c) => {
        const up = cellAt(grid, r, c);
        return cell && up && up.colSpan > 1 && cell.row === n;
      });
      if (looksHeader && spannedAbove) to = n;
      else break;
    }
    const columns: ColumnRole[] = [];
    for (let c = 0; c < colsOf(grid); c++) {
      const top = cellAt(grid, r, c);
      const bottom = cellAt(grid, to, c);
      const topKind = top ? headerCellKind(top.text) : null;
      const bottomKind = bottom && bottom !== top ? headerCellKind(bottom.text) : null;
      if (bottom && bottom !== top && !bottomKind && bottom.text) {
        // a label under a merged header cell: a matrix column
        columns.push({
          kind: 'matrix',
          label: bottom.text,
          parent: topKind === 'result' ? undefined : top?.text,
        });
      } else {
        const kind = bottomKind ?? topKind;
        // an unknown header word: resolveRoles decides from the cells (a matrix column or an unnamed role)
        columns.push(
          kind ? { kind } : { kind: null, label: top?.colSpan === 1 ? top.text || undefined : undefined },
        );
      }
    }
    return { headerFrom: r, headerTo: to, columns, by: 'header' };
  }
  return null;
}

/**
 * The header of a matrix of sub-items by tested part (no item/result header words): a merged cell
 * over two or more short labels (可迁移元素 (mg/kg) over 锑(Sb) | 砷(As) | …), with a first column
 * naming the rows (测试部位, 材料, Part …, whatever its words) spanning both header rows. Columns
 * under the merged cell are matrix columns; the first is the row label; others by their header word.
 * Rows labelled with a limit, unit or verdict word carry that value per column (rows.ts).
 */
export function findMatrixHeader(grid: Grid): TableLayout | null {
  const cols = colsOf(grid);
  for (let r = 0; r + 1 < rowsOf(grid); r++) {
    const label = cellAt(grid, r, 0);
    if (!label || label.row !== r || label.rowSpan < 2 || !label.text.trim() || isValueText(label.text)) {
      continue;
    }
    const parents = Array.from({ length: cols }, (_, c) => cellAt(grid, r, c)).filter(
      (cell, c, all): cell is NonNullable<typeof cell> =>
        cell !== undefined &&
        cell.row === r &&
        cell.col === c &&
        cell.colSpan >= 2 &&
        all.indexOf(cell) === c,
    );
    if (parents.length === 0) continue;
    const columns: ColumnRole[] = [{ kind: 'name' }];
    let ok = true;
    for (let c = 1; c < cols && ok; c++) {
      const top = cellAt(grid, r, c);
      const parent = parents.find((p) => p === top);
      if (parent) {
        const sub = cellAt(grid, r + 1, c);
        if (!sub || sub.row !== r + 1 || sub.colSpan !== 1 || !isLabelOnly(sub.text, grid, r + 1)) ok = false;
        else columns.push({ kind: 'matrix', label: sub.text.trim(), parent: parent.text.trim() });
      } else {
        columns.push({ kind: top ? headerCellKind(top.text) : null });
      }
    }
    if (ok && columns.filter((c) => c.kind === 'matrix').length >= 2) {
      return { headerFrom: r, headerTo: r + 1, columns, by: 'header' };
    }
  }
  return null;
}

/** A cell holding a value (a number, a limit, a verdict), not a label. */
function isValueText(text: string): boolean {
  const t = text.trim();
  return /^[-+≤≥<>＜＞]?\d/.test(t) || isVerdictToken(t);
}

/** Short text that names a sub-column under a merged header (变色, 铅(Pb), 经向). */
function isLabelOnly(text: string, _grid: Grid, _row: number): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 20 && !/^[-+≤≥<>]?\d/.test(t);
}

/**
 * Settles the columns the header left open: a table without a result column whose unnamed columns
 * hold results is a matrix (one sub-item per column); otherwise unnamed columns get their role from
 * their cells.
 */
export function resolveRoles(grid: Grid, layout: TableLayout, from: number, to: number): ColumnRole[] {
  const cols = layout.columns;
  const hasResult = cols.some((c) => c.kind === 'result');
  const out = cols.map((c) => ({ ...c }));
  if (!hasResult) {
    out.forEach((c, i) => {
      if (c.kind || !c.label) return;
      const texts: string[] = [];
      for (let r = from; r <= to; r++) {
        const cell = cellAt(grid, r, i);
        if (cell && cell.row === r && cell.colSpan === 1 && cell.text) texts.push(cell.text.trim());
      }
      if (texts.length && contentShares(texts).result >= 0.5) out[i] = { kind: 'matrix', label: c.label };
    });
  }
  const open = out.map((c) => (c.kind ? c : { kind: null }));
  return inferRoles(grid, from, to, open).map((c, i) => (c.kind ? c : (out[i] ?? c)));
}
