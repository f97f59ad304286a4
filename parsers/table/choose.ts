/**
 * Which reading of an OCR'd document's item tables to keep: the one read from the page geometry
 * (read-tables.ts) or the one read from the text lines (report-items.ts). The measures are the same for
 * every layout: first, items that carry both a name and a verdict; on a tie, items whose name (the part
 * before a sub-item word such as 变色/沾色) is a test item the vocabulary knows — a name cut at a column
 * line or doubled by a merged cell is not. The geometry wins what is still tied (its rows and columns are
 * placed by position, not by the order OCR returned the segments in).
 */
import { isKnownItemName } from '../item-vocab';
import type { ReportItem } from '../types';

const complete = (items: ReportItem[]) => items.filter((i) => i.name.trim() && i.verdict !== null).length;
const named = (items: ReportItem[]) => items.filter((i) => isKnownItemName(i.name)).length;

export function preferGeometry(geometry: ReportItem[], lines: ReportItem[]): boolean {
  const byComplete = complete(geometry) - complete(lines);
  if (byComplete !== 0) return byComplete > 0;
  return named(geometry) >= named(lines);
}
