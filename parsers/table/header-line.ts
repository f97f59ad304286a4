/**
 * The header line of a table printed without column lines: which words of a line (or of a block of
 * lines, for cells wrapped over lines or printed in two languages) name its columns, by the meaning
 * of the header vocabulary (roles.ts); header segments OCR ran together split into their words; sub-item
 * labels (变色 | 沾色) standing in the header band as columns of their own.
 */
import type { ColumnKind } from '../data/table-vocab';
import { headerKinds } from '../item-vocab';
import { centreX, centreY, pieceOf, type Word } from './grid';
import { headerCellKind, isSubItemLabel } from './roles';
import { phrases, type TextLine } from './text-lines';

export interface HeaderCell {
  /** null: a sub-item label printed in the header (变色 | 沾色 beside or under the other headers) */
  kind: ColumnKind | null;
  x0: number;
  x1: number;
  label?: string;
}

/**
 * A header line: its words (or word groups) name the item, its result or verdict, and at least one
 * more column. Bilingual headers printed on two lines (检测项目 / Test Item) are one header.
 */
export function headerCells(line: TextLine): HeaderCell[] | null {
  const { cells, unknown } = headerWordsOf(line);
  if (!namesTable(cells)) return null;
  if (unknown.length === 0) return cells;
  // words that are no header words make no header line, unless they are sub-item labels standing
  // together where the results are (变色 | 沾色 centred in a two-line bilingual header)
  const subs = withSubLabels({ ...line, words: unknown }, cells);
  return subs && !cells.some((c) => c.kind === 'result') ? subs : null;
}

/**
 * A line that opens a table: its header words name the item, its result or verdict, and at least one
 * more column, whatever else it holds (a sub-item label OCR read with a seal's strokes, a header cell
 * it misread). A table read above ends there, though this line may not be read as a header itself.
 */
export function opensTable(line: TextLine): boolean {
  return namesTable(headerWordsOf(line).cells);
}

/** The header cells a line's words name (one header printed as two runs stays one), and its other words. */
function headerWordsOf(line: TextLine): { cells: HeaderCell[]; unknown: Word[] } {
  const cells: HeaderCell[] = [];
  const unknown: Word[] = [];
  for (const w of line.words.flatMap(headerRunParts)) {
    const kind = headerCellKind(w.text);
    if (kind) {
      const last = cells[cells.length - 1];
      // one header printed as two runs ("检测结果 Result") stays one column
      if (last && last.kind === kind && w.box.x0 - last.x1 < (w.box.y1 - w.box.y0) * 1.5) last.x1 = w.box.x1;
      else cells.push({ kind, x0: w.box.x0, x1: w.box.x1 });
    } else if (w.text.trim() && !/^[()（）/]+$/.test(w.text)) {
      unknown.push(w);
    }
  }
  return { cells, unknown };
}

/** Header cells that name a table's columns: the item, its result or verdict, and one more kind at least. */
function namesTable(cells: HeaderCell[]): boolean {
  const kinds = new Set(cells.map((c) => c.kind));
  return kinds.has('name') && (kinds.has('result') || kinds.has('verdict')) && kinds.size >= 3;
}

/**
 * An OCR segment holding two header cells or more ("No. Test Items": the space between two columns
 * read as one) split into its header words, each with its share of the box; other segments as they are.
 */
function headerRunParts(w: Word): Word[] {
  if (headerCellKind(w.text)) return [w];
  if (!w.text.includes(' ')) return hanHeaderParts(w) ?? [w];
  const tokens = w.text.split(' ');
  const parts: Word[] = [];
  let from = 0;
  let start = 0;
  while (from < tokens.length) {
    // the longest run of tokens from here that is one header cell
    let to = tokens.length;
    while (to > from && !headerCellKind(tokens.slice(from, to).join(' '))) to--;
    if (to === from) return [w];
    const text = tokens.slice(from, to).join(' ');
    const chars = [...text].length;
    parts.push(pieceOf(w, start, start + chars));
    start += chars + 1;
    from = to;
  }
  return parts;
}

/**
 * A segment of Chinese header words printed side by side that OCR read with no space between them
 * ("序号项目", "计量单位备注标准要求": narrow gaps between centred labels) split into its header words,
 * each with its share of the box; null unless every piece, two characters or more, is a header word.
 */
function hanHeaderParts(w: Word): Word[] | null {
  const chars = [...w.text];
  if (chars.length < 4 || !chars.every((c) => /[\u4e00-\u9fff]/.test(c))) return null;
  const parts: Word[] = [];
  for (let from = 0; from < chars.length;) {
    // the longest header word from here
    let to = chars.length;
    while (to - from >= 2 && !oneHeaderWord(chars.slice(from, to).join(''))) to--;
    if (to - from < 2) return null;
    parts.push(pieceOf(w, from, to));
    from = to;
  }
  return parts.length >= 2 ? parts : null;
}

/** A text that is one header word as printed (headerCellKind also forgives a neighbour's glyph: 计量单位判). */
function oneHeaderWord(text: string): boolean {
  const h = headerKinds(text);
  return h.pure && h.kinds.length === 1;
}

/** Lines a header block may reach above or below its header line. */
const BLOCK_ABOVE = 3;
const BLOCK_BELOW = 4;

