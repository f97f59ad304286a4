/**
 * The grid of a table as read from a page's geometry: column and row borders, and cells that may
 * span several rows or columns (merged cells). Built from ruling lines (lattice.ts) or from the
 * alignment of the text itself (stream.ts); read for meaning by roles.ts and rows.ts.
 */
import type { Box } from '../types';

/** A run of text with its box (a PDF text item or an OCR segment). */
export interface Word {
  text: string;
  box: Box;
  confidence?: number;
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** the cell's text: its words in reading order, lines joined as printed wrapping */
  text: string;
  box: Box;
  words: Word[];
}

export interface Grid {
  page: number;
  /** x borders (fractions of the page), left to right: columns = xs.length - 1 */
  xs: number[];
  /** y borders, top to bottom: rows = ys.length - 1 */
  ys: number[];
  cells: GridCell[];
  /** how the borders were found */
  source: 'rules' | 'text';
  /** lowest confidence of the words read into the grid (1 for a text layer) */
  confidence: number;
}

export const rowsOf = (g: Grid) => g.ys.length - 1;
export const colsOf = (g: Grid) => g.xs.length - 1;

/** The cell covering grid unit (row, col), if any. */
export function cellAt(g: Grid, row: number, col: number): GridCell | undefined {
  return g.cells.find(
    (c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan,
  );
}

/** The distinct cells of a grid row, left to right. */
export function rowCells(g: Grid, row: number): GridCell[] {
  const out: GridCell[] = [];
  for (let c = 0; c < colsOf(g); c++) {
    const cell = cellAt(g, row, c);
    if (cell && !out.includes(cell)) out.push(cell);
  }
  return out;
}

export function boxOf(g: Grid): Box {
  return {
    x0: g.xs[0] ?? 0,
    y0: g.ys[0] ?? 0,
    x1: g.xs[g.xs.length - 1] ?? 1,
    y1: g.ys[g.ys.length - 1] ?? 1,
  };
}

export const centreX = (b: Box) => (b.x0 + b.x1) / 2;
export const centreY = (b: Box) => (b.y0 + b.y1) / 2;

/** Width weight of a character: Han and full-width characters are about twice as wide as ASCII. */
function charWeight(ch: string): number {
  return /[\u2e80-\uffef]/.test(ch) ? 1 : 0.55;
}

/**
 * Splits a word at the x borders it crosses (an OCR segment or text run spanning two cells), placing
 * characters by their typical widths; a cut near a space is moved to the space. Spaces at a cut are
 * dropped.
 */
export function splitAtBorders(w: Word, borders: number[]): Word[] {
  const inside = borders.filter((x) => x > w.box.x0 + 0.002 && x < w.box.x1 - 0.002).sort((a, b) => a - b);
  if (inside.length === 0) return [w];
  const chars = [...w.text];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const width = w.box.x1 - w.box.x0;
  // x of the left edge of each character (and the end)
  const edges: number[] = [];
  let acc = 0;
  for (let i = 0; i <= chars.length; i++) {
    edges.push(w.box.x0 + (acc / total) * width);
    acc += weights[i] ?? 0;
  }
  const cuts: number[] = [];
  for (const x of inside) {
    // the character boundary nearest the border, moved to a space within three characters
    let k = 0;
    for (let i = 1; i < chars.length; i++) {
      if (Math.abs((edges[i] ?? 0) - x) < Math.abs((edges[k] ?? 0) - x)) k = i;
    }
    for (let d = 0; d <= 3; d++) {
      if (chars[k - d - 1] === ' ' || chars[k - d] === ' ') {
        k -= d;
        break;
      }
      if (chars[k + d - 1] === ' ' || chars[k + d] === ' ') {
        k += d;
        break;
      }
    }
    if (k > 0 && k < chars.length && !cuts.includes(k)) cuts.push(k);
  }
  cuts.sort((a, b) => a - b);
  const out: Word[] = [];
  let start = 0;
  for (const k of [...cuts, chars.length]) {
    const text = chars.slice(start, k).join('').trim();
    const x0 = start === 0 ? w.box.x0 : (edges[start] ?? w.box.x0);
    const x1 = k === chars.length ? w.box.x1 : (edges[k] ?? w.box.x1);
    if (text) out.push({ ...w, text, box: { ...w.box, x0, x1 } });
    start = k;
  }
  return out;
}

/** Words → text: lines by vertical position, words in a line by x; wrapped lines joined. */
export function wordsText(words: Word[], join: (a: string, b: string) => string): string {
  const sorted = [...words].sort((a, b) => centreY(a.box) - centreY(b.box));
  const lines: Word[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const h = w.box.y1 - w.box.y0;
    const last = line?.[line.length - 1];
    if (
      line &&
      last &&
      Math.abs(centreY(last.box) - centreY(w.box)) < Math.min(h, last.box.y1 - last.box.y0) * 0.5
    ) {
      line.push(w);
    } else {
      lines.push([w]);
    }
  }
  return lines
    .map((l) => {
      l.sort((a, b) => a.box.x0 - b.box.x0);
      let s = '';
      let prev: Word | undefined;
      for (const w of l) {
        const h = w.box.y1 - w.box.y0;
        const gap = prev ? w.box.x0 - prev.box.x1 : 0;
        s = prev ? (gap > h * 0.25 ? `${s} ${w.text}` : s + w.text) : w.text;
        prev = w;
      }
      return s.trim();
    })
    .filter(Boolean)
    .reduce((acc, l) => join(acc, l), '');
}
