/**
 * The item table read from text lines (no page geometry: tab-separated text-layer cells or OCR lines):
 * collect the lines → find the header → put merged parents before their sub-rows → group the rows →
 * read each row into an item.
 */
import type { DocumentText, ReportItem } from '../types';
import { groupRows } from './group-rows';
import { findHeader } from './header';
import { parentsBeforeTheirSubRows } from './merged-parents';
import { rowItem } from './row-item';
import { collectTableLines, lineKey } from './table-lines';
import type { ItemTable } from './types';

/** Reads the item table(s) from the document's lines; no items when no header is found. */
export function readItemLines(doc: DocumentText): ItemTable {
  const lines = collectTableLines(doc);
  const header = findHeader(lines);
  if (!header) return { items: [], consumed: new Set(), columns: [] };
  const groups = groupRows(parentsBeforeTheirSubRows(lines.slice(header.end + 1)), header.columns);
  return {
    items: groups.rows.map((r) => rowItem(r, header)).filter((i): i is ReportItem => i !== null),
    consumed: new Set([...lines.slice(header.start, header.end + 1).map(lineKey), ...groups.consumed]),
    columns: header.columns,
  };
}
