/**
 * Ruled tables of a text-layer page read as the grid their lines draw (table/lattice.ts), one line per
 * grid row. A text layer's lines follow the order the PDF prints its runs in: a table whose cells
 * wrap ("江州市涪溪区书院路小" / "学") comes out as lines mixing the pieces of neighbouring cells; the
 * grid puts every piece in its cell. Pages without drawn lines or word boxes, and OCR'd pages (whose
 * segments may run over several cells), are left as they are.
 */
import { latticeGrids } from '../table/lattice';
import { rowsOf, type Grid, type Word } from '../table/grid';
import type { DocumentText, PageText, TextLine } from '../types';

export interface RuledTables {
  /** the document with the lines inside ruled tables replaced by one line per grid row */
  doc: DocumentText;
  /** the grids read, in page order, top to bottom */
  grids: Grid[];
  /** `page:index` of each grid row's line in `doc` */
  rowKeys: Map<Grid, (string | null)[]>;
}

/** One grid row as a text line: its cells (those starting in the row) left to right, with boxes. */
function rowLine(g: Grid, row: number): TextLine | null {
  const cells = g.cells.filter((c) => c.row === row && c.text.trim() !== '').sort((a, b) => a.col - b.col);
  if (cells.length === 0) return null;
  const box = {
    x0: Math.min(...cells.map((c) => c.box.x0)),
    y0: Math.min(...cells.map((c) => c.box.y0)),
    x1: Math.max(...cells.map((c) => c.box.x1)),
    y1: Math.max(...cells.map((c) => c.box.y1)),
  };
  return {
    text: cells.map((c) => c.text).join(' '),
    cells: cells.map((c) => c.text),
    cellBoxes: cells.map((c) => c.box),
    words: cells.flatMap((c) => c.words.map((w) => ({ text: w.text, box: w.box }))),
    box,
    confidence: 1,
  };
}

function relayoutPage(page: PageText): { page: PageText; grids: Grid[]; rows: Map<Grid, number[]> } {
  const none = { page, grids: [], rows: new Map<Grid, number[]>() };
  if (page.source !== 'text_layer' || !page.rules?.length) return none;
  const words: Word[] = [];
  const lineOf = new Map<Word, number>();
  for (const [i, line] of page.lines.entries()) {
    for (const w of line.words ?? []) {
      if (!w.box || !w.text.trim()) continue;
      const word = { text: w.text.trim(), box: w.box };
      words.push(word);
      lineOf.set(word, i);
    }
  }
  const { grids } = latticeGrids(words, page.rules, page.page);
  if (grids.length === 0) return none;
  const inGrid = new Set(grids.flatMap((g) => g.cells.flatMap((c) => c.words)));
  // a line with words inside a grid and outside it keeps the words outside
  const text: { line: TextLine; y: number }[] = [];
  page.lines.forEach((line, i) => {
    const own = words.filter((w) => lineOf.get(w) === i);
    const outside = own.filter((w) => !inGrid.has(w));
    if (own.length === 0 || outside.length === own.length) {
      text.push({ line, y: line.box?.y0 ?? own[0]?.box.y0 ?? 0 });
    } else if (outside.length) {
      const y = Math.min(...outside.map((w) => w.box.y0));
      const t = outside.map((w) => w.text).join(' ');
      text.push({ line: { text: t, words: outside, box: null, confidence: line.confidence }, y });
    }
  });
  const gridRows: { line: TextLine; y: number; grid: Grid; row: number }[] = [];
  for (const g of grids) {
    for (let r = 0; r < rowsOf(g); r++) {
      const line = rowLine(g, r);
      if (line) gridRows.push({ line, y: g.ys[r] ?? 0, grid: g, row: r });
    }
  }
  gridRows.sort((a, b) => a.y - b.y);
  // the text layer's order outside tables is kept; each grid row goes before the first line below it
  const sorted: { line: TextLine; grid?: Grid; row?: number }[] = [];
  let next = 0;
  for (const t of text) {
    while (next < gridRows.length && (gridRows[next]?.y ?? 0) < t.y) {
      sorted.push(gridRows[next++] as (typeof gridRows)[number]);
    }
    sorted.push(t);
  }
  sorted.push(...gridRows.slice(next));
  const rows = new Map<Grid, number[]>();
  sorted.forEach((l, index) => {
    if (!l.grid || l.row === undefined) return;
    const list = rows.get(l.grid) ?? Array.from({ length: rowsOf(l.grid) }, () => -1);
    list[l.row] = index;
    rows.set(l.grid, list);
  });
  return { page: { ...page, lines: sorted.map((l) => l.line) }, grids, rows };
}

/** The document's ruled tables as grids, and the document with each grid row on a line of its own. */
export function readRuledTables(doc: DocumentText): RuledTables {
  const grids: Grid[] = [];
  const rowKeys = new Map<Grid, (string | null)[]>();
  const pages = doc.pages.map((p) => {
    const r = relayoutPage(p);
    for (const g of r.grids) {
      grids.push(g);
      rowKeys.set(
        g,
        (r.rows.get(g) ?? []).map((i) => (i >= 0 ? `${p.page}:${i}` : null)),
      );
    }
    return r.page;
  });
  return { doc: { ...doc, pages }, grids, rowKeys };
}
