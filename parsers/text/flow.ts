/**
 * A document's lines as one string ("flow"): cells joined by tabs, lines by newlines, pages in order,
 * with a map back from character offsets to the page/line/box they came from.
 */
import type { Box, DocumentText, TextLine } from '../types';
import { normaliseText } from './normalise';

export interface FlowLine {
  page: number;
  /** index of the line in its page */
  index: number;
  start: number;
  end: number;
  text: string;
  box: Box | null;
  /** box of each tab-separated cell of `text`, when known */
  cellBoxes?: (Box | null)[];
  confidence: number;
}

export interface Flow {
  text: string;
  lines: FlowLine[];
}

/** The text of one line: its cells joined by tabs when the source separated them. */
export function lineText(line: { text: string; cells?: string[] }): string {
  const raw = line.cells && line.cells.length > 1 ? line.cells.join('\t') : line.text;
  return normaliseText(raw)
    .split('\t')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join('\t');
}

/** Each cell's box: the source's cell boxes, or an OCR line's segment boxes when they are its cells. */
function cellBoxesOf(line: TextLine, cells: number): (Box | null)[] | undefined {
  if (line.cellBoxes?.length === cells) return line.cellBoxes;
  const words = line.words;
  if (!line.cellBoxes && words && words.length === cells && line.cells?.length === cells) {
    return words.map((w) => w.box);
  }
  return undefined;
}

/**
 * Builds the flow. `skip(page, index)` drops lines (e.g. item-table rows) so label values cannot
 * run into them.
 */
export function buildFlow(doc: DocumentText, skip?: (page: number, index: number) => boolean): Flow {
  const lines: FlowLine[] = [];
  let text = '';
  for (const page of doc.pages) {
    page.lines.forEach((line, index) => {
      if (skip?.(page.page, index)) return;
      const t = lineText(line);
      if (!t) return;
      const start = text.length;
      text += `${t}\n`;
      const cellBoxes = cellBoxesOf(line, t.split('\t').length);
      lines.push({
        page: page.page,
        index,
        start,
        end: start + t.length,
        text: t,
        box: line.box,
        cellBoxes,
        confidence: line.confidence,
      });
    });
  }
  return { text, lines };
}

/** The box of the cell holding a character offset: the cell's own box when known, else its line's. */
export function boxAt(flow: Flow, offset: number): Box | null {
  const line = lineAt(flow, offset);
  if (!line) return null;
  const cell = (line.text.slice(0, Math.max(0, offset - line.start)).match(/\t/g) ?? []).length;
  return line.cellBoxes?.[cell] ?? line.box;
}

/** The flow line containing a character offset (binary search). */
export function lineAt(flow: Flow, offset: number): FlowLine | null {
  let lo = 0;
  let hi = flow.lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = flow.lines[mid];
    if (!l) break;
    if (offset < l.start) hi = mid - 1;
    else if (offset > l.end) lo = mid + 1;
    else return l;
  }
  return null;
}
