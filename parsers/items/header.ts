/** Step 2 of the item-table line reader: the column header, its lines, column kinds and positions. */
import type { ColumnKind } from '../data/table-vocab';
import { headerKinds } from '../item-vocab';
import { headerPositions } from './by-position';
import type { Header, TableLine } from './types';

/** The first header: a line (or a run of short lines) naming the item, result/verdict and one more column. */
export function findHeader(lines: readonly TableLine[]): Header | null {
  for (let i = 0; i < lines.length; i++) {
    const header = headerAt(lines, i);
    if (header) return header;
  }
  return null;
}

/** The header starting at line `i`, if that line starts one. */
function headerAt(lines: readonly TableLine[], i: number): Header | null {
  const l = lines[i];
  if (!l) return null;
  const h = headerKinds(l.text);
  // a header line is mostly header words (OCR noise aside); a sentence naming 项目 and 要求 is none
  if (h.kinds.length === 0 || h.other > 0.5) return null;
  const run = h.pure ? headerRun(lines, i, h.kinds) : { end: i, kinds: [...h.kinds] };
  const columns = printedOrder(lines.slice(i, run.end + 1), run.kinds);
  const cols = columns.filter((k) => k !== 'index');
  if (!(cols.includes('name') && (cols.includes('verdict') || cols.includes('result')) && cols.length >= 3)) {
    return null;
  }
  return { start: i, end: run.end, columns, positions: headerPositions(lines.slice(i, run.end + 1)) };
}

/**
 * A line of header words only, with the lines below it on its page that are header words too (or an
 * English caption): the last line of the run and the union of the kinds named.
 */
function headerRun(
  lines: readonly TableLine[],
  i: number,
  first: readonly ColumnKind[],
): { end: number; kinds: ColumnKind[] } {
  const kinds = [...first];
  let end = i;
  for (let j = i + 1; j < Math.min(lines.length, i + 16); j++) {
    const n = lines[j];
    if (!n || n.page !== lines[i]?.page) break;
    const hj = headerKinds(n.text);
    if (!hj.pure || hj.kinds.length === 0) {
      if (/^[A-Za-z .()/]+$/.test(n.text)) {
        end = j;
        continue;
      }
      break;
    }
    for (const k of hj.kinds) if (!kinds.includes(k)) kinds.push(k);
    end = j;
  }
  return { end, kinds };
}

/**
 * Column kinds in printed order: one line naming most columns gives the order; a header spread over
 * lines (one word each) the union as found.
 */
function printedOrder(header: readonly TableLine[], kinds: ColumnKind[]): ColumnKind[] {
  let richest = headerKinds(header[0]?.text ?? '').kinds;
  for (const l of header.slice(1)) {
    const hj = headerKinds(l.text).kinds;
    if (hj.length > richest.length) richest = hj;
  }
  return richest.length >= 3 ? [...richest, ...kinds.filter((k) => !richest.includes(k))] : kinds;
}
