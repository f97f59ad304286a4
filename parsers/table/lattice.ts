/**
 * Tables drawn with ruling lines: rows and columns from the lines, merged cells where a border is
 * missing, the words placed in the cells they sit in. Works on any page whose lines are known (a
 * text PDF's drawing operators, or lines detected on a scanned image).
 */
import type { Box } from '../types';
import { joinWrapped } from '../text/normalise';
import {
  centreX,
  centreY,
  columnOf,
  cutAtBorders,
  emPerHeight,
  wordsText,
  type Grid,
  type GridCell,
  type Word,
} from './grid';

interface HLine {
  y: number;
  x0: number;
  x1: number;
}
interface VLine {
  x: number;
  y0: number;
  y1: number;
}

/** Tolerances in page fractions. */
const SAME_LINE = 0.003;
const JOIN_GAP = 0.004;
const TOUCH = 0.004;
/**
 * Share of a table's height a column line must be drawn down for it to stand in an OCR'd row where it
 * was not seen, when that row's words fall on its two sides (gridOf): a seal lifted off a scan takes
 * the lines under it along, a third of a matrix's column or more.
 */
const PARTLY_DRAWN = 0.25;

/** Ruling lines split into horizontal and vertical ones, collinear pieces joined. */
export function normaliseRules(rules: Box[]): { h: HLine[]; v: VLine[] } {
  const h: HLine[] = [];
  const v: VLine[] = [];
  for (const r of rules) {
    const w = r.x1 - r.x0;
    const t = r.y1 - r.y0;
    // a page is taller than wide: compare lengths in similar units
    if (w > t * 1.41 * 3) h.push({ y: (r.y0 + r.y1) / 2, x0: r.x0, x1: r.x1 });
    else if (t * 1.41 > w * 3) v.push({ x: (r.x0 + r.x1) / 2, y0: r.y0, y1: r.y1 });
  }
  const joinH = (ls: HLine[]): HLine[] => {
    ls.sort((a, b) => a.y - b.y || a.x0 - b.x0);
    const out: HLine[] = [];
    for (const l of ls) {
      const same = out.find(
        (o) => Math.abs(o.y - l.y) < SAME_LINE && l.x0 <= o.x1 + JOIN_GAP && l.x1 >= o.x0 - JOIN_GAP,
      );
      if (same) {
        same.x0 = Math.min(same.x0, l.x0);
        same.x1 = Math.max(same.x1, l.x1);
      } else {
        out.push({ ...l });
      }
    }
    return out;
  };
  const joinV = (ls: VLine[]): VLine[] => {
    ls.sort((a, b) => a.x - b.x || a.y0 - b.y0);
    const out: VLine[] = [];
    for (const l of ls) {
      const same = out.find(
        (o) => Math.abs(o.x - l.x) < SAME_LINE && l.y0 <= o.y1 + JOIN_GAP && l.y1 >= o.y0 - JOIN_GAP,
      );
      if (same) {
        same.y0 = Math.min(same.y0, l.y0);
        same.y1 = Math.max(same.y1, l.y1);
      } else {
        out.push({ ...l });
      }
    }
    return out;
  };
  // joining can make new neighbours meet: twice is enough for ruled tables
  return { h: joinH(joinH(h)), v: joinV(joinV(v)) };
}

/** Positions closer than `tol` become one (their mean). */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - (g[g.length - 1] ?? v) < tol) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i] ?? i] ?? i;
    i = parent[i] ?? i;
  }
  return i;
}
function union(parent: number[], a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[ra] = rb;
}