/**
 * The header block around header line `i`: the lines just above and below it (no more than a line's
 * height of paper between two of them) that hold only pieces of header cells. A cell wrapped over
 * lines (计量单 / 位 / Unit) or printed in two languages (编号 / Item No.) sits above and below the
 * middle line of the one-line cells, so that line alone misses columns and the lines around it are no
 * header line of their own. The block's words are grouped into columns where their spans overlap; each
 * column's pieces, read top to bottom, must name one column kind. The block naming the most columns
 * wins, then the one with the most lines; lines above `first` belong to an earlier table.
 */
export function headerBlock(
  lines: TextLine[],
  i: number,
  first: number,
): { from: number; to: number; cells: HeaderCell[] } | null {
  const close = (a: TextLine, b: TextLine) => b.y0 - a.y1 < Math.max(a.y1 - a.y0, b.y1 - b.y0);
  let from = i;
  while (
    from > Math.max(first, i - BLOCK_ABOVE) &&
    close(lines[from - 1] as TextLine, lines[from] as TextLine)
  ) {
    from--;
  }
  let to = i;
  while (
    to < Math.min(lines.length - 1, i + BLOCK_BELOW) &&
    close(lines[to] as TextLine, lines[to + 1] as TextLine)
  ) {
    to++;
  }
  let best: { from: number; to: number; cells: HeaderCell[] } | null = null;
  for (let a = from; a <= i; a++) {
    for (let b = i; b <= to; b++) {
      const cells = blockCells(lines.slice(a, b + 1));
      if (!cells) continue;
      const better =
        !best ||
        cells.length > best.cells.length ||
        (cells.length === best.cells.length && b - a > best.to - best.from);
      if (better) best = { from: a, to: b, cells };
    }
  }
  return best;
}

/** Joins a header cell's pieces read top to bottom: a CJK word wrapped mid-word joins without a space. */
function joinPieces(pieces: string[]): string {
  return pieces.reduce((text, piece) => {
    if (!text) return piece;
    const cjk = /[\u4e00-\u9fff]$/.test(text) && /^[\u4e00-\u9fff]/.test(piece);
    return cjk ? text + piece : `${text} ${piece}`;
  }, '');
}

/** Header cells from a block of lines, or null when a column's pieces name no column kind. */
function blockCells(block: TextLine[]): HeaderCell[] | null {
  const words = block
    .flatMap((l) => l.words.flatMap(headerRunParts))
    .filter((w) => w.text.trim() && !/^[()（）/]+$/.test(w.text));
  const columns: { x0: number; x1: number; words: Word[] }[] = [];
  for (const w of [...words].sort((a, b) => a.box.x0 - b.box.x0)) {
    const column = columns.find((c) => w.box.x0 < c.x1 && w.box.x1 > c.x0);
    if (column) {
      column.words.push(w);
      column.x0 = Math.min(column.x0, w.box.x0);
      column.x1 = Math.max(column.x1, w.box.x1);
    } else {
      columns.push({ x0: w.box.x0, x1: w.box.x1, words: [w] });
    }
  }
  const cells: HeaderCell[] = [];
  for (const c of columns.sort((a, b) => a.x0 - b.x0)) {
    const pieces = [...c.words].sort((a, b) => centreY(a.box) - centreY(b.box) || a.box.x0 - b.box.x0);
    const kind = headerCellKind(joinPieces(pieces.map((w) => w.text.trim())));
    if (!kind) return null;
    const last = cells[cells.length - 1];
    const height = Math.min(...pieces.map((w) => w.box.y1 - w.box.y0));
    // one header printed as two runs side by side ("检测结果 Result") stays one column
    if (last && last.kind === kind && c.x0 - last.x1 < height * 1.5) last.x1 = c.x1;
    else cells.push({ kind, x0: c.x0, x1: c.x1 });
  }
  return namesTable(cells) ? cells : null;
}

/** A line under the header that only repeats header words in another language (Test Item / Unit …). */
export function isHeaderContinuation(line: TextLine, header: HeaderCell[]): boolean {
  return line.words.every((w) => {
    const kind = headerCellKind(w.text);
    return kind !== null && header.some((h) => h.kind === kind);
  });
}

/**
 * A line in the header band naming sub-item columns (变色 沾色, 经向 纬向): two short labels or more,
 * no header word and no value, each standing in a gap between the header's cells right of the item
 * name or under its result header (a result split into sub-columns). Returns the header with those
 * columns (kind null, their label), or null when the line is no such line.
 */
export function withSubLabels(line: TextLine, header: HeaderCell[]): HeaderCell[] | null {
  const words = phrases(line);
  if (words.length < 2) return null;
  const nameEnd = Math.max(...header.filter((h) => h.kind === 'name' || h.kind === 'index').map((h) => h.x1));
  const under = (w: Word) =>
    header.find((h) => centreX(w.box) >= h.x0 - 0.002 && centreX(w.box) <= h.x1 + 0.002);
  const fits = (w: Word) => {
    if (!isSubItemLabel(w.text)) return false;
    const h = under(w);
    return w.box.x0 > nameEnd && (!h || h.kind === 'result');
  };
  if (!words.every(fits)) return null;
  // the labels stand together: no header cell between them
  const from = Math.min(...words.map((w) => w.box.x0));
  const to = Math.max(...words.map((w) => w.box.x1));
  if (header.some((h) => h.kind !== 'result' && h.x0 > from && h.x1 < to)) return null;
  const split = new Set(words.map(under).filter((h): h is HeaderCell => h !== undefined));
  const subs: HeaderCell[] = words.map((w) => ({
    kind: null,
    x0: w.box.x0,
    x1: w.box.x1,
    label: w.text.trim(),
  }));
  return [...header.filter((h) => !split.has(h)), ...subs].sort((a, b) => a.x0 - b.x0);
}
