/**
 * Test helper: a text-layer page with ruled tables, laid out on a 100 × 100 unit page. Text blocks are
 * lines; a table's cells hold lines of their own ("江州市某某区\nXX小学" wraps in its cell) and are
 * ruled. Every run comes out as a line of its own, in the order the cells are printed — the text
 * layer of a PDF whose cells wrap does not keep a table row on one line either.
 */
import type { Box, DocumentText, TextLine } from '../types';

/**
 * A table: its rows of cells; `rules` draws a full grid (default) or only a line under each row (each
 * cell ruled at its bottom: no line above the first row, none between the columns). With `mergeShort`,
 * the last cell of a row shorter than the table spans the columns to its right edge (no column lines
 * drawn through it).
 */
export type Block =
  string | { table: string[][]; widths?: number[]; rules?: 'grid' | 'under-rows'; mergeShort?: boolean };

const charWidth = (ch: string) => (/[\u3400-\u9fff（）：]/.test(ch) ? 1.2 : 0.7);
const LINE = 1.6;

function run(text: string, x: number, y: number): TextLine {
  const w = [...text].reduce((a, ch) => a + charWidth(ch), 0);
  const box = { x0: x / 100, y0: y / 100, x1: (x + w) / 100, y1: (y + 1.2) / 100 };
  return { text, cells: [text], words: [{ text, box }], box, confidence: 1 };
}

const rule = (x0: number, y0: number, x1: number, y1: number): Box => ({
  x0: x0 / 100 - 0.0005,
  y0: y0 / 100 - 0.0005,
  x1: x1 / 100 + 0.0005,
  y1: y1 / 100 + 0.0005,
});

/** One page of text lines and ruled tables, top to bottom. */
export function ruledDoc(...blocks: Block[]): DocumentText {
  const lines: TextLine[] = [];
  const rules: Box[] = [];
  let y = 5;
  for (const b of blocks) {
    if (typeof b === 'string') {
      lines.push(run(b, 5, y));
      y += LINE + 0.4;
      continue;
    }
    const cols = Math.max(...b.table.map((r) => r.length));
    const widths = b.widths ?? Array.from({ length: cols }, () => 90 / cols);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? 5) + w], [5]);
    const columnLines: { x: number; y0: number; y1: number }[] = [];
    for (const row of b.table) {
      const height = Math.max(...row.map((c) => c.split('\n').length)) * LINE + 0.8;
      row.forEach((cell, c) => {
        cell
          .split('\n')
          .filter((t) => t !== '')
          .forEach((t, k) => lines.push(run(t, (xs[c] ?? 0) + 0.5, y + 0.4 + k * LINE)));
      });
      if (b.rules !== 'under-rows') rules.push(rule(5, y, xs[xs.length - 1] ?? 95, y));
      const drawn = b.mergeShort && row.length < cols ? [...xs.slice(0, row.length), xs[cols] ?? 95] : xs;
      for (const x of drawn) columnLines.push({ x, y0: y, y1: y + height });
      y += height;
      if (b.rules === 'under-rows') rules.push(rule(5, y, xs[xs.length - 1] ?? 95, y));
    }
    if (b.rules !== 'under-rows') {
      rules.push(rule(5, y, xs[xs.length - 1] ?? 95, y));
      for (const l of columnLines) rules.push(rule(l.x, l.y0, l.x, l.y1));
    }
    y += 2;
  }
  return { form: 'text_pdf', pages: [{ page: 1, source: 'text_layer', lines, rules }] };
}
