/**
 * Table ruling lines found on a prepared page image (8-bit grey, white paper): long horizontal and
 * vertical runs of dark pixels. Rows of pixels are scanned for dark runs (short gaps from noise or
 * JPEG blocks bridged); runs on neighbouring rows that touch are one line, so a line tilted by a
 * residual skew (a staircase of runs) is still one line; a band of ink thicker than a ruling line
 * (a filled block, a QR code, bold title text) is no line. Short lines are kept only where both
 * their ends meet a long line of the other direction (a column border between two row borders), so
 * the strokes of characters do not become borders. The result is in page fractions, like the boxes
 * of OCR words and a text PDF's drawn rules (parsers/types.ts PageText.rules).
 */
import type { Box } from '../../parsers/types';

export interface LineOptions {
  /** grey level under which a pixel is ink. Default 170 */
  dark?: number;
}

interface Segment {
  /** position across the line (row for a horizontal line) */
  at: number;
  from: number;
  to: number;
}

interface Line {
  /** along the line: first and last pixel */
  from: number;
  to: number;
  /** across the line: lowest and highest row (column) covered */
  lo: number;
  hi: number;
  /** ink pixels */
  ink: number;
  /** across position at the first and at the last pixel (they differ on a tilted line) */
  atFrom: number;
  atTo: number;
}

/** Dark runs of every row of a binary image (1 = ink), gaps up to `gap` bridged, at least `min` long. */
function rowRuns(ink: Uint8Array, width: number, height: number, gap: number, min: number): Segment[] {
  const out: Segment[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (ink[row + x]) {
        if (start < 0) start = x;
        else if (x - last - 1 > gap) {
          if (last - start + 1 >= min) out.push({ at: y, from: start, to: last });
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0 && last - start + 1 >= min) out.push({ at: y, from: start, to: last });
  }
  return out;
}

/**
 * Runs on rows at most `reach` apart that overlap (or nearly meet) along the line become one line.
 * Runs come sorted by row; each line remembers its runs on the last rows it reached.
 */
function joinRuns(runs: Segment[], reach: number, bridge: number): Line[] {
  interface Open extends Line {
    tails: Segment[];
  }
  const open: Open[] = [];
  const done: Open[] = [];
  for (const r of runs) {
    // lines that can no longer grow are finished
    for (let i = open.length - 1; i >= 0; i--) {
      const o = open[i];
      if (o && r.at - o.hi > reach) {
        done.push(o);
        open.splice(i, 1);
      }
    }
    const touching = open.filter((o) =>
      o.tails.some((t) => r.at - t.at <= reach && r.from <= t.to + bridge && r.to >= t.from - bridge),
    );
    const len = r.to - r.from + 1;
    if (touching.length === 0) {
      open.push({
        from: r.from,
        to: r.to,
        lo: r.at,
        hi: r.at,
        ink: len,
        atFrom: r.at,
        atTo: r.at,
        tails: [r],
      });
      continue;
    }
    const [first, ...rest] = touching;
    if (!first) continue;
    for (const o of rest) {
      if (o.from < first.from) [first.from, first.atFrom] = [o.from, o.atFrom];
      if (o.to > first.to) [first.to, first.atTo] = [o.to, o.atTo];
      first.lo = Math.min(first.lo, o.lo);
      first.ink += o.ink;
      first.tails.push(...o.tails);
      open.splice(open.indexOf(o), 1);
    }
    if (r.from < first.from) [first.from, first.atFrom] = [r.from, r.at];
    if (r.to > first.to) [first.to, first.atTo] = [r.to, r.at];
    first.hi = Math.max(first.hi, r.at);
    first.ink += len;
    first.tails = [...first.tails.filter((t) => r.at - t.at <= reach), r];
  }
  return [...done, ...open].map((o) => ({
    from: o.from,
    to: o.to,
    lo: o.lo,
    hi: o.hi,
    ink: o.ink,
    atFrom: o.atFrom,
    atTo: o.atTo,
  }));
}

/** Lines along the rows of a binary image: long enough, and as thin as a printed rule. */
function linesAlongRows(
  ink: Uint8Array,
  width: number,
  height: number,
  minPiece: number,
  maxThick: number,
  gapMax: number,
): Line[] {
  const runs = rowRuns(ink, width, height, 3, minPiece);
  const lines = joinRuns(runs, 2, 6).filter((l) => l.ink / (l.to - l.from + 1) <= maxThick);
  return joinCollinear(lines, gapMax, minPiece * 2.5);
}

/**
 * Pieces of one line broken by a gap (a seal stamped over it, a faded stretch) become one line again:
 * pieces whose ends are at most `gapMax` apart along the line and that stand at the same height.
 */
function joinCollinear(lines: Line[], gapMax: number, minLength: number): Line[] {
  const sorted = [...lines].sort((a, b) => a.from - b.from);
  const out: Line[] = [];
  for (const l of sorted) {
    // only pieces of lines: strokes of text side by side ("一 —") are not joined into one
    if (l.to - l.from < minLength) {
      out.push({ ...l });
      continue;
    }
    const prev = out.find(
      (o) =>
        o.to - o.from >= minLength &&
        l.from - o.to <= gapMax &&
        l.from > o.to - 2 &&
        Math.abs(o.atTo - l.atFrom) <= 4,
    );
    if (prev) {
      if (l.to > prev.to) [prev.to, prev.atTo] = [l.to, l.atTo];
      prev.lo = Math.min(prev.lo, l.lo);
      prev.hi = Math.max(prev.hi, l.hi);
      prev.ink += l.ink;
    } else {
      out.push({ ...l });
    }
  }
  return out;
}

/** The binary image turned a quarter (columns become rows). */
function transpose(ink: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) out[x * height + y] = ink[row + x] ?? 0;
  }
  return out;
}

