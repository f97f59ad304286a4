/**
 * Two- and three-line table cells in OCR output. A detector such as PaddleOCR's returns one segment per
 * printed line, so a cell that wraps ("生产日期" over "或批号", a requirement over two lines) becomes
 * two segments whose centres lie above and below the row's other cells, which sit centred in the row.
 * Grouped into lines by their centres, the row falls apart. This joins the lines of such a cell into one
 * segment before rows are formed.
 *
 * The evidence for a wrapped cell is its neighbours: segments beside the stack, centred between its
 * lines. The same picture with most neighbours stacked too is a merged cell on the left (an item with
 * sub-rows: "耐水色牢度" centred beside "变色" over "沾色") and is left alone.
 */
import { slopeAt, type TextSlope } from '../../../parsers/table/level';
import type { OcrWord } from './ocr-engine';

const height = (w: OcrWord) => w.box.y1 - w.box.y0;
const hasCjk = (t: string) => /[\u3400-\u9fff]/.test(t);

/**
 * Vertical centre of a segment on a page whose text lines slope by `skew` (dy/dx in page fractions,
 * positive when lines run down to the right; a TextSlope when the slope changes down the page):
 * measured along the text line, at the page's left edge.
 */
export function levelledCentre(w: Pick<OcrWord, 'box'>, skew: number | TextSlope): number {
  const cy = (w.box.y0 + w.box.y1) / 2;
  return cy - slopeAt(skew, cy) * ((w.box.x0 + w.box.x1) / 2);
}

/** Horizontal overlap of two segments as a share of the narrower one. */
function xOverlap(a: OcrWord, b: OcrWord): number {
  const inter = Math.min(a.box.x1, b.box.x1) - Math.max(a.box.x0, b.box.x0);
  const narrow = Math.min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0);
  return narrow > 0 ? inter / narrow : 0;
}

/** The segment printed right below `a` in the same column, when it is the next line of text. */
function nextInColumn(a: OcrWord, words: OcrWord[], centre: (w: OcrWord) => number): OcrWord | null {
  const h = height(a);
  let best: OcrWord | null = null;
  for (const b of words) {
    if (b === a || centre(b) <= centre(a)) continue;
    // a Chinese label over its English translation ("样品名称" / "Sample Name") are two labels
    if (hasCjk(a.text) !== hasCjk(b.text)) continue;
    const gap = b.box.y0 - a.box.y1;
    const similar = height(b) < 1.6 * h && h < 1.6 * height(b);
    const aligned = xOverlap(a, b) >= 0.3 || Math.abs(a.box.x0 - b.box.x0) < 0.5 * h;
    if (gap > -0.3 * h && gap < 0.9 * h && similar && aligned && (!best || centre(b) < centre(best))) {
      best = b;
    }
  }
  return best;
}

function joinText(upper: string, lower: string): string {
  return /[A-Za-z0-9]$/.test(upper) && /^[A-Za-z0-9]/.test(lower) ? `${upper} ${lower}` : upper + lower;
}

function merge(run: OcrWord[]): OcrWord {
  return {
    text: run.map((w) => w.text).reduce(joinText),
    box: {
      x0: Math.min(...run.map((w) => w.box.x0)),
      y0: Math.min(...run.map((w) => w.box.y0)),
      x1: Math.max(...run.map((w) => w.box.x1)),
      y1: Math.max(...run.map((w) => w.box.y1)),
    },
    confidence: Math.min(...run.map((w) => w.confidence)),
  };
}

/** Does the neighbourhood say that `run` (a vertical stack of 2–3 segments) is one wrapped cell? */
function isWrappedCell(run: OcrWord[], words: OcrWord[], centre: (w: OcrWord) => number): boolean {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return false;
  const h = Math.min(...run.map(height));
  const mid = (centre(first) + centre(last)) / 2;
  const span = merge(run);
  // the run is ordered top to bottom (nextInColumn)
  const top = centre(first) - h;
  const bottom = centre(last) + h;
  let centred = 0;
  let stacked = 0;
  const beside: OcrWord[] = [];
  for (const n of words) {
    if (run.includes(n)) continue;
    if (centre(n) < top || centre(n) > bottom) continue;
    if (xOverlap(n, span) > 0.2) continue;
    beside.push(n);
    const c = centre(n);
    if (Math.abs(c - mid) <= 0.3 * h) centred++;
    else if (run.some((w) => Math.abs(c - centre(w)) <= 0.3 * h)) stacked++;
  }
  if (rowsBeside(beside, centre, h)) return false;
  return centred > 0 && (run.length === 2 ? stacked <= centred : stacked === 0);
}

/**
 * Do the segments beside a stack stand in rows of their own: most of their columns holding a segment
 * at two heights a line apart or more? A wrapped cell's row has one segment in each other column (or a
 * wrapped cell there too); two rows printed close have two in every column. On a photo whose lines
 * bend, the rows' cells may stand closer to the middle of the stack than to its lines, and so be
 * counted centred: their number per column still tells the two rows.
 */
function rowsBeside(beside: OcrWord[], centre: (w: OcrWord) => number, h: number): boolean {
  const columns: OcrWord[][] = [];
  for (const n of [...beside].sort((a, b) => a.box.x0 - b.box.x0)) {
    const column = columns.find((c) => c.some((m) => xOverlap(m, n) > 0.3));
    if (column) column.push(n);
    else columns.push([n]);
  }
  const twoHigh = columns.filter((c) => {
    const ys = c.map(centre);
    return Math.max(...ys) - Math.min(...ys) >= 0.6 * h;
  }).length;
  return columns.length > 0 && twoHigh * 2 > columns.length;
}

/**
 * Segments with the lines of every wrapped cell joined into one segment. `skew` is the slope of the
 * page's text lines (see levelledCentre).
 */
export function mergeStackedCells(words: OcrWord[], skew: number | TextSlope = 0): OcrWord[] {
  const centre = (w: OcrWord) => levelledCentre(w, skew);
  const used = new Set<OcrWord>();
  const merged: OcrWord[] = [];
  for (const a of [...words].sort((x, y) => centre(x) - centre(y))) {
    if (used.has(a)) continue;
    const b = nextInColumn(a, words, centre);
    if (!b || used.has(b)) continue;
    const c = nextInColumn(b, words, centre);
    const candidates =
      c && !used.has(c)
        ? [
            [a, b, c],
            [a, b],
          ]
        : [[a, b]];
    const run = candidates.find((r) => isWrappedCell(r, words, centre));
    if (!run) continue;
    run.forEach((w) => used.add(w));
    merged.push(merge(run));
  }
  return merged.length === 0 ? words : words.filter((w) => !used.has(w)).concat(merged);
}
