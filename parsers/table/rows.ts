/**
 * Reading an item table's grid row by row, once its columns' roles are known: one item per data row
 * (or per matrix cell), sub-rows named `parent + " " + sub` (a merged parent cell beside them, or a
 * parent row above them), category rows skipped, the end marker (以下空白) ending the table.
 * Each step keeps its state in a small explicit object; nothing is guessed: a row whose verdict
 * cannot be read keeps a null verdict and says why.
 */
import { PRINTED_TABLE_END, TABLE_END_MARKERS, type ColumnKind } from '../data/table-vocab';
import { isKnownItemName, isSubItem } from '../item-vocab';
import { headerCellKind, type ColumnRole } from './roles';
import { cellAt, colsOf, rowsOf, type Grid, type GridCell } from './grid';
import type { Box } from '../types';

/** One item as printed, before names and values are normalised (items.ts). */
export interface RawItem {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdictText: string | null;
  page: number;
  box: Box;
  confidence: number;
  /** the printed row number, when the table has one */
  index: string | null;
}

export interface ReadRows {
  items: RawItem[];
  /** last grid row that belonged to the table */
  lastRow: number;
  /** the table ended with a printed end marker (以下空白, 报告结束 …) */
  ended: boolean;
}

const isEnd = (text: string) => TABLE_END_MARKERS.some((re) => re.test(text.trim()));

/** The text of the cells of `row` in the columns of one kind, each distinct cell once. */
function cellsOfKind(grid: Grid, roles: ColumnRole[], row: number, kind: ColumnKind): GridCell[] {
  const out: GridCell[] = [];
  roles.forEach((r, c) => {
    if (r.kind !== kind) return;
    const cell = cellAt(grid, row, c);
    if (cell && !out.includes(cell)) out.push(cell);
  });
  return out;
}

const textOf = (cells: GridCell[]) =>
  cells
    .map((c) => c.text.trim())
    .filter(Boolean)
    .join(' ') || null;

/** What one row holds, by role. */
interface RowValues {
  indexCell: GridCell | null;
  nameCells: GridCell[];
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: string | null;
  /** matrix cells with a value; `unread`: an empty cell OCR did not read */
  matrix: { role: ColumnRole; cell: GridCell; unread?: boolean }[];
  cells: GridCell[];
}

function rowValues(grid: Grid, roles: ColumnRole[], row: number): RowValues {
  const indexCells = cellsOfKind(grid, roles, row, 'index');
  const matrix: RowValues['matrix'] = [];
  roles.forEach((role, c) => {
    const cell = role.kind === 'matrix' ? cellAt(grid, row, c) : undefined;
    if (cell && cell.text.trim()) matrix.push({ role, cell });
  });
  // on an OCR'd page an empty matrix cell in a row of values, in a column holding values in other
  // rows, is a value OCR did not read: its item is kept, unread (null result and verdict, flagged)
  if (grid.ocr && matrix.length > 0) {
    roles.forEach((role, c) => {
      const cell = role.kind === 'matrix' ? cellAt(grid, row, c) : undefined;
      if (!cell || cell.text.trim() || cell.col !== c || cell.colSpan !== 1) return;
      const elsewhere = Array.from({ length: rowsOf(grid) }, (_, r) => cellAt(grid, r, c)).some(
        (o) => o && o !== cell && o.colSpan === 1 && /\d/.test(o.text),
      );
      if (elsewhere) matrix.push({ role, cell, unread: true });
    });
    matrix.sort((a, b) => a.cell.col - b.cell.col);
  }
  const cells: GridCell[] = [];
  for (let c = 0; c < colsOf(grid); c++) {
    const cell = cellAt(grid, row, c);
    if (cell && !cells.includes(cell)) cells.push(cell);
  }
  return {
    indexCell: indexCells[0] ?? null,
    nameCells: cellsOfKind(grid, roles, row, 'name').filter((c) => c.text.trim()),
    unit: textOf(cellsOfKind(grid, roles, row, 'unit')),
    requirement: textOf(cellsOfKind(grid, roles, row, 'requirement')),
    result: textOf(cellsOfKind(grid, roles, row, 'result')),
    verdict: textOf(cellsOfKind(grid, roles, row, 'verdict')),
    matrix,
    cells,
  };
}

