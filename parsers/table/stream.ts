/**
 * Tables printed without column lines (row lines only, a 三线表, or no lines at all; most OCR'd
 * pages): the header line's words give the columns, the white space between the body's words gives
 * the borders, row lines (when drawn) or the text lines give the rows. An item name centred beside
 * its sub-rows (a merged cell) is spread over those rows, as a drawn grid would show it.
 */
import { joinWrapped } from '../text/normalise';
import { centreX, centreY, splitAtBorders, wordsText, type Grid, type GridCell, type Word } from './grid';
import { headerCellKind } from './roles';
import type { ColumnKind } from '../data/table-vocab';
import { TABLE_END_MARKERS } from '../data/table-vocab';

interface TextLine {
  words: Word[];
  y0: number;
  y1: number;
  text: string;
}

/** Words → text lines (vertical centres within half a line height), each sorted left to right. */
export function textLines(words: Word[]): TextLine[] {
  const sorted = [...words].sort((a, b) => centreY(a.box) - centreY(b.box));
  const lines: TextLine[] = [];
  for (const w of sorted) {
    const h = w.box.y1 - w.box.y0;
    const line = lines.find((l) => {
      const lh = l.y1 - l.y0;
      return Math.abs((l.y0 + l.y1) / 2 - centreY(w.box)) < Math.min(h, lh) * 0.5;
    });
    if (line) {
      line.words.push(w);
      line.y0 = Math.min(line.y0, w.box.y0);
      line.y1 = Math.max(line.y1, w.box.y1);
    } else {
      lines.push({ words: [w], y0: w.box.y0, y1: w.box.y1, text: '' });
    }
  }
  for (const l of lines) {
    l.words.sort((a, b) => a.box.x0 - b.box.x0);
    l.text = l.words.map((w) => w.text).join(' ');
  }
  return lines.sort((a, b) => a.y0 - b.y0);
}

interface HeaderCell {
  kind: ColumnKind;
  x0: number;
  x1: number;
}

/**
 * A header line: its words (or word groups) name the item, its result or verdict, and at least one
 * more column. Bilingual headers printed on two lines (检测项目 / Test Item) are one header.
 */
function headerCells(line: TextLine): HeaderCell[] | null {
  const cells: HeaderCell[] = [];
  for (const w of line.words) {
    const kind = headerCellKind(w.text);
    if (kind) {
      const last = cells[cells.length - 1];
      // one header printed as two runs ("检测结果 Result") stays one column
      if (last && last.kind === kind && w.box.x0 - last.x1 < (w.box.y1 - w.box.y0) * 1.5) last.x1 = w.box.x1;
      else cells.push({ kind, x0: w.box.x0, x1: w.box.x1 });
    } else if (w.text.trim() && !/^[()（）/]+$/.test(w.text)) {
      // a word that is no header word: not a header line
      return null;
    }
  }
  const kinds = new Set(cells.map((c) => c.kind));
  const ok = kinds.has('name') && (kinds.has('result') || kinds.has('verdict')) && kinds.size >= 3;
  return ok ? cells : null;
}

/** A line under the header that only repeats header words in another language (Test Item / Unit …). */
function isHeaderContinuation(line: TextLine, header: HeaderCell[]): boolean {
  return line.words.every((w) => {
    const kind = headerCellKind(w.text);
    return kind !== null && header.some((h) => h.kind === kind);
  });
}

const isEnd = (text: string) => TABLE_END_MARKERS.some((re) => re.test(text.trim()));

/**
 * Column borders between neighbouring header cells: the x in the gap that the fewest body words
 * cover (white space running down the table), nearest the gap's middle among equals.
 */
function columnBorders(header: HeaderCell[], body: Word[]): number[] {
  const borders: number[] = [];
  for (let i = 0; i + 1 < header.length; i++) {
    const a = header[i] as HeaderCell;
    const b = header[i + 1] as HeaderCell;
    const from = Math.min(a.x1, b.x0);
    const to = Math.max(a.x1, b.x0);
    let best = (from + to) / 2;
    let bestCover = Infinity;
    let bestDist = Infinity;
    const steps = 40;
    for (let s = 0; s <= steps; s++) {
      const x = from + ((to - from) * s) / steps;
      const cover = body.filter((w) => w.box.x0 < x && w.box.x1 > x).length;
      const dist = Math.abs(x - (from + to) / 2);
      if (cover < bestCover || (cover === bestCover && dist < bestDist)) {
        best = x;
        bestCover = cover;
        bestDist = dist;
      }
    }
    borders.push(best);
  }
  return borders;
}

