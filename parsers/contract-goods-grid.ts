/**
 * The goods table of a contract read from its ruled grid (text/ruled-tables.ts): the header row's
 * cells name the columns (data/contract-labels.ts GOODS_COLUMNS, any order, Chinese, English or both),
 * each row below gives one goods line from the cells under them. A table continued on the next page
 * keeps its columns; a 合计 row ends it. Rows need no printed number. Nothing is inferred: a cell that
 * holds no figure gives null.
 */
import { TOTAL_CELL, TOTAL_ROW, type GoodsColumn } from './data/contract-labels';
import { GOODS_UNITS } from './data/vocab';
import { categoryOf, goodsColumns } from './contract-goods';
import {
  cellAt,
  colsOf,
  columnOf,
  rowsOf,
  wordsText,
  type Grid,
  type GridCell,
  type Word,
} from './table/grid';
import { joinWrapped } from './text/normalise';
import {
  isBanded,
  type BandCell,
  type BandedTable,
  type RuledTable,
  type RuledTables,
} from './text/ruled-tables';
import { cleanName } from './text/names';
import { parseNumber } from './text/numerals';
import type { Box, ContractLine } from './types';

const UNITS = new Set(GOODS_UNITS);

/** The column kind each grid column's header cell names in row `r`, or null when the row is no goods header. */
function headerKinds(g: Grid, r: number): (GoodsColumn | null)[] | null {
  const kinds: (GoodsColumn | null)[] = Array.from({ length: colsOf(g) }, () => null);
  for (const cell of g.cells) {
    if (cell.row > r || cell.row + cell.rowSpan <= r) continue;
    kinds[cell.col] = kindOf(cell.text);
  }
  return isGoodsHeader(kinds) ? kinds : null;
}

/** The text of the cell under column `kind` in row `r` ('' when there is none). */
function cellText(g: Grid, kinds: (GoodsColumn | null)[], kind: GoodsColumn, r: number): string {
  const c = kinds.indexOf(kind);
  return c < 0 ? '' : (cellAt(g, r, c)?.text.trim() ?? '');
}

/** A quantity cell: "1235", "1,235", or the number with its unit ("1235套"). */
function readQuantity(text: string): { quantity: number | null; unit: string | null } {
  const m = /^([\d,，.]+)\s*([^\d\s.,，]{1,4})?$/.exec(text.trim());
  if (!m) return { quantity: null, unit: null };
  const unit = m[2] && UNITS.has(m[2]) ? m[2] : null;
  return { quantity: m[2] && !unit ? null : parseNumber(m[1]), unit };
}

/** One goods line from row `r`, or null when the row names no goods (empty, a heading). */
function rowLine(g: Grid, kinds: (GoodsColumn | null)[], r: number, next: number): ContractLine | null {
  const text = (k: GoodsColumn) => cellText(g, kinds, k, r);
  const product = cleanName(text('product'));
  const { quantity, unit: unitInQuantity } = readQuantity(text('quantity'));
  const unitPrice = parseNumber(text('unitPrice'));
  const amount = parseNumber(text('amount'));
  if (!product || (quantity === null && unitPrice === null && amount === null)) return null;
  const printedNo = /^\d{1,3}$/.exec(text('index'))?.[0];
  return {
    lineNo: printedNo ? Number(printedNo) : next,
    product,
    category: categoryOf(product),
    model: cleanName(text('model')),
    quantity,
    unit: cleanName(text('unit')) ?? unitInQuantity,
    unitPrice,
    amount,
  };
}

/** The goods column a header cell names (its first goods word), null for none. */
const kindOf = (text: string): GoodsColumn | null => goodsColumns(text)[0] ?? null;

function isGoodsHeader(kinds: (GoodsColumn | null)[]): boolean {
  const named = new Set(kinds.filter((k): k is GoodsColumn => k !== null && k !== 'other'));
  return (
    named.has('product') &&
    named.has('quantity') &&
    (named.has('unitPrice') || named.has('amount')) &&
    named.size >= 4
  );
}

/**
 * The border between two header cells of a table without column lines: the place in the gap between
 * them that the fewest body words run across (a cell's text stays inside its column), nearest the
 * middle of the gap among equals.
 */
function borderBetween(a: Box, b: Box, body: Word[]): number {
  const lo = Math.min(a.x1, b.x0);
  const hi = Math.max(a.x1, b.x0);
  const edges = [lo, hi, ...body.flatMap((w) => [w.box.x0, w.box.x1]).filter((x) => x > lo && x < hi)].sort(
    (x, y) => x - y,
  );
  const spots = edges.slice(1).map((x, i) => ((edges[i] ?? lo) + x) / 2);
  if (spots.length === 0) spots.push((lo + hi) / 2);
  const crossing = (x: number) => body.filter((w) => w.box.x0 < x && w.box.x1 > x).length;
  const mid = (lo + hi) / 2;
  return spots.reduce((best, x) => {
    const d = crossing(x) - crossing(best);
    return d < 0 || (d === 0 && Math.abs(x - mid) < Math.abs(best - mid)) ? x : best;
  });
}

