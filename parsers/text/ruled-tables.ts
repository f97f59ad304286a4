/**
 * Ruled tables of a text-layer page read as the grid their lines draw (table/lattice.ts), one line per
 * grid row. A text layer's lines follow the order the PDF prints its runs in: a table whose cells
 * wrap ("江州市涪溪区书院路小" / "学") comes out as lines mixing the pieces of neighbouring cells; the
 * grid puts every piece in its cell. A table ruled between its rows only (no column lines) is read
 * band by band: the words between two row lines are one row, whose cells are the runs of words that
 * stand over one another. Pages without drawn lines or word boxes, and OCR'd pages (whose segments
 * may run over several cells), are left as they are.
 */
import { joinWrapped } from './normalise';
import { lastRowOf, latticeGrids, sameEdges, type TableEdges } from '../table/lattice';
import { centreX, centreY, rowsOf, wordsText, type Grid, type Word } from '../table/grid';
import { textLines } from '../table/text-lines';
import type { Box, DocumentText, PageText, TextLine } from '../types';

/** A cell of a row band: words standing over one another, their text with wrapped lines joined. */
export interface BandCell {
  text: string;
  box: Box;
  words: Word[];
}

/** A table ruled between its rows only: its row bands, top to bottom, each with its cells left to right. */
export interface BandedTable {
  page: number;
  x0: number;
  x1: number;
  /** y borders: band r lies between ys[r] and ys[r + 1] */
  ys: number[];
  bands: BandCell[][];
}

export type RuledTable = Grid | BandedTable;

export const isBanded = (t: RuledTable): t is BandedTable => 'bands' in t;

export interface RuledTables {
  /** the document with the lines inside ruled tables replaced by one line per row */
  doc: DocumentText;
  /** the tables read, in page order, top to bottom */
  grids: RuledTable[];
  /** `page:index` of each row's line in `doc` */
  rowKeys: Map<RuledTable, (string | null)[]>;
}

const boxOfWords = (ws: Word[]): Box => ({
  x0: Math.min(...ws.map((w) => w.box.x0)),
  y0: Math.min(...ws.map((w) => w.box.y0)),
  x1: Math.max(...ws.map((w) => w.box.x1)),
  y1: Math.max(...ws.map((w) => w.box.y1)),
});

/**
 * Words → cells: runs of words whose x extents overlap (a wrapped cell's lines stand over one another)
 * or follow each other at less than a space's width (runs the PDF printed apart within a cell).
 */
export function columnRuns(words: Word[]): BandCell[] {
  const sorted = [...words].sort((a, b) => a.box.x0 - b.box.x0);
  const groups: Word[][] = [];
  let right = -1;
  for (const w of sorted) {
    const last = groups[groups.length - 1];
    const space = 0.6 * (w.box.y1 - w.box.y0);
    if (last && w.box.x0 < right + space) {
      last.push(w);
      right = Math.max(right, w.box.x1);
    } else {
      groups.push([w]);
      right = w.box.x1;
    }
  }
  return groups.map((ws) => ({ text: wordsText(ws, joinWrapped), box: boxOfWords(ws), words: ws }));
}

/** Most text lines a table row holds (a bilingual header cell wrapped: 综合单 / 价（元） / Unit / Price). */
const ROW_LINES = 5;

/**
 * The lines standing right on top of a row line (its row's words, when no line is drawn above them):
 * the block of text lines touching it, without a gap of half a line between them; null when none.
 */
function rowAbove(words: Word[], y: number): { y0: number; words: Word[] } | null {
  const lines = textLines(words.filter((w) => w.box.y1 <= y + 0.002)).sort((a, b) => a.y0 - b.y0);
  const last = lines[lines.length - 1];
  if (!last) return null;
  const h = last.y1 - last.y0;
  if (y - last.y1 > h) return null;
  let k = lines.length - 1;
  while (k > 0 && lines.length - k < ROW_LINES) {
    const above = lines[k - 1] as (typeof lines)[number];
    if ((lines[k]?.y0 ?? 0) - above.y1 > 0.5 * h) break;
    k--;
  }
  const block = lines.slice(k);
  return { y0: Math.min(...block.map((l) => l.y0)) - 0.001, words: block.flatMap((l) => l.words) };
}