export interface StreamTable {
  grid: Grid;
  /** header kinds, left to right (one per grid column) */
  kinds: (ColumnKind | null)[];
  /** rows 0 … headerRows-1 of the grid are the header */
  headerRows: number;
  /** a printed end marker (以下空白 …) follows the table */
  ended: boolean;
}

/** A line with a run spanning the gaps of two header cells or more: a sentence under the table. */
function crossesColumns(line: TextLine, header: HeaderCell[]): boolean {
  return line.words.some((w) => {
    const gaps = header.slice(1).filter((h, k) => {
      const prev = header[k] as HeaderCell;
      const gap = (prev.x1 + h.x0) / 2;
      return w.box.x0 < gap && w.box.x1 > gap;
    });
    return gaps.length >= 2;
  });
}

/**
 * Tables found by their header line among words outside ruled tables. `rowLines` are horizontal
 * lines drawn on the page (row borders of tables without column lines).
 */
export function streamTables(
  words: Word[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns = false,
): StreamTable[] {
  const lines = textLines(words);
  const out: StreamTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = headerCells(lines[i] as TextLine);
    if (!header) continue;
    let headerEnd = i;
    while (lines[headerEnd + 1] && isHeaderContinuation(lines[headerEnd + 1] as TextLine, header)) {
      headerEnd++;
    }
    // the body: lines below the header up to an end marker, a long gap, the next header, or a line
    // running across columns (a sentence, not a row)
    const body: TextLine[] = [];
    let lastY = (lines[headerEnd] as TextLine).y1;
    const rowH = Math.max(0.008, ...lines.slice(i, headerEnd + 1).map((l) => l.y1 - l.y0));
    let ended = false;
    let j = headerEnd + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as TextLine;
      if (isEnd(l.text)) {
        ended = /以下空白|以下无正文|报告结束|End of Report/i.test(l.text);
        j++;
        break;
      }
      if (headerCells(l) || l.y0 - lastY > rowH * 6 || crossesColumns(l, header)) break;
      body.push(l);
      lastY = l.y1;
    }
    const grid = buildGrid(lines.slice(i, headerEnd + 1), header, body, rowLines, page, splitRuns);
    if (grid) out.push({ grid, kinds: kindsOf.get(grid) ?? header.map((h) => h.kind), headerRows: 1, ended });
    i = j - 1;
  }
  return out;
}