/** A table ruled between rows only, as a grid whose columns are its header's cells (or `xs` given). */
function bandedGrid(t: BandedTable, header: number | null, xs?: number[]): Grid {
  const body = t.bands
    .slice((header ?? -1) + 1)
    .flat()
    .flatMap((c) => c.words);
  let borders = xs;
  if (!borders) {
    const head = [...(t.bands[header ?? 0] ?? [])].sort((a, b) => a.box.x0 - b.box.x0);
    borders = [
      t.x0,
      ...head.slice(1).map((c, i) => borderBetween((head[i] as BandCell).box, c.box, body)),
      t.x1,
    ];
  }
  const cells: GridCell[] = [];
  t.bands.forEach((band, row) => {
    const byCol = new Map<number, Word[]>();
    for (const w of band.flatMap((c) => c.words)) {
      const col = columnOf(borders, w.box);
      if (col >= 0) byCol.set(col, [...(byCol.get(col) ?? []), w]);
    }
    for (const [col, words] of byCol) {
      const box = {
        x0: Math.min(...words.map((w) => w.box.x0)),
        y0: Math.min(...words.map((w) => w.box.y0)),
        x1: Math.max(...words.map((w) => w.box.x1)),
        y1: Math.max(...words.map((w) => w.box.y1)),
      };
      cells.push({ row, col, rowSpan: 1, colSpan: 1, text: wordsText(words, joinWrapped), box, words });
    }
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page: t.page, xs: borders, ys: t.ys, cells, source: 'text', confidence: 1 };
}

/** A ruled table as a grid with its goods header row, or with the columns of the table it continues. */
function goodsGrid(t: RuledTable, previous: Grid | null): { grid: Grid; header: number | null } | null {
  if (!isBanded(t)) {
    const header = [0, 1, 2].find((r) => r < rowsOf(t) && headerKinds(t, r));
    return { grid: t, header: header ?? null };
  }
  const header = [0, 1, 2].find((r) => isGoodsHeader((t.bands[r] ?? []).map((c) => kindOf(c.text))));
  if (header !== undefined) return { grid: bandedGrid(t, header), header };
  const continues =
    previous &&
    Math.abs((previous.xs[0] ?? 0) - t.x0) < 0.01 &&
    Math.abs((previous.xs.at(-1) ?? 0) - t.x1) < 0.01;
  return continues ? { grid: bandedGrid(t, null, previous.xs), header: null } : null;
}

const sameColumns = (a: Grid, b: Grid) =>
  colsOf(a) === colsOf(b) && a.xs.every((x, i) => Math.abs(x - (b.xs[i] ?? 0)) < 0.01);

/**
 * The goods lines of the first ruled goods table (and its continuation on the following pages), with
 * the keys of the lines they were read from; null when no ruled grid has a goods header.
 */
export function readGoodsGrids(ruled: RuledTables): { lines: ContractLine[]; consumed: Set<string> } | null {
  const lines: ContractLine[] = [];
  const consumed = new Set<string>();
  let table: { grid: Grid; kinds: (GoodsColumn | null)[] } | null = null;
  for (const t of ruled.grids) {
    const keys = ruled.rowKeys.get(t) ?? [];
    const read = goodsGrid(t, table?.grid ?? null);
    if (!read) {
      if (table) break;
      continue;
    }
    const g = read.grid;
    const header = read.header;
    let from = 0;
    if (header !== null) {
      if (table && table.grid.page === g.page) break;
      table = { grid: g, kinds: headerKinds(g, header) ?? [] };
      from = header + 1;
      for (let r = 0; r <= header; r++) if (keys[r]) consumed.add(keys[r] ?? '');
    } else if (!table || g.page <= table.grid.page || !sameColumns(table.grid, g)) {
      // only a grid on a following page with the same columns continues the table
      if (table) break;
      continue;
    }
    const kinds: (GoodsColumn | null)[] = table.kinds;
    let ended = false;
    for (let r = from; r < rowsOf(g); r++) {
      const cells = g.cells.filter((c) => c.row === r && c.text.trim() !== '');
      if (TOTAL_ROW.test(cells[0]?.text.trim() ?? '') || cells.some((c) => TOTAL_CELL.test(c.text.trim()))) {
        ended = true;
        break;
      }
      const line = rowLine(g, kinds, r, lines.length + 1);
      if (!line) continue;
      lines.push(line);
      if (keys[r]) consumed.add(keys[r] ?? '');
    }
    table = { grid: g, kinds };
    if (ended) break;
  }
  return lines.length ? { lines, consumed } : null;
}
