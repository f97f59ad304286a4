/**
 * Step 3a of the item-table line reader: OCR lists lines top to bottom, and an item printed in a merged
 * cell sits centred beside its sub-rows: "变色 …" comes before "5 耐水色牢度", "沾色 …" after it.
 */
import { isParentOnly, isParentWithSubRow, isSubRow } from './row-shape';
import type { TableLine } from './types';

// on the levelled page: a sub-row's wide line and its parent's short label, on a page askew, are
// compared where the text line runs, not by their boxes' middles at different heights of the slope
const centreY = (l: TableLine) => l.levelledY;

/** Moves each such OCR parent line up, before the sub-rows that are nearer to it than to the item above them. */
export function parentsBeforeTheirSubRows(lines: readonly TableLine[]): TableLine[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    const parent = out[i];
    const to = parent ? parentPlace(out, i, parent) : null;
    if (to === null) continue;
    out.splice(i, 1);
    out.splice(to, 0, parent as TableLine);
  }
  return out;
}

/**
 * Where the parent line at `i` belongs: before the first sub-row above it that is nearer to it; null to
 * stay. A parent line holding a sub-row of its own ("17 水洗尺寸变化率 横向 …", isParentWithSubRow) takes
 * the sub-rows above it when the line above them is an item's whole row, which has no sub-rows; under a
 * line holding its item's first sub-row they are that item's, and under a bare parent the distances say.
 */
function parentPlace(lines: readonly TableLine[], i: number, parent: TableLine): number | null {
  if (parent.source !== 'ocr') return null;
  const parentOnly = isParentOnly(parent.text);
  if (!parentOnly && !isParentWithSubRow(parent.text)) return null;
  const pc = centreY(parent);
  if (pc === null) return null;
  const start = firstSubRowAbove(lines, i, parent.page);
  if (start === i) return null;
  // the line above the sub-rows: another merged parent claims the sub-rows nearer to it
  const above = lines[start - 1];
  const onPage = above !== undefined && above.page === parent.page;
  const aboveParentOnly = onPage && isParentOnly(above.text);
  if (!parentOnly && !aboveParentOnly) return onPage && isParentWithSubRow(above.text) ? null : start;
  const ac = aboveParentOnly ? centreY(above) : null;
  if (!parentOnly && ac === null) return null;
  let first = start;
  while (first < i) {
    const c = centreY(lines[first] as TableLine);
    if (c === null || (ac !== null && c - ac < pc - c)) first++;
    else break;
  }
  return first === i ? null : first;
}

/** The first of the run of whole sub-rows right above line `i` on its page (`i` when there is none). */
function firstSubRowAbove(lines: readonly TableLine[], i: number, page: number): number {
  let start = i;
  while (start > 0) {
    const prev = lines[start - 1];
    if (!prev || prev.page !== page || !isSubRow(prev.text)) break;
    start--;
  }
  return start;
}