/**
 * Ruling lines of a prepared page image (grey, one byte a pixel), as thin boxes in fractions of the
 * image. Sizes scale with the image, so any resolution reads alike.
 */
export function detectTableLines(
  grey: Uint8Array,
  width: number,
  height: number,
  opts: LineOptions = {},
): Box[] {
  const dark = opts.dark ?? 170;
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = (grey[i] ?? 255) < dark ? 1 : 0;
  const unit = Math.min(width, height) / 1654; // 1 at A4 width, 200 dpi
  const maxThick = Math.max(3, 7 * unit);
  const minPiece = Math.max(12, Math.round(40 * unit));
  const gapMax = Math.round(8 * unit);
  const hLines = linesAlongRows(ink, width, height, minPiece, maxThick, gapMax);
  const vLines = linesAlongRows(transpose(ink, width, height), height, width, minPiece, maxThick, gapMax);

  // long lines are rules; a shorter one is kept when both its ends meet a long line across it
  const longH = hLines.filter((l) => l.to - l.from >= 0.1 * width);
  const longV = vLines.filter((l) => l.to - l.from >= 0.04 * height);
  const reach = Math.max(4, 10 * unit);
  const meets = (end: number, lo: number, hi: number, across: Line[]) =>
    across.some(
      (a) => end >= a.lo - reach && end <= a.hi + reach && hi >= a.from - reach && lo <= a.to + reach,
    );
  const shortV = vLines.filter(
    (l) =>
      l.to - l.from < 0.04 * height &&
      l.to - l.from >= minPiece &&
      meets(l.from, l.lo, l.hi, longH) &&
      meets(l.to, l.lo, l.hi, longH),
  );
  const shortH = hLines.filter(
    (l) => l.to - l.from < 0.1 * width && meets(l.from, l.lo, l.hi, longV) && meets(l.to, l.lo, l.hi, longV),
  );
  const r = (v: number) => Math.round(v * 10000) / 10000;
  const boxes: Box[] = [];
  for (const l of [...longH, ...shortH]) {
    boxes.push({
      x0: r(l.from / width),
      y0: r(l.lo / height),
      x1: r((l.to + 1) / width),
      y1: r((l.hi + 1) / height),
    });
  }
  for (const l of [...longV, ...shortV]) {
    boxes.push({
      x0: r(l.lo / width),
      y0: r(l.from / height),
      x1: r((l.hi + 1) / width),
      y1: r((l.to + 1) / height),
    });
  }
  return boxes;
}

/**
 * Rules found on the image the engine read, in the frame of its boxes: the engine may have turned the
 * page upright by `rotation` degrees clockwise.
 */
export function rotateRules(rules: Box[], rotation: 0 | 90 | 180 | 270 | undefined): Box[] {
  if (!rotation) return rules;
  const turn = (x: number, y: number): [number, number] =>
    rotation === 90 ? [1 - y, x] : rotation === 180 ? [1 - x, 1 - y] : [y, 1 - x];
  return rules.map((b) => {
    const [ax, ay] = turn(b.x0, b.y0);
    const [bx, by] = turn(b.x1, b.y1);
    return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
  });
}
