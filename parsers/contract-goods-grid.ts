/**
 * The goods table of a contract read from its ruled grid (text/ruled-tables.ts): the header row's
 * cells name the columns (data/contract-labels.ts GOODS_COLUMNS, any order, Chinese, English or both),
 * each row below gives one goods line from the cells under them. A table continued on the next page
 * keeps its columns; a 合计 row ends it. Rows need no printed number. Nothing is inferred: a cell that
 * holds no figure gives null.
 */
import type { GoodsColumn } from './data/contract-labels';
import { GOODS_UNITS } from './data/vocab';
import { categoryOf, goodsColumns } from './contract-goods';
import { cellAt, colsOf, rowsOf, type Grid } from './table/grid';
import type { RuledTables } from './text/ruled-tables';
import { cleanName } from './text/names';
import { parseNumber } from './text/numerals';
import type { ContractLine } from './types';

/** A row that sums the table (合计, 总计, 小计, Total) rather than naming goods. */
const TOTAL_ROW = /^(?:合\s*计|总\s*计|小\s*计|Total\b|Sum\b)/i;
const UNITS = new Set(GOODS_UNITS);

/** The column kind each grid column's header cell names in row `r`, or null when the row is no goods header. */
function headerKinds(g: Grid, r: number): (GoodsColumn | null)[] | null {
  const kinds: (GoodsColumn | null)[] = Array.from({ length: colsOf(g) }, () => null);
  for (const cell of g.cells) {
    if (cell.row > r || cell.row + cell.rowSpan <= r) continue;
    kinds[cell.col] = goodsColumns(cell.text)[0] ?? null;
  }
  const named = new Set(kinds.filter((k): k is GoodsColumn => k !== null && k !== 'other'));
  const priced = named.has('unitPrice') || named.has('amount');
  return named.has('product') && named.has('quantity') && priced && named.size >= 4 ? kinds : null;
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
  for (const g of ruled.grids) {
    const keys = ruled.rowKeys.get(g) ?? [];
    let from = 0;
    const header = [0, 1, 2].find((r) => r < rowsOf(g) && headerKinds(g, r));
    if (header !== undefined) {
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
      const first = g.cells.find((c) => c.row === r && c.text.trim() !== '')?.text ?? '';
      if (TOTAL_ROW.test(first.trim())) {
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
