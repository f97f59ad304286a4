/**
 * The recognition side of PaddleOCR on our terms (used by paddle-child.ts): the CTC decoding of the
 * model's output, the margins a segment's crop is read with, and when a crop is read a second time.
 * Pure functions on typed arrays, so they are tested without the model.
 */

/** A crop read by the recognition model: its text and the mean probability of its characters (0..1). */
export interface CtcReading {
  text: string;
  mean: number;
}

/** A reading below this mean character probability is read a second time (see paddle-child readSegment). */
export const SECOND_PASS_BELOW = 0.9;
/** How much wider the crop is stretched for the second reading (the model's input height is fixed at 48). */
export const SECOND_PASS_STRETCH = 1.6;
/** A crop of one glyph is at most this many times as wide as high (a check mark, a digit alone). */
const GLYPH_CROP_ASPECT = 1.5;
/**
 * … and at least this share of the page high: print of ~7 pt on A4 at 200 dpi is ~0.01 of the page;
 * a speck the detector boxes is below 0.005.
 */
const GLYPH_CROP_MIN_HEIGHT = 0.008;

/** The axis-aligned bounds of a detected segment's corner points (pixels). */
export function quadBounds(box: number[][]): { x0: number; y0: number; x1: number; y1: number } {
  const xs = box.map((p) => p[0] ?? 0);
  const ys = box.map((p) => p[1] ?? 0);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * Whether a detected box (corner points in pixels of a page `pageHeight` high) holds one glyph: about
 * as wide as high, and at least as high as small print. The package drops readings below 0.5, and a
 * check mark boxed tight in its cell is read "" or "y" — read again with fitted margins it is "√"/"<".
 */
export function isGlyphCrop(box: number[][], pageHeight: number): boolean {
  const b = quadBounds(box);
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  return w <= h * GLYPH_CROP_ASPECT && h >= pageHeight * GLYPH_CROP_MIN_HEIGHT;
}

/**
 * Greedy CTC decoding, as PaddleOCR does it: at each of `steps` time steps the most probable of
 * `classes` classes; class 0 is the blank, a class repeated in consecutive steps is one character,
 * class i ≥ 1 is `dictionary[i - 1]`. `probs` holds the softmax output, step after step.
 */
export function decodeCtc(
  probs: ArrayLike<number>,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): CtcReading {
  let text = '';
  let sum = 0;
  let n = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = Number.NEGATIVE_INFINITY;
    const base = t * classes;
    for (let c = 0; c < classes; c++) {
      const p = probs[base + c] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best - 1] ?? '';
      sum += bestP;
      n++;
    }
    previous = best;
  }
  return { text, mean: n ? sum / n : 0 };
}

/** RGBA pixels of a crop. */
export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Margins a crop is read with, as fractions of its ink height: above and below, and left and right. */
export const MARGIN_VERTICAL = 0.25;
export const MARGIN_HORIZONTAL = 0.5;

/**
 * The crop padded (with its paper colour) so the ink has at least MARGIN_VERTICAL × its height above
 * and below and MARGIN_HORIZONTAL × its height left and right. The detector's box grows with the
 * segment's length, so a one-character cell (a digit, a verdict) came with too little room; the model
 * reads best with the margins it was trained on. A crop with room enough is returned as it is. Rows that are (almost)
 * all ink (a table rule inside the crop) are not text. A crop without clear ink is returned as it is.
 */
export function fitLineMargins(crop: RgbaImage): RgbaImage {
  const { data, width, height } = crop;
  if (width < 4 || height < 4) return crop;
  const grey = new Uint8Array(width * height);
  const histogram = new Uint32Array(256);
  for (let p = 0, i = 0; p < grey.length; p++, i += 4) {
    const v = ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
    grey[p] = v;
    histogram[Math.round(v)]!++;
  }
  const paper = percentile(histogram, grey.length, 0.9);
  const ink = percentile(histogram, grey.length, 0.01);
  if (paper - ink < 60) return crop;
  // closer to the paper than to the darkest ink: faint strokes count as ink
  const threshold = paper - 0.3 * (paper - ink);
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if ((grey[y * width + x] ?? 255) < threshold) rowInk[y]!++;
  }
  // A rule crosses the whole crop; in a long crop, most of it is enough (a glyph's stroke never is).
  const ruleInk = width >= 3 * height ? 0.7 * width : 0.95 * width;
  const isTextRow = (y: number) => (rowInk[y] ?? 0) > 0 && (rowInk[y] ?? 0) < ruleInk;
  let top = 0;
  while (top < height && !isTextRow(top)) top++;
  let bottom = height - 1;
  while (bottom > top && !isTextRow(bottom)) bottom--;
  const inkHeight = bottom - top + 1;
  if (top >= height || inkHeight < 6) return crop;
  let left = width;
  let right = -1;
  for (let y = top; y <= bottom; y++) {
    if (!isTextRow(y)) continue;
    for (let x = 0; x < width; x++) {
      if ((grey[y * width + x] ?? 255) < threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  if (right < left) return crop;
  const mv = Math.round(MARGIN_VERTICAL * inkHeight);
  const mh = Math.round(MARGIN_HORIZONTAL * inkHeight);
  // Only room is added: every pixel of the crop is kept (faint marks — a minus sign, a decimal point —
  // may sit outside what the threshold calls ink, and cutting them changed -1.6 into 1.6).
  const padLeft = Math.max(0, mh - left);
  const padRight = Math.max(0, right + mh - (width - 1));
  const padTop = Math.max(0, mv - top);
  const padBottom = Math.max(0, bottom + mv - (height - 1));
  if (!padLeft && !padRight && !padTop && !padBottom) return crop;
  const outW = width + padLeft + padRight;
  const outH = height + padTop + padBottom;
  const out = new Uint8Array(outW * outH * 4);
  const paperLevel = Math.round(paper);
  for (let y = 0; y < outH; y++) {
    const sy = y - padTop;
    for (let x = 0; x < outW; x++) {
      const sx = x - padLeft;
      const o = (y * outW + x) * 4;
      if (sy >= 0 && sy < height && sx >= 0 && sx < width) {
        const i = (sy * width + sx) * 4;
        out[o] = data[i] ?? 255;
        out[o + 1] = data[i + 1] ?? 255;
        out[o + 2] = data[i + 2] ?? 255;
      } else {
        out[o] = paperLevel;
        out[o + 1] = paperLevel;
        out[o + 2] = paperLevel;
      }
      out[o + 3] = 255;
    }
  }
  return { data: out, width: outW, height: outH };
}

function percentile(histogram: Uint32Array, total: number, q: number): number {
  const want = q * total;
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v] ?? 0;
    if (seen >= want) return v;
  }
  return 255;
}
