/**
 * Where a label's value sits on the page, found from the cells' boxes rather than from reading order.
 * A cell that holds a label alone (OCR splits "label" and "value" into separate segments; a grid
 * prints them in separate cells) takes as its value the cell to its right on the same row, or —
 * when the next thing to its right is another label — the cell directly below it within its column
 * (a label with its value on the line below, inside one grid cell). A label printed in two languages
 * one above the other ("样品名称" over "Sample Name") counts as one label block, so a value centred
 * beside the pair belongs to both. A cell that itself starts with a label is never a value.
 */
import type { Box } from '../types';
import type { Flow } from './flow';
import type { LabelHit } from './labels';

/** One tab-separated cell of the flow with its box. */
interface PlacedCell {
  page: number;
  start: number;
  end: number;
  box: Box;
}

const height = (b: Box) => b.y1 - b.y0;
const centreY = (b: Box) => (b.y0 + b.y1) / 2;

function placedCells(flow: Flow): PlacedCell[] {
  const cells: PlacedCell[] = [];
  for (const line of flow.lines) {
    if (!line.cellBoxes) continue;
    let start = line.start;
    line.text.split('\t').forEach((t, i) => {
      const box = line.cellBoxes?.[i];
      if (box && height(box) > 0) cells.push({ page: line.page, start, end: start + t.length, box });
      start += t.length + 1;
    });
  }
  return cells;
}

/** The cell holding a flow offset (cells are in flow order). */
function cellAt(cells: PlacedCell[], offset: number): PlacedCell | null {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    if (!c) break;
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return c;
  }
  return null;
}

/** A label cell with the labels of the same field printed just above or below it (two languages). */
function labelBlock<F>(cell: PlacedCell, field: F | null, fieldOf: Map<PlacedCell, F | null>): Box {
  const h = height(cell.box);
  const block = { ...cell.box };
  for (const [other, f] of fieldOf) {
    if (other === cell || other.page !== cell.page || f !== field) continue;
    const gap = Math.max(other.box.y0 - block.y1, block.y0 - other.box.y1);
    if (gap < 0.5 * h && Math.abs(other.box.x0 - block.x0) < 1.5 * h) {
      block.y0 = Math.min(block.y0, other.box.y0);
      block.y1 = Math.max(block.y1, other.box.y1);
      block.x1 = Math.max(block.x1, other.box.x1);
    }
  }
  return block;
}

/** The nearest cell under a label block, within its column and about a line below it. */
function below(cells: PlacedCell[], block: Box, h: number): PlacedCell | undefined {
  return cells
    .filter(
      (c) =>
        c.box.y0 >= block.y1 - 0.4 * h &&
        c.box.y0 - block.y1 < 1.2 * h &&
        c.box.x0 < block.x1 &&
        c.box.x1 > block.x0 &&
        Math.abs(c.box.x0 - block.x0) < 3 * h,
    )
    .sort((a, b) => a.box.y0 - b.box.y0)[0];
}

/**
 * For every hit whose cell holds its label alone: the flow offset of its value cell, or null when
 * the geometry shows it has none (the next cell is another label). Hits that share their cell with
 * a value are left out (the flow reads those).
 */
export function placedValueOffsets<F extends string>(
  flow: Flow,
  hits: LabelHit<F>[],
): Map<LabelHit<F>, number | null> {
  const out = new Map<LabelHit<F>, number | null>();
  const cells = placedCells(flow);
  if (cells.length === 0) return out;
  const text = flow.text;
  // cells that start with a label (allowing a stray mark before it) are labels, never values
  const labelCells = new Set<PlacedCell>();
  const alone = new Map<LabelHit<F>, PlacedCell>();
  for (const h of hits) {
    const cell = cellAt(cells, h.start);
    if (!cell || !/^[^\p{L}\p{N}]?$/u.test(text.slice(cell.start, h.start).trim())) continue;
    labelCells.add(cell);
    const valueEnd = Math.min(h.valueEnd, cell.end);
    if (
      h.valueStart <= cell.end &&
      h.valueEnd >= cell.end &&
      /^[\s:：.。]*$/.test(text.slice(h.valueStart, valueEnd))
    ) {
      alone.set(h, cell);
    }
  }
  const fieldOf = new Map<PlacedCell, F | null>();
  for (const [h, c] of alone) fieldOf.set(c, h.field);
  const blocks = new Map<LabelHit<F>, Box>();
  for (const [hit, cell] of alone) blocks.set(hit, labelBlock(cell, hit.field, fieldOf));
  const onPage = (cell: PlacedCell, field: F | null) =>
    cells.filter((c) => c.page === cell.page && c !== cell && (field === null || fieldOf.get(c) !== field));
  const rightOf = (hit: LabelHit<F>, cell: PlacedCell): PlacedCell | undefined => {
    const block = blocks.get(hit) ?? cell.box;
    const h = height(cell.box);
    return onPage(cell, hit.field)
      .filter((c) => c.box.x0 >= block.x1 - 0.3 * h && centreY(c.box) > block.y0 && centreY(c.box) < block.y1)
      .sort((a, b) => a.box.x0 - b.box.x0)[0];
  };
  // a value printed under a label that has none beside it, left-aligned with it, is that label's:
  // no label on the value's row takes it
  const stacked = new Map<PlacedCell, LabelHit<F>>();
  for (const [hit, cell] of alone) {
    const beside = rightOf(hit, cell);
    if (beside && !labelCells.has(beside)) continue;
    const block = blocks.get(hit) ?? cell.box;
    const under = below(onPage(cell, hit.field), block, height(cell.box));
    if (under && !labelCells.has(under) && Math.abs(under.box.x0 - block.x0) < 1.5 * height(cell.box)) {
      stacked.set(under, hit);
    }
  }
  for (const [hit, cell] of alone) {
    if (hit.field === null) continue;
    const right = rightOf(hit, cell);
    const owner = right ? stacked.get(right) : undefined;
    if (right && !labelCells.has(right) && (!owner || owner === hit)) {
      out.set(hit, right.start);
      continue;
    }
    const under = below(onPage(cell, hit.field), blocks.get(hit) ?? cell.box, height(cell.box));
    out.set(hit, under && !labelCells.has(under) ? under.start : null);
  }
  return out;
}