/**
 * Tables ruled between rows only: row lines of one width, each band between two of them one row when
 * its text lines follow each other without a gap, five at most (the body of a 三线表 between two
 * lines holds all its rows; a paragraph and a heading between two tables are no row). Where a row has
 * no line drawn above it (each cell ruled at its bottom only), its lines right on top of the first
 * line make the row.
 */
function bandedTables(
  words: Word[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  continued: TableEdges | null,
): BandedTable[] {
  const topmost = Math.min(...rowLines.map((l) => l.y));
  const groups: { y: number; x0: number; x1: number }[][] = [];
  for (const l of [...rowLines].sort((a, b) => a.y - b.y)) {
    const g = groups.find((x) => x[0] && Math.abs(x[0].x0 - l.x0) < 0.02 && Math.abs(x[0].x1 - l.x1) < 0.02);
    if (g) {
      if (l.y - (g[g.length - 1]?.y ?? 0) > 0.004) g.push(l);
    } else groups.push([l]);
  }
  const out: BandedTable[] = [];
  for (const g of groups) {
    const x0 = Math.min(...g.map((l) => l.x0));
    const x1 = Math.max(...g.map((l) => l.x1));
    // a lone row ruled at the top of the page, as wide as the last table of the page before: its end
    let lone = sameEdges(continued, x0, x1) && g[0]?.y === topmost;
    const within = words.filter((w) => centreX(w.box) > x0 && centreX(w.box) < x1);
    const between = (a: number, b: number) => within.filter((w) => centreY(w.box) > a && centreY(w.box) < b);
    // runs of row bands; a band that is no row ends a run, the row right on top of the next line starts one
    let run: { ys: number[]; bands: Word[][] } | null = null;
    const close = () => {
      if (run && (run.bands.length >= 2 || (lone && run.bands.length === 1))) {
        out.push({ page, x0, x1, ys: run.ys, bands: run.bands.map(columnRuns) });
      }
      if (run?.bands.length) lone = false;
      run = null;
    };
    g.forEach((line, i) => {
      const top = i === 0 ? -1 : (g[i - 1]?.y ?? 0);
      const band = between(top, line.y);
      // a row's lines follow each other without a gap; text above it (a paragraph, a heading) does not
      const above = rowAbove(band, line.y);
      const isRow = i > 0 && above !== null && above.words.length === band.length;
      if (isRow && run) {
        run.ys.push(line.y);
        run.bands.push(band);
        return;
      }
      close();
      const head = isRow ? { y0: top, words: band } : above;
      run = head ? { ys: [head.y0, line.y], bands: [head.words] } : { ys: [line.y], bands: [] };
    });
    close();
  }
  return out;
}

function bandLine(t: BandedTable, row: number): TextLine | null {
  const cells = (t.bands[row] ?? []).filter((c) => c.text.trim() !== '');
  if (cells.length === 0) return null;
  return {
    text: cells.map((c) => c.text).join(' '),
    cells: cells.map((c) => c.text),
    cellBoxes: cells.map((c) => c.box),
    words: cells.flatMap((c) => c.words.map((w) => ({ text: w.text, box: w.box }))),
    box: boxOfWords(cells.flatMap((c) => c.words)),
    confidence: 1,
  };
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

const edgesOf = (t: RuledTable): TableEdges =>
  isBanded(t) ? { x0: t.x0, x1: t.x1 } : { x0: t.xs[0] ?? 0, x1: t.xs[t.xs.length - 1] ?? 0 };

/**
 * The page's ruled tables and its lines with each table row as one line. `continued`: the edges of the
 * last table on the page before; a single ruled row at the top of this page with the same edges is that
 * table's last row, not a box.
 */
function relayoutPage(
  page: PageText,
  continued: TableEdges | null,
): {
  page: PageText;
  tables: RuledTable[];
  rows: Map<RuledTable, number[]>;
} {
  const none = { page, tables: [], rows: new Map<RuledTable, number[]>() };
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
  const { grids, rowLines } = latticeGrids(
    words,
    page.rules,
    page.page,
    false,
    lastRowOf(continued, page.rules),
  );
  const inGrid = new Set(grids.flatMap((g) => g.cells.flatMap((c) => c.words)));
  const banded = bandedTables(
    words.filter((w) => !inGrid.has(w)),
    rowLines,
    page.page,
    continued,
  );
  const tables: RuledTable[] = [...grids, ...banded];
  if (tables.length === 0) return none;
  const inTable = new Set([...inGrid, ...banded.flatMap((b) => b.bands.flat().flatMap((c) => c.words))]);
  // a line with words inside a table and outside it keeps the words outside
  const text: { line: TextLine; y: number }[] = [];
  page.lines.forEach((line, i) => {
    const own = words.filter((w) => lineOf.get(w) === i);
    const outside = own.filter((w) => !inTable.has(w));
    if (own.length === 0 || outside.length === own.length) {
      text.push({ line, y: line.box?.y0 ?? own[0]?.box.y0 ?? 0 });
    } else if (outside.length) {
      const y = Math.min(...outside.map((w) => w.box.y0));
      const t = outside.map((w) => w.text).join(' ');
      text.push({ line: { text: t, words: outside, box: null, confidence: line.confidence }, y });
    }
  });
  const tableRows: { line: TextLine; y: number; table: RuledTable; row: number }[] = [];
  for (const t of tables) {
    const n = isBanded(t) ? t.bands.length : rowsOf(t);
    for (let r = 0; r < n; r++) {
      const line = isBanded(t) ? bandLine(t, r) : rowLine(t, r);
      if (line) tableRows.push({ line, y: t.ys[r] ?? 0, table: t, row: r });
    }
  }
  tableRows.sort((a, b) => a.y - b.y);
  // the text layer's order outside tables is kept; each table row goes before the first line below it
  const sorted: { line: TextLine; table?: RuledTable; row?: number }[] = [];
  let next = 0;
  for (const t of text) {
    while (next < tableRows.length && (tableRows[next]?.y ?? 0) < t.y) {
      sorted.push(tableRows[next++] as (typeof tableRows)[number]);
    }
    sorted.push(t);
  }
  sorted.push(...tableRows.slice(next));
  const rows = new Map<RuledTable, number[]>();
  sorted.forEach((l, index) => {
    if (!l.table || l.row === undefined) return;
    const list = rows.get(l.table) ?? [];
    list[l.row] = index;
    rows.set(l.table, list);
  });
  return { page: { ...page, lines: sorted.map((l) => l.line) }, tables, rows };
}

/** The document's ruled tables, and the document with each table row on a line of its own. */
export function readRuledTables(doc: DocumentText): RuledTables {
  const grids: RuledTable[] = [];
  const rowKeys = new Map<RuledTable, (string | null)[]>();
  let last: TableEdges | null = null;
  const pages = doc.pages.map((p) => {
    const r = relayoutPage(p, last);
    const bottom = r.tables.reduce<RuledTable | null>(
      (a, t) => (a === null || (t.ys[0] ?? 0) > (a.ys[0] ?? 0) ? t : a),
      null,
    );
    last = bottom ? edgesOf(bottom) : null;
    for (const t of r.tables) {
      grids.push(t);
      rowKeys.set(
        t,
        Array.from(r.rows.get(t) ?? [], (i) => (i === undefined ? null : `${p.page}:${i}`)),
      );
    }
    return r.page;
  });
  grids.sort((a, b) => a.page - b.page || (a.ys[0] ?? 0) - (b.ys[0] ?? 0));
  return { doc: { ...doc, pages }, grids, rowKeys };
}
