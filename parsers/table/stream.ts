/**
 * Tables printed without column lines (row lines only, a 三线表, or no lines at all; most OCR'd
 * pages): the header line's words give the columns, the white space between the body's words gives
 * the borders, row lines (when drawn) or the text lines give the rows. An item name centred beside
 * its sub-rows (a merged cell) is spread over those rows, as a drawn grid would show it.
 */
import { joinWrapped } from '../text/normalise';
import {
  centreX,
  centreY,
  colsOf,
  columnOf,
  cutAtBorders,
  cutBeforeOpeningWord,
  emPerHeight,
  splitTrailingToken,
  medianWordHeight,
  wordsText,
  type Grid,
  type GridCell,
  type Word,
} from './grid';
import { isVerdictToken, ocrVerdictCellOf } from '../item-vocab';
import { findRolesByContent, isSubItemLabel } from './roles';
import type { ColumnKind } from '../data/table-vocab';
import { PRINTED_TABLE_END, TABLE_END_MARKERS, TABLE_PAGE_NOISE } from '../data/table-vocab';
import { REPORT_LABELS } from '../data/report-labels';
import {
  headerBlock,
  headerCells,
  isHeaderContinuation,
  opensTable,
  withSubLabels,
  type HeaderCell,
} from './header-line';
import { phrases, textLines, type TextLine } from './text-lines';

const isEnd = (text: string) => TABLE_END_MARKERS.some((re) => re.test(text.trim()));

/**
 * Column borders between neighbouring header cells: in the gap between them, the white space running
 * down the table (x positions the fewest body words cover). Of several such runs the one nearest
 * the right-hand header is taken: a column's data lines up under its own header, so text standing
 * left of that (sub-item names beside a merged parent, a wide name) belongs to the column before.
 */