const hasValues = (v: RowValues) =>
  v.result !== null || v.verdict !== null || v.matrix.length > 0 || v.requirement !== null;

/** Matrix rows that carry a value for every column instead of an item ("限量要求", "判定"). */
function rowRole(v: RowValues): ColumnKind | null {
  if (v.matrix.length === 0) return null;
  const label = v.nameCells.map((c) => c.text).join('');
  const kind = label ? headerCellKind(label) : null;
  return kind === 'requirement' || kind === 'verdict' || kind === 'unit' || kind === 'result' ? kind : null;
}

/** Cleans a matrix parent header ("可迁移元素 (mg/kg)" → name and unit). */
function splitParent(parent: string | undefined): { name: string | null; unit: string | null } {
  if (!parent) return { name: null, unit: null };
  const m = /^(.*?)\s*[（(]\s*([^)）]+?)\s*[)）]\s*$/.exec(parent.trim());
  if (m && /[a-zA-Z%/]/.test(m[2] ?? '')) return { name: (m[1] ?? '').trim() || null, unit: m[2] ?? null };
  return { name: parent.trim() || null, unit: null };
}

/** State carried from row to row: the parent a row of sub-items belongs to. */
interface RowState {
  /** a row naming an item whose values are in the rows below it ("8 可迁移元素") */
  parent: { name: string; indexCell: GridCell | null; used: boolean; item: RawItem } | null;
  /** per-column values printed in a matrix's own rows */
  matrixRows: Partial<Record<ColumnKind, Map<number, string>>>;
}

/**
 * Reads the data rows of a grid (rows `from` … end), given each column's role. `title` is a caption
 * naming the parent of every item (a transposed matrix's title row).
 */
