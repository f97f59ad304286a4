/**
 * Which reading of an OCR'd document's item tables to keep: the one read from the page geometry
 * (read-tables.ts) or the one read from the text lines (report-items.ts). The measures are the same for
 * every layout: first, items that carry both a whole name (not a sub-item word alone, as 变色 is when
 * its parent was lost) and a verdict; on a tie, items whose name (the part before a sub-item word such as
 * 变色/沾色) is a test item the vocabulary knows — a name cut at a column line or doubled by a merged cell
 * is not. The geometry wins what is still tied (its rows and columns are placed by position, not by the
 * order OCR returned the segments in).
 */
import { isKnownItemName, isSubItem } from '../item-vocab';
import type { ReportItem } from '../types';

/** A name that is only a sub-item word (变色, 铅(Pb)) lost its parent item: it names no test on its own. */
const wholeName = (name: string) => name.trim() !== '' && !isSubItem(name);
const complete = (items: ReportItem[]) => items.filter((i) => wholeName(i.name) && i.verdict !== null).length;
const named = (items: ReportItem[]) => items.filter((i) => isKnownItemName(i.name)).length;

export function preferGeometry(geometry: ReportItem[], lines: ReportItem[]): boolean {
  const byComplete = complete(geometry) - complete(lines);
  if (byComplete !== 0) return byComplete > 0;
  return named(geometry) >= named(lines);
}