function buildGrid(
  headerLines: TextLine[],
  header: HeaderCell[],
  body: TextLine[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns: boolean,
): Grid | null {
  const bodyWords = body.flatMap((l) => l.words);
  const inner = columnBorders(
    header,
    bodyWords.filter((w) => !isEnd(w.text)),
  );
  const allWords = [...headerLines.flatMap((l) => l.words), ...bodyWords];
  const left = Math.min(...allWords.map((w) => w.box.x0)) - 0.002;
  const right = Math.max(...allWords.map((w) => w.box.x1)) + 0.002;
  const xs = [left, ...inner, right];
  const top = Math.min(...headerLines.map((l) => l.y0)) - 0.002;
  const headerBottom = Math.max(...headerLines.map((l) => l.y1));
  const bottom = body.length ? Math.max(...body.map((l) => l.y1)) + 0.002 : headerBottom + 0.002;
  const width = right - left;
  // row borders: lines drawn across most of the table, else one row per text line
  const drawn = rowLines
    .filter((l) => l.y > headerBottom - 0.002 && l.y < bottom + 0.004 && l.x1 - l.x0 > width * 0.5)
    .map((l) => l.y)
    .sort((a, b) => a - b);
  const bodyTop = body[0] ? Math.min(body[0].y0, ...drawn.slice(0, 1)) : headerBottom;
  let ys: number[];
  const textRows = rowsFromLines(body, xs, header);
  // drawn lines are row borders when (nearly) every row has one; a 三线表 draws only three
  if (drawn.length >= 2 && drawn.length >= textRows.length * 0.6) {
    ys = [top, ...drawn.filter((y, k) => k === 0 || y - (drawn[k - 1] ?? 0) > 0.004)];
    if ((ys[ys.length - 1] ?? 0) < bottom - 0.004) ys.push(bottom);
    if ((ys[1] ?? 0) - headerBottom > 0.004) ys.splice(1, 0, (headerBottom + bodyTop) / 2);
  } else {
    ys = [top, ...textRows, bottom];
  }
  const kinds: (ColumnKind | null)[] = header.map((h) => h.kind);
  splitNameColumn(xs, kinds, bodyWords);
  const R = ys.length - 1;
  const C = xs.length - 1;
  if (R < 2 || C < 3) return null;
  const grid: Grid = { page, xs, ys, cells: [], source: 'text', confidence: 1 };
  const units: GridCell[][] = Array.from({ length: R }, (_, r) =>
    Array.from({ length: C }, (_, c) => ({
      row: r,
      col: c,
      rowSpan: 1,
      colSpan: 1,
      text: '',
      box: { x0: xs[c] ?? 0, y0: ys[r] ?? 0, x1: xs[c + 1] ?? 1, y1: ys[r + 1] ?? 1 },
      words: [],
    })),
  );
  const index = (vals: number[], v: number) => {
    for (let k = 0; k < vals.length - 1; k++) if (v >= (vals[k] ?? 0) && v < (vals[k + 1] ?? 0)) return k;
    return -1;
  };
  const nameAt = kinds.indexOf('name');
  const subBorder = kinds[nameAt + 1] === 'name' ? xs[nameAt + 1] : undefined;
  for (const w of allWords) {
    const r = index(ys, centreY(w.box));
    if (r < 0) continue;
    // a long name runs over the sub-item column: it is placed by where it starts, not cut
    const cuts = inner.filter((x) => x !== subBorder);
    for (const piece of splitRuns ? splitAtBorders(w, cuts) : [w]) {
      let c = index(xs, splitRuns ? centreX(piece.box) : Math.min(piece.box.x0 + 0.004, centreX(piece.box)));
      if (subBorder !== undefined && c === nameAt + 1 && piece.box.x0 < subBorder) c = nameAt;
      const unit = c >= 0 ? units[r]?.[c] : undefined;
      if (unit) {
        unit.words.push(piece);
        grid.confidence = Math.min(grid.confidence, piece.confidence ?? 1);
      }
    }
  }
  for (const row of units) for (const u of row) u.text = wordsText(u.words, joinWrapped);
  grid.cells = spreadMergedCells(units, kinds);
  kindsOf.set(grid, kinds);
  return grid;
}

/** Column kinds of the grids built here (the name column may have been split in two). */
const kindsOf = new WeakMap<Grid, (ColumnKind | null)[]>();

/**
 * An item name printed in a merged cell beside its sub-items: the sub-items' names start further
 * right in the name column than any item's own name. The column is split there (two name columns:
 * parent, sub-item), as a drawn grid would show it.
 */
function splitNameColumn(xs: number[], kinds: (ColumnKind | null)[], body: Word[]): void {
  const c = kinds.indexOf('name');
  if (c < 0) return;
  const x0 = xs[c] ?? 0;
  const x1 = xs[c + 1] ?? 1;
  const inColumn = body.filter((w) => centreX(w.box) >= x0 && centreX(w.box) < x1);
  if (inColumn.length < 4) return;
  const lines = textLines(inColumn).map((l) => ({ x: l.words[0]?.box.x0 ?? 0, h: l.y1 - l.y0 }));
  const left = Math.min(...lines.map((l) => l.x));
  const h = lines.map((l) => l.h).sort((a, b) => a - b)[lines.length >> 1] ?? 0.01;
  const indented = lines.filter((l) => l.x > left + h * 2.5);
  if (indented.length < 2 || indented.length === lines.length) return;
  const border = Math.min(...indented.map((l) => l.x)) - h * 0.3;
  xs.splice(c + 1, 0, border);
  kinds.splice(c + 1, 0, 'name');
}

/**
 * Row borders from text lines: a line with a row number (or, without an index column, a verdict or
 * result) starts a row; other lines (wrapped cells) join the row whose starting line is nearest.
 */
function rowsFromLines(body: TextLine[], xs: number[], header: HeaderCell[]): number[] {
  const colOf = (w: Word) => {
    const x = centreX(w.box);
    for (let c = 0; c < xs.length - 1; c++) if (x >= (xs[c] ?? 0) && x < (xs[c + 1] ?? 1)) return c;
    return -1;
  };
  const anchorKind: ColumnKind = header.some((h) => h.kind === 'index')
    ? 'index'
    : header.some((h) => h.kind === 'verdict')
      ? 'verdict'
      : 'result';
  const anchorCol = header.findIndex((h) => h.kind === anchorKind);
  const isAnchor = (l: TextLine) =>
    l.words.some((w) => colOf(w) === anchorCol) || l.words.filter((w) => colOf(w) >= 0).length >= 3;
  const anchors = body.filter(isAnchor);
  if (anchors.length === 0) return [];
  const groups = new Map<TextLine, TextLine[]>(anchors.map((a) => [a, [a]]));
  for (const l of body) {
    if (groups.has(l)) continue;
    const mid = (l.y0 + l.y1) / 2;
    let best = anchors[0] as TextLine;
    for (const a of anchors) {
      if (Math.abs((a.y0 + a.y1) / 2 - mid) < Math.abs((best.y0 + best.y1) / 2 - mid)) best = a;
    }
    groups.get(best)?.push(l);
  }
  const spans = [...groups.values()]
    .map((g) => ({ y0: Math.min(...g.map((l) => l.y0)), y1: Math.max(...g.map((l) => l.y1)) }))
    .sort((a, b) => a.y0 - b.y0);
  const borders: number[] = [];
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k] as { y0: number; y1: number };
    const prev = spans[k - 1];
    borders.push(prev ? (prev.y1 + s.y0) / 2 : s.y0 - 0.001);
  }
  return borders;
}