export function readRows(
  grid: Grid,
  roles: ColumnRole[],
  from: number,
  title: string | null = null,
): ReadRows {
  const items: RawItem[] = [];
  const state: RowState = { parent: null, matrixRows: {} };
  const matrixItems: { item: RawItem; col: number }[] = [];
  const hasIndex = roles.some((r) => r.kind === 'index');
  let lastRow = from - 1;
  let ended = false;
  // a matrix under a merged parent with several tested parts (rows): each cell's item names its part
  let partRows = 0;
  for (let r = from; r < rowsOf(grid); r++) {
    const v = rowValues(grid, roles, r);
    if (v.matrix.length > 0 && !rowRole(v) && nameOf(v)) partRows++;
  }
  // a heading row no sub-row followed is an item whose values were not read: kept, never dropped
  const closeParent = () => {
    if (state.parent && !state.parent.used) items.push(state.parent.item);
    state.parent = null;
  };
  for (let r = from; r < rowsOf(grid); r++) {
    const v = rowValues(grid, roles, r);
    const texts = v.cells.map((c) => c.text.trim()).filter(Boolean);
    if (texts.some(isEnd)) {
      ended = texts.some((t) => PRINTED_TABLE_END.test(t));
      lastRow = r;
      break;
    }
    if (texts.length === 0) continue;
    lastRow = r;
    // a row holding only cells merged down from a row above (the middle of a parent centred beside its
    // sub-rows) prints nothing of its own
    if (!v.cells.some((c) => c.row === r && c.text.trim())) continue;
    // nor does a row whose name is only that merged parent and which holds no value: what it prints of
    // its own are the wrapped pieces of its neighbours' cells (a method's "2014"), not an item
    if (v.nameCells.length > 0 && v.nameCells.every((c) => c.row < r) && !hasValues(v)) continue;
    // a row that is one cell across the table: a category ("安全性能") or a caption, no item
    if (v.cells.length === 1 && texts.length === 1) continue;
    const kind = rowRole(v);
    if (kind) {
      const perCol = (state.matrixRows[kind] ??= new Map());
      v.matrix.forEach(({ cell }) => perCol.set(cell.col, cell.text.trim()));
      continue;
    }
    const ownIndex = v.indexCell !== null && v.indexCell.row === r && v.indexCell.text.trim() !== '';
    let name = nameOf(v);
    if (!name) continue;
    // a header row (the second line of a bilingual header, a header repeated on a later page)
    if (headerCellKind(name) === 'name' && v.cells.filter((c) => headerCellKind(c.text)).length >= 2) {
      continue;
    }
    const rowBox = v.cells.reduce<Box>(
      (b, c) => ({
        x0: Math.min(b.x0, c.box.x0),
        y0: Math.min(b.y0, c.box.y0),
        x1: Math.max(b.x1, c.box.x1),
        y1: Math.max(b.y1, c.box.y1),
      }),
      { x0: 1, y0: 1, x1: 0, y1: 0 },
    );
    const confidence = Math.min(1, ...v.cells.flatMap((c) => c.words.map((w) => w.confidence ?? 1)));
    const index = ownIndex ? (v.indexCell?.text.trim() ?? null) : null;
    if (!hasValues(v)) {
      // a parent heading: its sub-items follow in the rows below
      closeParent();
      const item: RawItem = {
        name,
        unit: null,
        requirement: null,
        result: null,
        verdictText: null,
        page: grid.page,
        box: rowBox,
        confidence,
        index,
      };
      state.parent = { name, indexCell: v.indexCell, used: false, item };
      continue;
    }
    // a row without its own number belongs to the heading above it, unless it names a test item of its
    // own (a number OCR did not read is no merged cell)
    const sameGroup = ownIndex
      ? v.indexCell === state.parent?.indexCell
      : isSubItem(name) || (hasIndex && !isKnownItemName(name));
    if (state.parent && sameGroup) {
      name = `${state.parent.name} ${name}`;
      state.parent.used = true;
    } else {
      closeParent();
    }
    if (title) name = `${title} ${name}`;
    if (v.matrix.length > 0) {
      for (const { role, cell, unread } of v.matrix) {
        const parent = splitParent(role.parent);
        const item: RawItem = {
          name: parent.name
            ? `${parent.name} ${role.label ?? ''}${partRows > 1 ? ` ${name}` : ''}`.trim()
            : `${name} ${role.label ?? ''}`.trim(),
          unit: v.unit ?? parent.unit,
          requirement: v.requirement,
          result: unread ? null : cell.text.trim(),
          verdictText: unread ? null : v.verdict,
          page: grid.page,
          box: cell.box,
          confidence,
          index,
        };
        items.push(item);
        if (!unread) matrixItems.push({ item, col: cell.col });
      }
      continue;
    }
    items.push({
      name,
      unit: v.unit,
      requirement: v.requirement,
      result: v.result,
      verdictText: v.verdict,
      page: grid.page,
      box: rowBox,
      confidence,
      index,
    });
  }
  closeParent();
  // values printed once per matrix column (a limit row, a verdict row) apply to that column's items
  for (const { item, col } of matrixItems) {
    item.requirement ??= state.matrixRows.requirement?.get(col) ?? null;
    item.verdictText ??= state.matrixRows.verdict?.get(col) ?? null;
    item.unit ??= state.matrixRows.unit?.get(col) ?? null;
  }
  return { items, lastRow, ended };
}

/** The item name of a row: one name cell, or a merged parent cell and the sub-item cell beside it. */
function nameOf(v: RowValues): string | null {
  const parts = v.nameCells.map((c) => c.text.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  return parts.join(' ');
}
