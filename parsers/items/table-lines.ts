/** Step 1 of the item-table line reader: the document's non-empty lines, each with where it stands. */
import { subItemAndUnit } from '../item-vocab';
import { levelBox, levelSlope } from '../table/level';
import { lineText } from '../text/flow';
import type { DocumentText } from '../types';
import type { TableLine } from './types';

/** The `page:index` key of a line, as `ItemTable.consumed` holds it. */
export const lineKey = (l: { page: number; index: number }): string => `${l.page}:${l.index}`;

/** Every non-empty line of the document in page order, cells tab-separated. */
export function collectTableLines(doc: DocumentText): TableLine[] {
  return doc.pages.flatMap((p) => {
    const slope = levelSlope(p);
    return p.lines.flatMap((line, index): TableLine[] => {
      const read = lineText(line);
      if (!read) return [];
      const text = p.source === 'ocr' ? withSubItemUnitsApart(read) : read;
      const levelled = line.box ? levelBox(line.box, slope) : null;
      return [
        {
          page: p.page,
          index,
          text,
          box: line.box,
          levelledY: levelled ? (levelled.y0 + levelled.y1) / 2 : null,
          confidence: line.confidence,
          source: p.source,
          words: line.words,
        },
      ];
    });
  });
}

/** An OCR'd line with each cell holding a sub-item word and its unit ("变色级") cut into the two cells. */
function withSubItemUnitsApart(text: string): string {
  return text
    .split('\t')
    .map((cell) => subItemAndUnit(cell)?.join('\t') ?? cell)
    .join('\t');
}