/**
 * Row-spanning cells without drawn borders: in the index and name columns, a cell with text whose
 * neighbours above and below are empty (while their rows hold values) is one merged cell, spread
 * over those rows — an item printed centred beside its sub-rows.
 */
function spreadMergedCells(units: GridCell[][], kinds: (ColumnKind | null)[]): GridCell[] {
  const cells: GridCell[] = [];
  const covered = new Set<GridCell>();
  const nameAt = kinds.indexOf('name');
  const parentCol = kinds[nameAt + 1] === 'name' ? nameAt : -1;
  const indexCol = kinds.indexOf('index');
  // a row number or a parent name centred in the rows it spans
  const spreadCols = [indexCol, parentCol].filter((c) => c >= 0);
  const R = units.length;
  for (const c of spreadCols) {
    for (let r = 1; r < R; r++) {
      const u = units[r]?.[c];
      if (!u?.text) continue;
      let a = r;
      while (a - 1 >= 1 && !units[a - 1]?.[c]?.text) a--;
      let b = r;
      while (b + 1 < R && !units[b + 1]?.[c]?.text) b++;
      // only when the text sits in the middle of the empty run (a merged cell), not above it
      if (a === r || b === r || Math.abs(r - a - (b - r)) > 1) continue;
      const together =
        c === indexCol && parentCol >= 0 && !units[r]?.[parentCol]?.text
          ? [c]
          : c === indexCol
            ? [c, parentCol]
            : [c];
      for (const col of together.filter((k) => k >= 0)) {
        const name = units[r]?.[col];
        if (!name || covered.has(name) || name.rowSpan > 1) continue;
        name.row = a;
        name.rowSpan = b - a + 1;
        for (let k = a; k <= b; k++) {
          if (k !== r) covered.add(units[k]?.[col] as GridCell);
        }
      }
    }
  }
  for (const row of units) for (const u of row) if (!covered.has(u)) cells.push(u);
  return cells;
}