function columnBorders(header: HeaderCell[], bodyLines: TextLine[]): number[] {
  const body = bodyLines.flatMap(phrases);
  const borders: number[] = [];
  for (let i = 0; i + 1 < header.length; i++) {
    const a = header[i] as HeaderCell;
    const b = header[i + 1] as HeaderCell;
    const from = Math.min(a.x1, b.x0);
    const to = Math.max(a.x1, b.x0);
    const steps = 60;
    const xs = Array.from({ length: steps + 1 }, (_, s) => from + ((to - from) * s) / steps);
    const cover = xs.map((x) => body.filter((w) => w.box.x0 < x && w.box.x1 > x).length);
    const least = Math.min(...cover);
    // runs of least-covered positions; a space inside a cell makes a narrow one, the gap between
    // columns a wide one: of the runs nearly as wide as the widest, the right-hand one
    const runs: [number, number][] = [];
    for (let k = 0; k <= steps; k++) {
      if (cover[k] !== least) continue;
      let e = k;
      while (e + 1 <= steps && cover[e + 1] === least) e++;
      runs.push([k, e]);
      k = e;
    }
    const widest = Math.max(...runs.map(([a, b]) => b - a));
    // a left-aligned column starts its cells where its header starts: the gap just before them
    const aligned = body.filter((w) => Math.abs(w.box.x0 - b.x0) < 0.004).length >= 3;
    const [start, end] = (aligned ? runs : runs.filter(([p, q]) => q - p >= widest * 0.6)).pop() ?? [
      0,
      steps,
    ];
    borders.push(((xs[start] ?? from) + (xs[end] ?? to)) / 2);
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
  /** sub-item labels printed in the header (变色 | 沾色), by where they stand: the columns under them */
  subLabels?: { x: number; label: string }[];
}

/** A line with a run spanning the gaps of two header cells or more: a sentence under the table. */
function crossesColumns(line: TextLine, header: HeaderCell[], ocr = false): boolean {
  const crossing = line.words.filter((w) => {
    const gaps = header.slice(1).filter((h, k) => {
      const prev = header[k] as HeaderCell;
      const gap = (prev.x1 + h.x0) / 2;
      return w.box.x0 < gap && w.box.x1 > gap;
    });
    return gaps.length >= 2;
  });
  // OCR joins a seal's text with the cells under it into one segment ("5检验检测4用章" over two
  // result cells): a line whose other segments still stand in three columns or more is a row
  if (ocr && crossing.length === 1 && line.words.length - crossing.length >= 3) return false;
  return crossing.length > 0;
}

/**
 * Tables found by their header line among words outside ruled tables. `rowLines` are horizontal
 * lines drawn on the page (row borders of tables without column lines); `barriers`: the tops of
 * tables read otherwise (their words are not given here), where a table above them ends.
 */
export function streamTables(
  words: Word[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns = false,
  barriers: number[] = [],
): StreamTable[] {
  const lines = textLines(words);
  const out: StreamTable[] = [];
  let first = 0;
  for (let i = 0; i < lines.length; i++) {
    let header = headerCells(lines[i] as TextLine);
    let headerStart = i;
    let headerEnd = i;
    if (header) {
      let subLabelled = false;
      for (let next = lines[i + 1]; next; next = lines[headerEnd + 1]) {
        const withSubs: HeaderCell[] | null = subLabelled ? null : withSubLabels(next, header);
        if (isHeaderContinuation(next, header)) headerEnd++;
        else if (withSubs) {
          header = withSubs;
          subLabelled = true;
          headerEnd++;
        } else break;
      }
    }
    // a header whose cells wrap or stack over lines names more columns as a block (which may start
    // above this line when this line is a header line of its own, else starts here)
    const block = headerBlock(lines, i, header ? first : i);
    if (block && (!header || block.cells.length > header.length || block.to > headerEnd)) {
      header = block.cells;
      headerStart = block.from;
      headerEnd = Math.max(headerEnd, block.to);
    }
    if (!header) continue;
    // the body: lines below the header up to an end marker, a long gap, the next header, or a line
    // running across columns (a sentence, not a row)
    const body: TextLine[] = [];
    let lastY = (lines[headerEnd] as TextLine).y1;
    const rowH = Math.max(0.008, ...lines.slice(headerStart, headerEnd + 1).map((l) => l.y1 - l.y0));
    let ended = false;
    let j = headerEnd + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as TextLine;
      if (barriers.some((y) => y > lastY && y < l.y0)) break;
      if (isEnd(l.text)) {
        ended = PRINTED_TABLE_END.test(l.text);
        j++;
        break;
      }
      if (opensTable(l) || l.y0 - lastY > rowH * 6 || crossesColumns(l, header, splitRuns)) break;
      body.push(l);
      lastY = l.y1;
    }
    const grid = buildGrid(lines.slice(headerStart, headerEnd + 1), header, body, rowLines, page, splitRuns);
    const subLabels = header.flatMap((h) => (h.label ? [{ x: (h.x0 + h.x1) / 2, label: h.label }] : []));
    if (grid) {
      out.push({
        grid,
        kinds: kindsOf.get(grid) ?? header.map((h) => h.kind),
        headerRows: 1,
        ended,
        subLabels,
      });
    }
    i = j - 1;
    first = j;
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
  known?: { xs: number[]; kinds: (ColumnKind | null)[] },
): Grid | null {
  const bodyWords = body.flatMap((l) => l.words);
  const allWords = [...headerLines.flatMap((l) => l.words), ...bodyWords];
  if (allWords.length === 0) return null;
  let xs: number[];
  let kinds: (ColumnKind | null)[];
  if (known) {
    xs = [...known.xs];
    kinds = [...known.kinds];
  } else {
    const inner = columnBorders(
      header,
      body.filter((l) => !isEnd(l.text)),
    );
    const left = Math.min(...allWords.map((w) => w.box.x0)) - 0.002;
    const right = Math.max(...allWords.map((w) => w.box.x1)) + 0.002;
    xs = [left, ...inner, right];
    kinds = header.map((h) => h.kind);
    widenNameColumn(xs, kinds, header, bodyWords);
    splitNameColumn(xs, kinds, bodyWords);
  }
  const left = xs[0] ?? 0;
  const right = xs[xs.length - 1] ?? 1;
  const top = Math.min(...(headerLines.length ? headerLines : body).map((l) => l.y0)) - 0.002;
  const headerBottom = headerLines.length ? Math.max(...headerLines.map((l) => l.y1)) : top;
  const bottom = body.length ? Math.max(...body.map((l) => l.y1)) + 0.002 : headerBottom + 0.002;
  const width = right - left;
  // row borders: lines drawn across most of the table (the pieces of a line a seal broke together),
  // else one row per text line
  const drawn = joinedRowLines(rowLines.filter((l) => l.y > headerBottom - 0.002 && l.y < bottom + 0.004))
    .filter((l) => l.length > width * 0.5)
    .map((l) => l.y)
    .sort((a, b) => a - b);
  const bodyTop = body[0] ? Math.min(body[0].y0, ...drawn.slice(0, 1)) : headerBottom;
  let ys: number[];
  const textRows = rowsFromLines(body, xs, kinds);
  // drawn lines are row borders when (nearly) every row has one; a 三线表 draws only three: its lines
  // stand above and below the body and none between its text rows (however few rows a page holds)
  const lastBody = body.length ? Math.max(...body.map((l) => l.y1)) : bottom;
  const between = drawn.filter((y) => y > bodyTop + 0.004 && y < lastBody - 0.004).length;
  if (drawn.length >= 2 && drawn.length >= textRows.length * 0.6 && (between > 0 || textRows.length <= 1)) {
    ys = [top, ...drawn.filter((y, k) => (k === 0 || y - (drawn[k - 1] ?? 0) > 0.004) && y > top + 0.004)];
    if ((ys[ys.length - 1] ?? 0) < bottom - 0.004) ys.push(bottom);
    if (headerLines.length && (ys[1] ?? 0) - headerBottom > 0.004) {
      ys.splice(1, 0, (headerBottom + bodyTop) / 2);
    }
  } else {
    ys = headerLines.length ? [top, ...textRows, bottom] : [...textRows, bottom];
  }
  // words are cut at the column borders except the parent | sub-item border of a split name column
  const nameAt0 = kinds.indexOf('name');
  const inner = xs.slice(1, -1).filter((_, k) => !(kinds[nameAt0 + 1] === 'name' && k === nameAt0));
  const R = ys.length - 1;
  const C = xs.length - 1;
  // a header and a row at least; a table continued without its header may go on for one row only
  if (R < (headerLines.length ? 2 : 1) || C < 3) return null;
  const grid: Grid = { page, xs, ys, cells: [], source: 'text', confidence: 1, ocr: splitRuns };
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
  const nameAt = nameAt0;
  const subBorder = kinds[nameAt + 1] === 'name' ? xs[nameAt + 1] : undefined;
  const em = splitRuns ? emPerHeight(allWords) : null;
  for (const w of allWords) {
    const r = index(ys, centreY(w.box));
    if (r < 0) continue;
    // borders here are guessed from the alignment, not drawn: an OCR segment is cut only at a space
    // whose sides stand in two columns, and placed in the column holding most of it; a long name runs
    // over the sub-item column: it is placed by where it starts, not cut
    const pieces = splitRuns
      ? splitTrailingToken(w, inner)
          .flatMap((p) => cutBeforeOpeningWord(p, inner, em))
          .flatMap((p) => cutAtBorders(p, inner, false))
      : [w];
    for (const piece of pieces) {
      let c = splitRuns
        ? columnOf(xs, piece.box)
        : index(xs, Math.min(piece.box.x0 + 0.004, centreX(piece.box)));
      if (subBorder !== undefined && c === nameAt + 1 && piece.box.x0 < subBorder) c = nameAt;
      const unit = c >= 0 ? units[r]?.[c] : undefined;
      if (unit) {
        unit.words.push(piece);
        grid.confidence = Math.min(grid.confidence, piece.confidence ?? 1);
      }
    }
  }
  for (const row of units) for (const u of row) u.text = wordsText(u.words, joinWrapped);
  grid.cells = spreadMergedCells(units, kinds, headerLines.length ? 1 : 0, splitRuns);
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
  // three names at least: a parent and its two sub-items may be all a page under a repeated header holds
  if (inColumn.length < 3) return;
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
 * Row lines at one height (within a line's thickness) as one line: its y and the length its pieces
 * draw together (a seal over a scanned line leaves it in pieces).
 */
function joinedRowLines(lines: { y: number; x0: number; x1: number }[]): { y: number; length: number }[] {
  const out: { y: number; length: number }[] = [];
  for (const l of [...lines].sort((a, b) => a.y - b.y)) {
    const last = out[out.length - 1];
    if (last && l.y - last.y < 0.002) last.length += l.x1 - l.x0;
    else out.push({ y: l.y, length: l.x1 - l.x0 });
  }
  return out;
}

/**
 * Sub-item labels printed right of their parent's name but ending before the next column's header
 * starts (变色 / 沾色 left of "Test Method"): when no white space parts them from the names beside them,
 * the border was put left of them. They belong to the name column, which ends after them.
 */
function widenNameColumn(
  xs: number[],
  kinds: (ColumnKind | null)[],
  header: HeaderCell[],
  body: Word[],
): void {
  const c = kinds.indexOf('name');
  const next = header[c + 1];
  if (c < 0 || !next || kinds[c + 1] === 'name') return;
  const border = xs[c + 1] ?? 1;
  const stray = body.filter((w) => w.box.x0 >= border && w.box.x1 < next.x0 && isSubItemLabel(w.text));
  if (textLines(stray).length < 2) return;
  const moved = (Math.max(...stray.map((w) => w.box.x1)) + next.x0) / 2;
  if (moved < (xs[c + 2] ?? 1)) xs[c + 1] = moved;
}

/**
 * A continued table's parent | sub-item border where the sub-item names start: white space cannot
 * find it when a parent's name reaches almost to them (絮用纤维原料 beside 细菌菌落总数), but the sub-item
 * names start further right than any item's own name (as splitNameColumn finds it under a header).
 * The borders as they are when the name columns hold no indented line.
 */
function subItemBorder(xs: number[], kinds: (ColumnKind | null)[], words: Word[]): number[] {
  const c = kinds.indexOf('name');
  if (c < 0 || kinds[c + 1] !== 'name') return xs;
  const x0 = xs[c] ?? 0;
  const x2 = xs[c + 2] ?? 1;
  const inNames = words.filter((w) => {
    const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
    return x >= x0 && x < x2;
  });
  if (inNames.length < 2) return xs;
  const lines = textLines(inNames).map((l) => ({ x: l.words[0]?.box.x0 ?? 0, h: l.y1 - l.y0 }));
  const left = Math.min(...lines.map((l) => l.x));
  const h = lines.map((l) => l.h).sort((a, b) => a - b)[lines.length >> 1] ?? 0.01;
  const indented = lines.filter((l) => l.x > left + h * 2.5);
  if (indented.length === 0 || indented.length === lines.length) return xs;
  const border = Math.min(...indented.map((l) => l.x)) - h * 0.3;
  if (border <= x0 || border >= x2) return xs;
  const out = [...xs];
  out[c + 1] = border;
  return out;
}

/**
 * Row borders from text lines: a line with a row number (or, without an index column, a verdict or
 * result) starts a row; other lines (wrapped cells) join the row whose starting line is nearest.
 */
function rowsFromLines(body: TextLine[], xs: number[], kinds: (ColumnKind | null)[]): number[] {
  const colOf = (w: Word) => {
    const x = centreX(w.box);
    for (let c = 0; c < xs.length - 1; c++) if (x >= (xs[c] ?? 0) && x < (xs[c + 1] ?? 1)) return c;
    return -1;
  };
  const anchorKind: ColumnKind = kinds.includes('index')
    ? 'index'
    : kinds.includes('verdict')
      ? 'verdict'
      : 'result';
  const anchorCol = kinds.indexOf(anchorKind);
  const marked = (l: TextLine) => l.words.some((w) => colOf(w) === anchorCol);
  const numbered = body.filter(marked);
  const columns = (l: TextLine) => new Set(l.words.map(colOf).filter((c) => c >= 0));
  // a line filling three columns starts a row too (its number unread), unless it is the rest of a
  // numbered line beside it: within a line's height, in none of that line's columns ("邻苯二甲酸酯
  // GB/T … 未检出 %" beside "17": one row's cells printed at two heights). Where sub-items stand
  // beside a merged parent (two name columns), lines beside the parent's number are its sub-rows.
  const subRows = kinds.filter((k) => k === 'name').length > 1;
  const restOfNumbered = (l: TextLine) => {
    const own = columns(l);
    return numbered.some((a) => {
      const dy = Math.abs((a.y0 + a.y1) / 2 - (l.y0 + l.y1) / 2);
      const theirs = columns(a);
      return dy < Math.max(a.y1 - a.y0, l.y1 - l.y0) * 1.2 && [...own].every((c) => !theirs.has(c));
    });
  };
  // Beside sub-rows, a line holding only the merged parent's number and name (and the wrapped rest of
  // cells, a method's "2014") is no row of its own: no sub-item, requirement, result or verdict.
  const valueCols = new Set(
    kinds.flatMap((k, c) =>
      k === 'requirement' || k === 'result' || k === 'verdict' || (k === 'name' && kinds[c - 1] === 'name')
        ? [c]
        : [],
    ),
  );
  // A numbered one is the parent's own row (spread over its sub-rows below), and the rest of a parent
  // name wrapped next to it (邻苯二甲酸 above 9 酯) joins it.
  const labelOnly = (l: TextLine) => subRows && ![...columns(l)].some((c) => valueCols.has(c));
  const parentLabel = (l: TextLine) => labelOnly(l) && !marked(l);
  // The rest of a row's cells wrapped onto the next text line (不适用（适用年龄3岁以 / 上）) starts no row: no
  // number and no name of its own, each word one text line under a word of the same column on the line
  // just above (the lines of one cell stand a line apart; rows stand further apart, padded).
  const nameCols = new Set(kinds.flatMap((k, c) => (k === 'name' || k === 'index' ? [c] : [])));
  const wrappedRest = (l: TextLine) => {
    const above = body[body.indexOf(l) - 1];
    if (!above || l.words.some((w) => nameCols.has(colOf(w)))) return false;
    return l.words.every((w) => {
      const c = colOf(w);
      const over = above.words.filter((a) => colOf(a) === c && a.box.y0 < w.box.y0);
      const pitch = w.box.y0 - Math.max(...over.map((a) => a.box.y0));
      return over.length > 0 && pitch < (w.box.y1 - w.box.y0) * 1.2;
    });
  };
  const isAnchor = (l: TextLine) =>
    !parentLabel(l) &&
    !wrappedRest(l) &&
    (marked(l) || (columns(l).size >= 3 && (subRows || !restOfNumbered(l))));
  const anchors = body.filter(isAnchor);
  if (anchors.length === 0) return [];
  const groups = new Map<TextLine, TextLine[]>(anchors.map((a) => [a, [a]]));
  for (const l of body) {
    if (groups.has(l)) continue;
    const mid = (l.y0 + l.y1) / 2;
    const h = l.y1 - l.y0;
    const parentRow = parentLabel(l)
      ? anchors.find((a) => labelOnly(a) && a.y0 - l.y1 < h && l.y0 - a.y1 < h)
      : undefined;
    let best = parentRow ?? anchors[0];
    for (const a of parentRow ? [] : anchors) {
      if (!best || Math.abs((a.y0 + a.y1) / 2 - mid) < Math.abs((best.y0 + best.y1) / 2 - mid)) best = a;
    }
    if (best) groups.get(best)?.push(l);
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

/** Whether cell `b`'s text stands on the line right under cell `a`'s (the next line of one wrapped cell). */
function nextLineOf(a: GridCell, b: GridCell): boolean {
  if (!a.words.length || !b.words.length) return false;
  const aBottom = Math.max(...a.words.map((w) => w.box.y1));
  const bTop = Math.min(...b.words.map((w) => w.box.y0));
  const h = Math.min(...[...a.words, ...b.words].map((w) => w.box.y1 - w.box.y0));
  return bTop > aBottom - h * 0.5 && bTop - aBottom < h * 0.2;
}

/**
 * Row-spanning cells without drawn borders: in the index and name columns, a cell with text whose
 * neighbours above and below are empty (while their rows hold values) is one merged cell, spread
 * over those rows — an item printed centred beside its sub-rows. `ocr`: the words are OCR segments.
 */
function spreadMergedCells(
  units: GridCell[][],
  kinds: (ColumnKind | null)[],
  firstBody: number,
  ocr: boolean,
): GridCell[] {
  const cells: GridCell[] = [];
  const covered = new Set<GridCell>();
  const nameAt = kinds.indexOf('name');
  const parentCol = kinds[nameAt + 1] === 'name' ? nameAt : -1;
  const indexCol = kinds.indexOf('index');
  // a row number or a parent name centred in the rows it spans
  const spreadCols = [indexCol, parentCol].filter((c) => c >= 0);
  const subCol = parentCol >= 0 ? parentCol + 1 : -1;
  const verdictCol = kinds.indexOf('verdict');
  const R = units.length;
  const filled = (r: number) => (units[r] ?? []).some((u) => u.text);
  // a row with nothing in it (a band between two rows' lines that OCR's boxes left empty) is passed
  // over when a row with text follows it
  const passable = (r: number, step: 1 | -1) =>
    filled(r) || (r + step >= firstBody && r + step < R && filled(r + step));
  for (const c of spreadCols) {
    for (let r = firstBody; r < R; r++) {
      const u = units[r]?.[c];
      if (!u?.text || covered.has(u) || u.rowSpan > 1) continue;
      // a number spread with its parent's name: the name's wrapped pieces may stand in the rows it
      // spans (邻苯二甲酸 / 酯), each a line under the one before; another name there is another item's
      const withParent = c === indexCol && parentCol >= 0 && Boolean(units[r]?.[parentCol]?.text);
      const wrapOf = new Set<number>([r]);
      // (a parent name alone, in a text layer only: OCR's line boxes put a line of the parent above or
      // below it a line apart too, and a parent took in the next parent's name; measured on the random
      // scan and photo layouts of bench/generalization.bench.ts, seeds 7, 9 and 10)
      if (withParent || (c === parentCol && !ocr)) {
        for (const step of [-1, 1] as const) {
          let from = units[r]?.[parentCol] as GridCell;
          for (let k = r + step; k >= firstBody && k < R; k += step) {
            const cell = units[k]?.[parentCol];
            if (!cell?.text) continue;
            if (!nextLineOf(step > 0 ? from : cell, step > 0 ? cell : from)) break;
            wrapOf.add(k);
            from = cell;
          }
        }
      }
      // an item read whole on its own row (its verdict, no sub-item) spans no sub-item's row
      const whole =
        subCol >= 0 && verdictCol >= 0 && !units[r]?.[subCol]?.text && Boolean(units[r]?.[verdictCol]?.text);
      const open = (k: number) =>
        (!withParent || !units[k]?.[parentCol]?.text || wrapOf.has(k)) &&
        !(whole && units[k]?.[subCol]?.text);
      // rows around it with this column empty (and something else printed)
      // (a parent name's own wrapped pieces in the rows beside it are that cell's)
      const free = (k: number) => !units[k]?.[c]?.text || (c === parentCol && wrapOf.has(k));
      let lo = r;
      while (lo - 1 >= firstBody && free(lo - 1) && passable(lo - 1, -1) && open(lo - 1)) lo--;
      let hi = r;
      while (hi + 1 < R && free(hi + 1) && passable(hi + 1, 1) && open(hi + 1)) hi++;
      if (lo === r && hi === r) continue;
      // the span whose middle is where the text stands (a merged cell centres its text); the largest wins
      const textWords = c === parentCol ? [...wrapOf].flatMap((k) => units[k]?.[c]?.words ?? []) : u.words;
      const yc = textWords.reduce((s, w) => s + (w.box.y0 + w.box.y1) / 2, 0) / (textWords.length || 1);
      const bandH = u.box.y1 - u.box.y0 || 0.01;
      // as many sub-rows above its text as below (a sub-row printed on the text's line counts for neither),
      // unless the span's middle is on the text's line (sub-rows of unequal heights)
      const lineH = Math.min(...textWords.map((w) => w.box.y1 - w.box.y0), 0.02);
      const balanced = (a: number, b: number) => {
        if (subCol < 0) return true;
        let d = 0;
        for (let k = a; k <= b; k++) {
          const sub = units[k]?.[subCol];
          if (!sub?.text || !sub.words.length) continue;
          const y = sub.words.reduce((s, w) => s + (w.box.y0 + w.box.y1) / 2, 0) / sub.words.length;
          if (Math.abs(y - yc) >= lineH * 0.5) d += y < yc ? 1 : -1;
        }
        return d === 0;
      };
      let best: [number, number] = [r, r];
      for (let a = lo; a <= r; a++) {
        for (let b = r; b <= hi; b++) {
          const mid = ((units[a]?.[c]?.box.y0 ?? 0) + (units[b]?.[c]?.box.y1 ?? 0)) / 2;
          const off = Math.abs(mid - yc);
          if (off < bandH * 0.3 && b - a > best[1] - best[0] && (off < lineH * 0.35 || balanced(a, b))) {
            best = [a, b];
          }
        }
      }
      const [a, b] = best;
      if (a === b) continue;
      const together =
        c === indexCol && parentCol >= 0 && !units[r]?.[parentCol]?.text
          ? [c]
          : c === indexCol
            ? [c, parentCol]
            : [c];
      for (const col of together.filter((k) => k >= 0)) {
        const cell = units[r]?.[col];
        if (!cell || covered.has(cell) || cell.rowSpan > 1) continue;
        // the pieces of a merged cell's text wrapped over the rows it spans (邻苯二甲酸 / 酯) join it
        const pieces = Array.from({ length: b - a + 1 }, (_, k) => units[a + k]?.[col]).filter(
          (p): p is GridCell => p !== undefined && p.text !== '',
        );
        if (pieces.length > 1) {
          cell.words = pieces.flatMap((p) => p.words);
          cell.text = pieces.map((p) => p.text).reduce(joinWrapped);
        }
        cell.row = a;
        cell.rowSpan = b - a + 1;
        cell.box = {
          ...cell.box,
          y0: units[a]?.[col]?.box.y0 ?? cell.box.y0,
          y1: units[b]?.[col]?.box.y1 ?? cell.box.y1,
        };
        for (let k = a; k <= b; k++) {
          if (k !== r) covered.add(units[k]?.[col] as GridCell);
        }
      }
    }
  }
  for (const row of units) for (const u of row) if (!covered.has(u)) cells.push(u);
  return cells;
}

/**
 * A table continued from the previous page without its header: the previous table's columns, rows
 * from the first line that fills them (page headers above are skipped) to the end of the table.
 */
export function continuedTable(
  words: Word[],
  columns: { xs: number[]; kinds: (ColumnKind | null)[]; empty?: boolean[] },
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns = false,
): StreamTable | null {
  const { kinds } = columns;
  let xs = columns.xs;
  const colOf = (w: Word) => {
    const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
    for (let c = 0; c < xs.length - 1; c++) if (x >= (xs[c] ?? 0) && x < (xs[c + 1] ?? 1)) return c;
    return -1;
  };
  // borders at one place (a column of no width on this page) count once
  const crosses = (l: TextLine) =>
    l.words.some(
      (w) => distinctBorders(xs).filter((x) => w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004).length >= 2,
    );
  // the first row: a row number (or verdict) where the table prints it, cells in three columns or more
  const anchor = kinds.includes('index') ? 'index' : kinds.includes('verdict') ? 'verdict' : null;
  // (any word in that column: on a page printed with other widths a requirement may stand there too)
  const anchorOk = (l: TextLine) => {
    if (!anchor) return true;
    return l.words.some(
      (w) =>
        colOf(w) === kinds.indexOf(anchor) &&
        (anchor === 'index' ? /^\d{1,3}$/.test(w.text) : isVerdictToken(w.text)),
    );
  };
  const fits = (l: TextLine) =>
    !crosses(l) && anchorOk(l) && new Set(l.words.map(colOf).filter((c) => c >= 0)).size >= 3;
  const lines = textLines(words);
  // no such row: the page may go on with one merged parent, its number and name alone on their line
  // and its sub-rows (no number) around it; kept only when such sub-rows are found (below)
  const numbered = lines.findIndex(fits);
  const parentOnly = numbered < 0;
  const first = parentOnly
    ? lines.findIndex((l) => anchor === 'index' && !crosses(l) && anchorOk(l))
    : numbered;
  if (first < 0) return null;
  const rowH = Math.max(0.008, (lines[first] as TextLine).y1 - (lines[first] as TextLine).y0);
  // A line running over two borders is a sentence under the table, not a row; but the borders of a
  // column that no row read so far filled are guesses (a sub-item column beside rows without sub-items:
  // both its borders stand somewhere in one white gap), and count as one — once rows read fill three
  // columns (a parent's number and name alone tell too little).
  const crossesFilled = (l: TextLine, filled: Set<number>) => {
    const groups: number[] = [];
    let group = -1;
    // border k stands right of column k: it joins the border left of that column when nothing filled it
    xs.slice(1, -1).forEach((_, k) => {
      if (k === 0 || filled.has(k)) group++;
      groups.push(group);
    });
    return l.words.some((w) => {
      const crossed = new Set(
        xs.slice(1, -1).flatMap((x, k) => (w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004 ? [groups[k]] : [])),
      );
      return crossed.size >= 2;
    });
  };
  const readBody = (start: number) => {
    const rows: TextLine[] = [];
    const filled = new Set<number>();
    let end = false;
    let lastY = (lines[start] as TextLine).y0;
    for (let j = start; j < lines.length; j++) {
      const l = lines[j] as TextLine;
      if (isEnd(l.text)) {
        end = PRINTED_TABLE_END.test(l.text);
        break;
      }
      if (opensTable(l) || l.y0 - lastY > rowH * 6) break;
      if (filled.size >= 3 ? crossesFilled(l, filled) : crosses(l)) break;
      rows.push(l);
      for (const w of l.words) filled.add(colOf(w));
      lastY = l.y1;
    }
    return { rows, end };
  };
  // A table printed again on a new page may have other column widths: borders move to the white space
  // of the rows read, and the rows are read again with the moved borders (a cell wider here than on
  // the page before crossed the old borders as a sentence would, and ended the table early — or kept
  // its row, the first, from being found).
  let { rows: body, end: ended } = readBody(first);
  xs = adjustBorders(
    xs,
    body.flatMap((l) => l.words),
    columns.empty,
    kinds,
  );
  const again = lines.findIndex(fits);
  const start = again >= 0 && again < first ? again : first;
  ({ rows: body, end: ended } = readBody(start));
  xs = adjustBorders(
    xs,
    body.flatMap((l) => l.words),
    columns.empty,
    kinds,
  );
  // rows above the first numbered one: the page goes on with sub-rows beside a merged parent whose
  // number stands lower (直向 / 17 水洗尺寸变化率 / 横向); with them the borders are found again
  const top = rowsAbove(lines, start, kinds, xs, rowH, splitRuns);
  if (parentOnly && top === start && !body.some((l) => subRowOf(l, kinds, xs))) return null;
  if (top < start) {
    ({ rows: body, end: ended } = readBody(top));
    xs = adjustBorders(
      xs,
      body.flatMap((l) => l.words),
      columns.empty,
      kinds,
    );
  }
  xs = subItemBorder(
    xs,
    kinds,
    body.flatMap((l) => l.words),
  );
  const grid = buildGrid([], [], body, rowLines, page, splitRuns, { xs, kinds });
  return grid ? { grid, kinds, headerRows: 0, ended } : null;
}

/** The inner borders of `xs`, those at one place (a column of no width, within 0.004) once. */
function distinctBorders(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of xs.slice(1, -1)) if (!out.some((o) => Math.abs(o - x) < 0.004)) out.push(x);
  return out;
}

/** A line with a word running over two column borders (borders at one place counting once). */
function crossesTwo(l: TextLine, xs: number[]): boolean {
  const inner = distinctBorders(xs);
  return l.words.some((w) => inner.filter((x) => w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004).length >= 2);
}

/**
 * A row of a table in columns `xs`: cells in three columns or more, a verdict mark in its verdict column
 * (`ocr`: a check mark OCR misread, "<" for √, counts).
 */
function subRowOf(l: TextLine, kinds: (ColumnKind | null)[], xs: number[], ocr = false): boolean {
  const colOf = (w: Word) => {
    const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
    for (let c = 0; c < xs.length - 1; c++) if (x >= (xs[c] ?? 0) && x < (xs[c + 1] ?? 1)) return c;
    return -1;
  };
  return (
    !crossesTwo(l, xs) &&
    (!kinds.includes('verdict') ||
      l.words.some(
        (w) =>
          kinds[colOf(w)] === 'verdict' &&
          (isVerdictToken(w.text) || (ocr && ocrVerdictCellOf(w.text) !== null)),
      )) &&
    new Set(l.words.map(colOf).filter((c) => c >= 0)).size >= 3
  );
}

/**
 * The first line of a continued table when rows without a number stand above its first numbered row
 * (`start`): sub-rows (a verdict word in the verdict column, cells in three columns or more; the sub-item
 * column may have no width yet, empty in the numbered rows the borders were fitted to) and,
 * between them, a merged parent's number and name; each close under the one above. A page header above
 * holds no such row. Returns `start` when there is none.
 */
function rowsAbove(
  lines: TextLine[],
  start: number,
  kinds: (ColumnKind | null)[],
  xs: number[],
  rowH: number,
  ocr: boolean,
): number {
  const colOf = (w: Word) => {
    const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
    for (let c = 0; c < xs.length - 1; c++) if (x >= (xs[c] ?? 0) && x < (xs[c + 1] ?? 1)) return c;
    return -1;
  };
  const kindOf = (w: Word) => kinds[colOf(w)] ?? null;
  // OCR'd: a sub-row whose verdict mark OCR did not see at all, known by its name and its limit or
  // result (经向 | ≥200 | 426 | N)
  const valued = (l: TextLine) =>
    ocr &&
    !crossesTwo(l, xs) &&
    l.words.some((w) => kindOf(w) === 'name') &&
    l.words.some(
      (w) => (kindOf(w) === 'requirement' || kindOf(w) === 'result') && /^[≤≥<>＜＞]?\s*[-+]?\d/.test(w.text),
    ) &&
    new Set(l.words.map(colOf).filter((c) => c >= 0)).size >= 3;
  const subRow = (l: TextLine) => subRowOf(l, kinds, xs, ocr) || valued(l);
  const label = (l: TextLine) =>
    !crossesTwo(l, xs) && l.words.every((w) => kindOf(w) === 'name' || kindOf(w) === 'index');
  let top = start;
  for (let k = start - 1; k >= 0; k--) {
    const l = lines[k] as TextLine;
    const below = lines[k + 1] as TextLine;
    if (below.y0 - l.y1 > rowH * 1.5 || !(subRow(l) || label(l))) break;
    if (subRow(l)) top = k;
  }
  return top;
}

/**
 * Column borders moved to the white space of the rows they divide: the gaps no word covers. When
 * there are as many gaps as borders they are taken in order; so they are when there are as many as
 * the borders between the columns that held something on the page before (`empty`: a remark column
 * nobody wrote in leaves no gap of its own), an empty column keeping no width at its neighbours' gap;
 * otherwise each border moves to the nearest gap, if one is near.
 */
function adjustBorders(
  xs: number[],
  words: Word[],
  empty: boolean[] = [],
  kinds?: (ColumnKind | null)[],
): number[] {
  if (words.length === 0) return xs;
  const left = Math.min(...words.map((w) => w.box.x0));
  const right = Math.max(...words.map((w) => w.box.x1));
  const step = 0.002;
  const gaps: number[] = [];
  let runStart = -1;
  for (let x = left; x <= right + step; x += step) {
    const covered = words.some((w) => w.box.x0 - 0.001 < x && w.box.x1 + 0.001 > x);
    if (!covered && runStart < 0) runStart = x;
    if ((covered || x > right) && runStart >= 0) {
      if (x - runStart >= 0.006 && runStart > left && x < right) gaps.push((runStart + x) / 2);
      runStart = -1;
    }
  }
  const inner = xs.slice(1, -1);
  const first = Math.min(xs[0] ?? 0, left - 0.002);
  const last = Math.max(xs[xs.length - 1] ?? 1, right + 0.002);
  if (gaps.length === inner.length) return [first, ...gaps, last];
  const filled = empty.length === xs.length - 1 ? empty.filter((e) => !e).length : -1;
  if (filled > 0 && gaps.length === filled - 1) {
    // the border after each column: the next gap after a filled column, the last one after an empty one
    const out = [first];
    let g = 0;
    for (let c = 0; c < empty.length - 1; c++) {
      if (!empty[c]) g++;
      out.push(g === 0 ? first : g > gaps.length ? last : (gaps[g - 1] as number) + (empty[c] ? 0 : -0.0001));
    }
    out.push(last);
    return out;
  }
  const moved = inner.map((b) => {
    const near = gaps.reduce((best, g) => (Math.abs(g - b) < Math.abs(best - b) ? g : best), Infinity);
    return Math.abs(near - b) < 0.06 ? near : b;
  });
  if (gaps.length >= inner.length || !kinds) {
    return [first, ...moved, last];
  }
  // Fewer gaps than borders (a column empty in these rows): every gap divides two columns, so each
  // takes a border of its own, in order. Of the ways to do so (and the nearest-gap moves above) the one
  // whose verdict and index columns hold the verdict marks and row numbers (and nothing else) wins, then
  // the one taking every gap, then the least movement: a narrow verdict column moved far (√ printed
  // further left on this page) is still the verdict column.
  const misfit = (bs: number[]) => {
    const all = [first, ...bs, last];
    return words.reduce((sum, w) => {
      const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
      const kind = kinds[all.findIndex((b, k) => k + 1 < all.length && x >= b && x < (all[k + 1] ?? 1))];
      const fits =
        kind === 'verdict' ? isVerdictToken(w.text) : kind === 'index' ? /^\d{1,3}$/.test(w.text) : null;
      return fits === null ? sum : sum + (fits ? -1 : 1);
    }, 0);
  };
  const movement = (bs: number[]) => bs.reduce((sum, b, k) => sum + Math.abs(b - (inner[k] ?? 0)), 0);
  const candidates = [moved, ...gapPlacements(inner, gaps)].map((bs) => ({
    bs,
    misfit: misfit(bs),
    unclaimed: gaps.some((g) => !bs.includes(g)) ? 1 : 0,
    movement: movement(bs),
  }));
  candidates.sort((a, b) => a.misfit - b.misfit || a.unclaimed - b.unclaimed || a.movement - b.movement);
  return [first, ...(candidates[0]?.bs ?? moved), last];
}

/**
 * Every way of moving borders to gaps (fewer gaps than borders) with each gap taking one border, in
 * left-to-right order; a border no gap took stays where it was, kept between its neighbours.
 */
function gapPlacements(borders: number[], gaps: number[]): number[][] {
  const out: number[][] = [];
  const choose = (from: number, picked: number[]) => {
    if (out.length >= 2000) return;
    if (picked.length === gaps.length) {
      const bs = [...borders];
      picked.forEach((b, j) => (bs[b] = gaps[j] ?? 0));
      for (let i = 0; i < bs.length; i++) {
        if (picked.includes(i)) continue;
        const lo = i > 0 ? (bs[i - 1] ?? 0) : -Infinity;
        const next = picked.find((b) => b > i);
        const hi = next !== undefined ? (bs[next] ?? Infinity) : Infinity;
        bs[i] = Math.min(Math.max(bs[i] ?? 0, lo), hi);
      }
      out.push(bs);
      return;
    }
    for (let b = from; b <= borders.length - (gaps.length - picked.length); b++) {
      choose(b + 1, [...picked, b]);
    }
  };
  choose(0, []);
  return out;
}

/** The least number of rows a table printed without a header must show for its columns to be judged. */
const HEADERLESS_MIN_ROWS = 3;

/**
 * Tables printed without a header line (none printed, or every header word unreadable): a run of text
 * lines whose phrases stand in three columns or more, its column borders the white space that runs
 * down all of them, each column's role from what its cells hold (roles.ts findRolesByContent: row
 * numbers, verdict words or marks, units, limits, results, item names). The run is an item table only
 * when an item-name, a verdict and a result or requirement column are found; lines above it that hold
 * no value where the values stand (an unreadable header) are left out.
 */
/** Chinese labels of report header fields (委托单位, 检验类别 …): no item table row starts with one. */
const FIELD_LABELS = new Set(
  Object.values(REPORT_LABELS)
    .flat()
    .filter((l) => /^[\u3400-\u9fff/()（）]{2,}$/.test(l)),
);

/**
 * A line of the report's header fields printed as a key/value grid (商标 | 优佳 | 生产日期/批号 | /):
 * one of its phrases is a field label. Such lines stand in columns as table rows do.
 */
function namesReportField(line: TextLine): boolean {
  return phrases(line).some((p) => FIELD_LABELS.has(p.text.replace(/\s+/g, '').replace(/[:：]$/, '')));
}

export function headerlessTables(
  words: Word[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns = false,
  barriers: number[] = [],
): StreamTable[] {
  const lines = textLines(words);
  const out: StreamTable[] = [];
  const rowH = Math.max(0.008, medianWordHeight(words, 0.01));
  const wide = (l: TextLine) => phrases(l).length >= 3;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as TextLine;
    if (!wide(line) || isEnd(line.text) || namesReportField(line)) continue;
    // the run: lines of three phrases or more, with the wrapped lines between them (a cell printed on
    // two lines), up to an end marker or a gap wider than a few rows
    const run: TextLine[] = [lines[i] as TextLine];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as TextLine;
      const last = run[run.length - 1] as TextLine;
      if (barriers.some((y) => y > last.y1 && y < l.y0)) break;
      if (isEnd(l.text) || l.y0 - last.y1 > rowH * 3 || namesReportField(l)) break;
      if (!wide(l)) {
        // a wrapped line belongs to the run when a wide line follows closely, or when it stands as
        // close under the line above as the lines of one cell do (the rest of the last row)
        const next = lines.slice(j + 1, j + 3).find(wide);
        const wrapped = l.y0 - last.y1 < rowH * 0.1;
        if (!wrapped && (!next || next.y0 - l.y1 > rowH * 3)) break;
      }
      run.push(l);
    }
    // the end marker closes this table only when no other table stands between them
    const marker = lines[j];
    const last = run[run.length - 1] as TextLine;
    const ended =
      !!marker && PRINTED_TABLE_END.test(marker.text) && !barriers.some((y) => y > last.y1 && y < marker.y0);
    const table = headerlessTable(run, rowLines, page, splitRuns);
    if (table) {
      out.push({ ...table, ended });
      i = j - 1;
    }
  }
  return out;
}

/** One run of lines read as a table without a header, or null when its columns do not make an item table. */
function headerlessTable(
  run: TextLine[],
  rowLines: { y: number; x0: number; x1: number }[],
  page: number,
  splitRuns: boolean,
): Omit<StreamTable, 'ended'> | null {
  const core = run.filter((l) => phrases(l).length >= 3);
  if (core.length < HEADERLESS_MIN_ROWS) return null;
  let borders = whiteColumns(core.map(phrases));
  if (borders.length < 4) return null;
  // names printed left of every full row (merged parents centred over their sub-items' rows, with
  // their row numbers): columns of the table too
  const leftOf = run.flatMap(phrases).filter((w) => w.box.x1 < (borders[0] ?? 0));
  if (leftOf.some((w) => /[\u3400-\u9fff]{2,}/.test(w.text))) {
    const wider = whiteColumns(run.map(phrases));
    if (wider.length > borders.length && (wider[0] ?? 1) < (borders[0] ?? 0)) borders = wider;
  }
  // lines at the run's top or bottom running over two borders (a page header, a sentence) are no
  // rows of the table; a cell running over one border (a long name) stays its row's
  const crosses = (l: TextLine) =>
    phrases(l).some((w) => borders.slice(1, -1).filter((x) => w.box.x0 < x && w.box.x1 > x).length >= 2);
  // nor is the page's running header or footer (报告编号 …, 第 2 页 共 2 页) standing close to its rows
  const noRow = (l: TextLine) => crosses(l) || TABLE_PAGE_NOISE.some((re) => re.test(l.text));
  const first = run.findIndex((l) => !noRow(l));
  if (first < 0) return null;
  let last = run.length - 1;
  while (last > first && noRow(run[last] as TextLine)) last--;
  const body = run.slice(first, last + 1);
  const blank = { xs: borders, kinds: borders.slice(1).map(() => null) };
  const probe = buildGrid([], [], body, rowLines, page, splitRuns, blank);
  if (!probe || colsOf(probe) < 3) return null;
  const layout = findRolesByContent(probe);
  if (!layout) return null;
  const kinds = layout.columns.map((c) => (c.kind === 'matrix' ? null : c.kind));
  // rows at the top that hold no value (a header the text layer could not map) are left out
  const top = layout.headerTo >= 0 ? (probe.ys[layout.headerTo + 1] ?? 0) : -Infinity;
  const rows = body.filter((l) => (l.y0 + l.y1) / 2 > top);
  if (rows.filter((l) => phrases(l).length >= 3).length < HEADERLESS_MIN_ROWS) return null;
  const grid = buildGrid([], [], rows, rowLines, page, splitRuns, { xs: borders, kinds });
  return grid ? { grid, kinds, headerRows: 0 } : null;
}

/**
 * Column borders of lines printed without a header (each line's cells): the table's left and right
 * edges and the middle of each white run, as wide as the space between two cells, that runs down
 * the lines — all of them but one in five (a page header or a long cell above, below or inside the
 * table may cover it).
 */
function whiteColumns(lines: Word[][]): number[] {
  const cells = lines.flat();
  if (cells.length === 0) return [];
  const left = Math.min(...cells.map((w) => w.box.x0));
  const right = Math.max(...cells.map((w) => w.box.x1));
  const tolerated = Math.floor(lines.length / 5);
  const step = 0.001;
  const gaps: number[] = [];
  let runStart = -1;
  for (let x = left; x <= right + step; x += step) {
    const covering = lines.filter((l) => l.some((w) => w.box.x0 < x && w.box.x1 > x)).length;
    const covered = x <= right && covering > tolerated;
    if (!covered && runStart < 0) runStart = x;
    if ((covered || x > right) && runStart >= 0) {
      if (x - runStart >= 0.006 && x <= right) gaps.push((runStart + x) / 2);
      runStart = -1;
    }
  }
  return [left - 0.002, ...gaps, right + 0.002];
}
