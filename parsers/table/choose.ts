/**
 * Which reading of an OCR'd document's item tables to keep: the one read from the page geometry
 * (read-tables.ts) or the one read from the text lines (report-items.ts). The measure is the same for
 * every layout: items that carry both a name and a verdict. The geometry wins ties (its rows and
 * columns are placed by position, not by the order OCR returned the segments in).
 */
import type { ReportItem } from '../types';

const complete = (items: ReportItem[]) => items.filter((i) => i.name.trim() && i.verdict !== null).length;

export function preferGeometry(geometry: ReportItem[], lines: ReportItem[]): boolean {
  return complete(geometry) >= complete(lines);
}
