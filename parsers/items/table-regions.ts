/** The lines that page geometry found inside the item tables. */
import type { Box, DocumentText } from '../types';
import { levelBox, levelSlope } from '../table/level';
import { lineKey } from './table-lines';

/**
 * `page:index` keys of the lines inside the table regions (boxes on the levelled page): the line's
 * centre inside one, and each of its words standing in one for three quarters of its height at least —
 * a segment OCR ran over two printed lines (the line above the table and the table's first row) is not
 * the table's, nor is the line holding it: its text stays for the header fields.
 */
export function linesInRegions(
  doc: DocumentText,
  regions: readonly { page: number; box: Box }[],
): Set<string> {
  const consumed = new Set<string>();
  for (const p of doc.pages) {
    const slope = levelSlope(p);
    const mine = regions.filter((r) => r.page === p.page).map((r) => r.box);
    const inside = (b: Box) => {
      const x = (b.x0 + b.x1) / 2;
      const y = (b.y0 + b.y1) / 2;
      return mine.some((r) => x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1);
    };
    const within = (b: Box) =>
      mine.some((r) => {
        const x = (b.x0 + b.x1) / 2;
        const overlap = Math.min(b.y1, r.y1) - Math.max(b.y0, r.y0);
        return x >= r.x0 && x <= r.x1 && overlap >= (b.y1 - b.y0) * 0.75;
      });
    p.lines.forEach((l, index) => {
      if (!l.box || !inside(levelBox(l.box, slope))) return;
      const words = (l.words ?? []).flatMap((w) => (w.box ? [levelBox(w.box, slope)] : []));
      if (words.every(within)) consumed.add(lineKey({ page: p.page, index }));
    });
  }
  return consumed;
}