/** Groups of lines that touch each other (one table each). */
function components(h: HLine[], v: VLine[]): { h: HLine[]; v: VLine[] }[] {
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  h.forEach((a, i) => {
    v.forEach((b, j) => {
      if (b.x >= a.x0 - TOUCH && b.x <= a.x1 + TOUCH && a.y >= b.y0 - TOUCH && a.y <= b.y1 + TOUCH) {
        union(parent, i, h.length + j);
      }
    });
  });
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  const at = (k: number) => {
    const r = find(parent, k);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((a, i) => at(i).h.push(a));
  v.forEach((b, j) => at(h.length + j).v.push(b));
  return [...groups.values()];
}

/** Share of [a0, a1] covered by the given intervals. */
function coverage(a0: number, a1: number, intervals: [number, number][]): number {
  const len = a1 - a0;
  if (len <= 0) return 1;
  let covered = 0;
  const sorted = intervals
    .map(([s, e]) => [Math.max(s, a0), Math.min(e, a1)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  let end = a0;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return covered / len;
}

/** How far apart two pieces of one row line may stand (a seal or a faint scan broke it). */
const LINE_BREAK = 0.05;

/**
 * Row lines touching no column line (a row line's end broken off by a seal where the table's outer
 * column line was not detected) join the table whose row line they continue: same height, a short
 * break between them.
 */
function withBrokenRowLines(comps: { h: HLine[]; v: VLine[] }[]): { h: HLine[]; v: VLine[] }[] {
  const tables = comps.filter((c) => c.v.length > 0);
  const out = [...tables];
  for (const comp of comps.filter((c) => c.v.length === 0)) {
    const rest: HLine[] = [];
    for (const l of comp.h) {
      const owner = tables.find((t) =>
        t.h.some(
          (m) => Math.abs(m.y - l.y) < SAME_LINE && l.x0 - m.x1 < LINE_BREAK && m.x0 - l.x1 < LINE_BREAK,
        ),
      );
      if (owner) owner.h.push(l);
      else rest.push(l);
    }
    if (rest.length) out.push({ h: rest, v: [] });
  }
  return out;
}

/** How far from a column line a row line may end and still be taken to end at it. */
const END_AT_COLUMN = 0.01;

/**
 * On an OCR'd page, the stretches where a row line drawn across most of the table is missing because
 * it was broken off (a seal over it, a faint scan): a gap with an end inside a cell, not at a column
 * line. A row line left out on purpose (a cell merged over two rows) stops at the column lines of
 * that cell on both sides.
 */
export function brokenStretches(pieces: [number, number][], xs: number[]): [number, number][] {
  const left = xs[0] ?? 0;
  const right = xs[xs.length - 1] ?? 1;
  if (pieces.length === 0 || coverage(left, right, pieces) < 0.5) return [];
  const sorted = [...pieces].sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let end = left;
  for (const [s, e] of sorted) {
    if (s > end) gaps.push([end, s]);
    end = Math.max(end, e);
  }
  if (end < right) gaps.push([end, right]);
  const atColumn = (x: number) => xs.some((c) => Math.abs(c - x) < END_AT_COLUMN);
  return gaps.filter(([a, b]) => b - a > END_AT_COLUMN && (!atColumn(a) || !atColumn(b)));
}

/** The grid of one ruled table. */
function gridOf(
  comp: { h: HLine[]; v: VLine[] },
  words: Word[],
  page: number,
  splitRuns: boolean,
  em: number | null,
): Grid | null {
  const left = Math.min(...comp.h.map((l) => l.x0), ...comp.v.map((l) => l.x));
  const right = Math.max(...comp.h.map((l) => l.x1), ...comp.v.map((l) => l.x));
  const top = Math.min(...comp.h.map((l) => l.y), ...comp.v.map((l) => l.y0));
  const bottom = Math.max(...comp.h.map((l) => l.y), ...comp.v.map((l) => l.y1));
  const xs = cluster([left, right, ...comp.v.map((l) => l.x)], SAME_LINE * 2);
  const ys = cluster([top, bottom, ...comp.h.map((l) => l.y)], SAME_LINE * 2);
  const R = ys.length - 1;
  const C = xs.length - 1;
  // one row is no table (a shaded header row alone draws a box around each of its cells), unless the
  // caller knows better (latticeGrids' oneRow)
  if (R < 1 || C < 2) return null;
  const near = (a: number, b: number) => Math.abs(a - b) < SAME_LINE * 2;
  // a border is drawn when lines cover most of it; the table's outline counts as drawn
  const vAt = xs.map((x) => comp.v.filter((l) => near(l.x, x)).map((l) => [l.y0, l.y1] as [number, number]));
  const hAt = ys.map((y) => comp.h.filter((l) => near(l.y, y)).map((l) => [l.x0, l.x1] as [number, number]));
  // on an OCR'd page a column line drawn down part of the table (PARTLY_DRAWN) may be missing in a
  // row (a seal over it, a faint scan): it stands there too when that row's words fall on its two sides and none runs
  // across it. A cell merged over the line (a header over its sub-columns) has text across it or on
  // one side only.
  const lineShare = xs.map((_, i) => coverage(top, bottom, vAt[i] ?? []));
  const splitsRow = (r: number, c: number) => {
    const x = xs[c + 1] ?? 0;
    const ws = words.filter((w) => {
      const cy = centreY(w.box);
      return (
        cy >= (ys[r] ?? 0) && cy < (ys[r + 1] ?? 0) && w.box.x1 > (xs[c] ?? 0) && w.box.x0 < (xs[c + 2] ?? 1)
      );
    });
    const across = ws.some((w) => {
      const tol = Math.max(0.003, (em ?? 1) * (w.box.y1 - w.box.y0) * 0.8);
      return w.box.x0 < x - tol && w.box.x1 > x + tol;
    });
    return !across && ws.some((w) => centreX(w.box) < x) && ws.some((w) => centreX(w.box) > x);
  };
  const rightDrawn = (r: number, c: number) =>
    c + 1 >= C ||
    coverage(ys[r] ?? 0, ys[r + 1] ?? 0, vAt[c + 1] ?? []) > 0.5 ||
    (splitRuns && (lineShare[c + 1] ?? 0) >= PARTLY_DRAWN && splitsRow(r, c));
  const brokenAt = ys.map((_, i) => (splitRuns ? brokenStretches(hAt[i] ?? [], xs) : []));
  const bottomDrawn = (r: number, c: number) =>
    r + 1 >= R ||
    coverage(xs[c] ?? 0, xs[c + 1] ?? 0, [...(hAt[r + 1] ?? []), ...(brokenAt[r + 1] ?? [])]) > 0.5;
  const parent = Array.from({ length: R * C }, (_, i) => i);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (!rightDrawn(r, c)) union(parent, r * C + c, r * C + c + 1);
      if (!bottomDrawn(r, c)) union(parent, r * C + c, (r + 1) * C + c);
    }
  }
  const regions = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const k = find(parent, r * C + c);
      const g = regions.get(k);
      if (!g) regions.set(k, { r0: r, r1: r, c0: c, c1: c });
      else {
        g.r0 = Math.min(g.r0, r);
        g.r1 = Math.max(g.r1, r);
        g.c0 = Math.min(g.c0, c);
        g.c1 = Math.max(g.c1, c);
      }
    }
  }
  const cells: GridCell[] = [];
  const unitCell = new Map<number, GridCell>();
  for (const g of regions.values()) {
    const cell: GridCell = {
      row: g.r0,
      col: g.c0,
      rowSpan: g.r1 - g.r0 + 1,
      colSpan: g.c1 - g.c0 + 1,
      text: '',
      box: { x0: xs[g.c0] ?? 0, y0: ys[g.r0] ?? 0, x1: xs[g.c1 + 1] ?? 1, y1: ys[g.r1 + 1] ?? 1 },
      words: [],
    };
    cells.push(cell);
    for (let r = g.r0; r <= g.r1; r++) for (let c = g.c0; c <= g.c1; c++) unitCell.set(r * C + c, cell);
  }
  const index = (vals: number[], v: number) => {
    for (let i = 0; i < vals.length - 1; i++) if (v >= (vals[i] ?? 0) && v < (vals[i + 1] ?? 0)) return i;
    return -1;
  };
  let confidence = 1;
  for (const w of words) {
    const cy = centreY(w.box);
    if (cy < top || cy > bottom || w.box.x1 < left || w.box.x0 > right) continue;
    const r = index(ys, cy);
    if (r < 0) continue;
    // an OCR segment is one cell's text unless a drawn column line runs well inside it (cutAtBorders),
    // and is placed in the column holding most of it; a PDF text run that crosses a line overflows its
    // cell (a long name in a narrow column): it belongs where it starts
    const borders = xs.filter(
      (x, i) => i > 0 && i < C && (vAt[i] ?? []).some(([a, b]) => cy >= a && cy <= b),
    );
    for (const piece of splitRuns ? cutAtBorders(w, borders, true, em) : [w]) {
      const c = splitRuns
        ? columnOf(xs, piece.box)
        : index(xs, Math.min(piece.box.x0 + 0.004, centreX(piece.box)));
      const cell = c >= 0 ? unitCell.get(r * C + c) : undefined;
      if (cell) {
        cell.words.push(piece);
        confidence = Math.min(confidence, piece.confidence ?? 1);
      }
    }
  }
  for (const cell of cells) cell.text = wordsText(cell.words, joinWrapped);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page, xs, ys, cells, source: 'rules', confidence, ocr: splitRuns };
}

