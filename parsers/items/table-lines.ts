/** Step 1 of the item-table line reader: the document's non-empty lines, each with where it stands. */
import { lineText } from '../text/flow';
import type { DocumentText } from '../types';
import type { TableLine } from './types';

/** The `page:index` key of a line, as `ItemTable.consumed` holds it. */
export const lineKey = (l: { page: number; index: number }): string => `${l.page}:${l.index}`;

/** Every non-empty line of the document in page order, cells tab-separated. */
export function collectTableLines(doc: DocumentText): TableLine[] {
  return doc.pages.flatMap((p) =>
    p.lines.flatMap((line, index): TableLine[] => {
      const text = lineText(line);
      if (!text) return [];
      return [
        {
          page: p.page,
          index,
          text,
          box: line.box,
          confidence: line.confidence,
          source: p.source,
          words: line.words,
        },
      ];
    }),
  );
}
