/**
 * The item table of a test report: read from page geometry when positions are known (table/), else
 * from text lines (items/: header, rows followed across pages, wrapped cells joined, sub-rows named
 * `parent + " " + sub`, unit / requirement / result / verdict per row).
 */
import { readItemLines } from './items/read-item-lines';
import { linesInRegions } from './items/table-regions';
import type { ItemTable } from './items/types';
import { preferGeometry } from './table/choose';
import { readItemTables } from './table/read-tables';
import type { DocumentText } from './types';

export { canonicalItemName, snapItemName, verdictOf } from './item-vocab';
export type { ItemTable } from './items/types';

/** Reads the item table(s) of a report: from page geometry when positions are known, else from lines. */
export function parseItemTable(doc: DocumentText): ItemTable {
  const geo = readItemTables(doc);
  // OCR'd pages: the line reader's items compete with the geometry's (table/choose.ts)
  const byLines = doc.pages.some((p) => p.source === 'ocr') ? readItemLines(doc) : null;
  if (geo && geo.items.length > 0 && (!byLines || preferGeometry(geo.items, byLines.items))) {
    return { items: geo.items, consumed: linesInRegions(doc, geo.regions), columns: [] };
  }
  return byLines ?? readItemLines(doc);
}
