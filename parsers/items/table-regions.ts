/** The lines that page geometry found inside the item tables. */
import type { Box, DocumentText } from '../types';
import { lineKey } from './table-lines';

/** `page:index` keys of the lines whose centre lies inside one of the table regions. */
export function linesInRegions(
  doc: DocumentText,
  regions: readonly { page: number; box: Box }[],
): Set<string> {
  const consumed = new Set<string>();
  for (const p of doc.pages) {
    p.lines.forEach((l, index) => {
      if (!l.box) return;
      const x = (l.box.x0 + l.box.x1) / 2;
      const y = (l.box.y0 + l.box.y1) / 2;
      const inside = regions.some(
        (r) => r.page === p.page && x >= r.box.x0 && x <= r.box.x1 && y >= r.box.y0 && y <= r.box.y1,
      );
      if (inside) consumed.add(lineKey({ page: p.page, index }));
    });
  }
  return consumed;
}