/** The left and right edges of a table. */
export interface TableEdges {
  x0: number;
  x1: number;
}

/** A table (or a row) from x0 to x1 stands between the edges of `table`. */
export function sameEdges(table: TableEdges | null, x0: number, x1: number): boolean {
  return table !== null && Math.abs(table.x0 - x0) < 0.01 && Math.abs(table.x1 - x1) < 0.01;
}

/**
 * latticeGrids' `oneRow` for a page: a grid of one row at the top of the page's rules, between the
 * edges of the table the page before left unfinished (`unfinished`; null when none), is that table's
 * last row.
 */
export function lastRowOf(unfinished: TableEdges | null, rules: Box[]): (g: Grid) => boolean {
  const top = Math.min(...rules.map((r) => r.y0));
  return (g) =>
    sameEdges(unfinished, g.xs[0] ?? 0, g.xs[g.xs.length - 1] ?? 0) && (g.ys[0] ?? 0) - top < 0.005;
}

/**
 * Every ruled table on a page (at least two columns drawn). `splitRuns`: words are OCR segments,
 * which may run over several cells and are cut at the column lines. Also returns the horizontal lines that
 * belong to no such table: rows ruled without columns (stream.ts uses them as row borders). A grid of
 * one row is a table only when `oneRow` accepts it (the last row of a table continued from the page
 * before); otherwise its lines are row lines.
 */
export function latticeGrids(
  words: Word[],
  rules: Box[],
  page: number,
  splitRuns = false,
  oneRow: (g: Grid) => boolean = () => false,
): { grids: Grid[]; rowLines: { y: number; x0: number; x1: number }[] } {
  const { h, v } = normaliseRules(rules);
  const em = splitRuns ? emPerHeight(words) : null;
  const grids: Grid[] = [];
  const rowLines: HLine[] = [];
  for (const comp of withBrokenRowLines(components(h, v))) {
    const tall = comp.v.filter((l) => l.y1 - l.y0 > 0.008);
    const grid =
      comp.h.length >= 2 && tall.length >= 2
        ? gridOf({ h: comp.h, v: tall }, words, page, splitRuns, em)
        : null;
    if (grid && (grid.ys.length > 2 || oneRow(grid))) grids.push(grid);
    else rowLines.push(...comp.h);
  }
  grids.sort((a, b) => (a.ys[0] ?? 0) - (b.ys[0] ?? 0));
  return { grids, rowLines };
}
