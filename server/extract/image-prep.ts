/**
 * Image preparation before OCR (sharp): check the declared size from the header against the
 * pipeline's one image limit (file-header.ts) before anything is decoded, then orient, scale to about
 * 200 dpi, turn grey while lifting the red seal's ink to paper white, flatten uneven lighting (phone
 * photos) and stretch contrast. The result is an 8-bit grey PNG.
 */
import sharp from 'sharp';
import { AppError } from '../errors';
import type { Box } from '../../parsers/types';
import { checkImageHeader } from './file-header';
import { MAX_IMAGE_PIXELS } from './limits';
import { detectTableLines } from './table-lines';

/** Target resolution for OCR: tesseract reads best at ~200 dpi, 300 is slower for no gain. */
export const TARGET_DPI = 200;
/** A4 width in inches: a photographed page is scaled to this width at TARGET_DPI. */
const A4_WIDTH_IN = 8.27;

export interface PrepareOptions {
  /** Known resolution (a PDF page's image); when absent the image is treated as one A4 page. */
  dpi?: number;
  /** Lift red ink (seals, stamps) to white before OCR. Default true. */
  suppressRed?: boolean;
  /** Divide by the estimated background to flatten shading. Default true. */
  flattenLighting?: boolean;
  /** Photos: find the sheet and warp it flat (perspective and skew). Default true. */
  perspective?: boolean;
  /** Straighten text lines tilted by up to 3° (scanner feed, residual photo tilt). Default true. */
  deskew?: boolean;
  /** Find the table ruling lines (for OCR; a page shown for review does not need them). Default true. */
  tableLines?: boolean;
}

export interface PreparedImage {
  /** 8-bit grey PNG */
  png: Buffer;
  width: number;
  height: number;
  /** table ruling lines found on the prepared image (fractions of it); empty when not asked for */
  rules: Box[];
}

/** Prepares a page image (photo, scan or rendered PDF page) for OCR. */
export async function prepareImage(input: Buffer, opts: PrepareOptions = {}): Promise<PreparedImage> {
  checkImageHeader(input);
  try {
    return await prepareChecked(input, opts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CORRUPT_FILE', '图片已损坏，无法读取', undefined, { cause: err });
  }
}

async function prepareChecked(input: Buffer, opts: PrepareOptions): Promise<PreparedImage> {
  const base = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  const { data, info } = await base
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  let grey = toGrey(data, info.channels, opts.suppressRed ?? true);
  let width = info.width;
  let height = info.height;

  // A photo (no known resolution): find the sheet of paper and warp it flat to A4 at TARGET_DPI.
  const quad = opts.dpi || opts.perspective === false ? null : findPageQuad(grey, width, height);
  if (quad) {
    const warped = warpToRectangle(grey, width, height, quad);
    ({ grey, width, height } = warped);
  } else {
    const scale = opts.dpi ? TARGET_DPI / opts.dpi : (A4_WIDTH_IN * TARGET_DPI) / Math.min(width, height);
    // Leave images already within ~15 % of the target alone: resampling costs time and sharpness.
    if (Math.abs(scale - 1) >= 0.15) {
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      grey = await sharp(grey, { raw: { width, height, channels: 1 } })
        .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      width = w;
      height = h;
    }
  }
  if (opts.deskew ?? true) {
    const angle = estimateSkew(grey, width, height);
    if (Math.abs(angle) >= 0.2) {
      const rotated = await sharp(grey, { raw: { width, height, channels: 1 } })
        .rotate(-angle, { background: { r: 255, g: 255, b: 255 } })
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      ({ data: grey } = rotated);
      width = rotated.info.width;
      height = rotated.info.height;
    }
  }
  const flat = (opts.flattenLighting ?? true) ? await flattenLighting(grey, width, height) : grey;
  const png = await sharp(flat, { raw: { width, height, channels: 1 } })
    .normalise({ lower: 1, upper: 99 })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rules = (opts.tableLines ?? true) ? detectTableLines(flat, width, height) : [];
  return { png, width, height, rules };
}

/**
 * Skew of the text lines in degrees (positive: lines fall to the right), by maximising the sharpness
 * of the horizontal ink projection over candidate angles in ±3° (0.1° steps near the best 0.5°).
 */
export function estimateSkew(grey: Buffer, width: number, height: number): number {
  const step = Math.max(1, Math.round(width / 800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      if ((grey[y * width + x] ?? 255) < 110) {
        xs.push(x / step);
        ys.push(y / step);
      }
    }
  }
  if (xs.length < 500) return 0;
  const rows = Math.ceil(height / step) + Math.ceil(width / step) + 2;
  const offset = Math.ceil(width / step) * 0.06;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(rows);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i] ?? 0) - (xs[i] ?? 0) * t + offset);
      if (b >= 0 && b < rows) bins[b] = (bins[b] ?? 0) + 1;
    }
    let sum = 0;
    for (const v of bins) sum += v * v;
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let deg = -3; deg <= 3; deg += 0.5) {
    const sc = score(deg);
    if (sc > bestScore) [best, bestScore] = [deg, sc];
  }
  const coarse = best;
  for (let deg = coarse - 0.4; deg <= coarse + 0.4; deg += 0.1) {
    const sc = score(deg);
    if (sc > bestScore) [best, bestScore] = [deg, sc];
  }
  return Math.round(best * 10) / 10;
}

type Point = { x: number; y: number };
/** Page corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/**
 * Finds the sheet of paper in a photo from its four edges: on a small blurred copy, each scanline is
 * walked in from the border to the first strong dark→bright step whose outside is darker than the
 * paper; a line is fitted through those points per side (refitted without outliers). A side with no
 * edge (the sheet runs off the picture) is the picture's border. Returns null when nothing plausible
 * is found: then the photo is only scaled.
 */
export function findPageQuad(grey: Buffer, width: number, height: number): Quad | null {
  const step = Math.max(1, Math.round(Math.max(width, height) / 600));
  const w = Math.floor(width / step);
  const h = Math.floor(height / step);
  const small = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) small[y * w + x] = grey[y * step * width + x * step] ?? 0;
  }
  const at = (x: number, y: number) =>
    small[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))] ?? 0;
  const blurred = (x: number, y: number) => {
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(x + dx, y + dy);
    return sum / 9;
  };
  const centre: number[] = [];
  for (let y = Math.floor(h * 0.3); y < h * 0.7; y += 3) {
    for (let x = Math.floor(w * 0.3); x < w * 0.7; x += 3) centre.push(at(x, y));
  }
  centre.sort((a, b) => a - b);
  const paper = centre[Math.floor(centre.length * 0.75)] ?? 200;

  // side: 0 left, 1 right, 2 top, 3 bottom. Points are (along, across): across = distance coordinate.
  const sides = [0, 1, 2, 3].map((side) => {
    const vertical = side < 2;
    const length = vertical ? h : w;
    const depth = Math.floor((vertical ? w : h) * 0.4);
    const pts: Array<[number, number]> = [];
    for (let k = Math.floor(length * 0.08); k < length * 0.92; k += 2) {
      const sample = (i: number) => {
        const across = side === 0 || side === 2 ? i : (vertical ? w : h) - 1 - i;
        return vertical ? blurred(across, k) : blurred(k, across);
      };
      let outside = 0;
      for (let i = 2; i < depth; i++) {
        const before = sample(i - 2);
        outside += before;
        const jump = sample(i + 2) - before;
        if (jump > 18 && outside / (i - 1) < paper - 35 && sample(i + 4) > paper - 45) {
          const across = side === 0 || side === 2 ? i : (vertical ? w : h) - 1 - i;
          pts.push([k, across]);
          break;
        }
      }
    }
    return pts.length >= (0.25 * (length * 0.84)) / 2 ? fitLine(pts) : null;
  });
  if (sides.every((l) => l === null)) return null;
  const [left, right, top, bottom] = [
    sides[0] ?? { a: 0, b: 0 },
    sides[1] ?? { a: 0, b: w - 1 },
    sides[2] ?? { a: 0, b: 0 },
    sides[3] ?? { a: 0, b: h - 1 },
  ];
  // Vertical sides: x = a·y + b; horizontal sides: y = a·x + b.
  const corner = (v: Line, hz: Line): Point => {
    const x = (v.a * hz.b + v.b) / (1 - v.a * hz.a);
    return { x: (x + 0.5) * step, y: (hz.a * x + hz.b + 0.5) * step };
  };
  const quad: Quad = [corner(left, top), corner(right, top), corner(right, bottom), corner(left, bottom)];
  return isPlausiblePage(quad, width, height) ? quad : null;
}

interface Line {
  a: number;
  b: number;
}

/** Least-squares line across = a·along + b, refitted twice without points more than 2 px off. */
function fitLine(points: Array<[number, number]>): Line | null {
  let pts = points;
  let line: Line | null = null;
  for (let round = 0; round < 3; round++) {
    const n = pts.length;
    if (n < 8) return null;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (const [x, y] of pts) {
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const den = n * sxx - sx * sx;
    if (den === 0) return null;
    const a = (n * sxy - sx * sy) / den;
    line = { a, b: (sy - a * sx) / n };
    const fitted = line;
    pts = pts.filter(([x, y]) => Math.abs(fitted.a * x + fitted.b - y) <= 2);
  }
  return pts.length >= points.length * 0.5 ? line : null;
}

/**
 * A sheet seen by a phone: opposite sides of similar length, a portrait or landscape paper shape,
 * a large share of the picture. Otherwise the photo is better left unwarped.
 */
function isPlausiblePage(q: Quad, width: number, height: number): boolean {
  const [p0, p1, p2, p3] = q;
  const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const top = dist(p0, p1);
  const bottom = dist(p3, p2);
  const left = dist(p0, p3);
  const right = dist(p1, p2);
  const similar = (a: number, b: number) => Math.min(a, b) / Math.max(a, b) > 0.85;
  const aspect = (left + right) / (top + bottom);
  const paperShape = (aspect > 1.15 && aspect < 1.65) || (1 / aspect > 1.15 && 1 / aspect < 1.65);
  const area = Math.abs(shoelace(q));
  const inside = q.every(
    (p) => p.x > -0.1 * width && p.x < 1.1 * width && p.y > -0.1 * height && p.y < 1.1 * height,
  );
  return similar(top, bottom) && similar(left, right) && paperShape && inside && area >= 0.3 * width * height;
}

function shoelace(q: Point[]): number {
  let a = 0;
  q.forEach((p, i) => {
    const n = q[(i + 1) % q.length] ?? p;
    a += p.x * n.y - n.x * p.y;
  });
  return a / 2;
}

/**
 * Perspective-warps the quad to an upright rectangle as wide as A4 at TARGET_DPI (bilinear sampling).
 * The homography maps the unit square onto the quad (Heckbert's square-to-quad form).
 */
export function warpToRectangle(
  grey: Buffer,
  width: number,
  height: number,
  quad: Quad,
): { grey: Buffer; width: number; height: number } {
  const [p0, p1, p2, p3] = quad;
  const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const srcW = (dist(p0, p1) + dist(p3, p2)) / 2;
  const srcH = (dist(p0, p3) + dist(p1, p2)) / 2;
  const outW = Math.round(A4_WIDTH_IN * TARGET_DPI);
  const outH = Math.round((outW * srcH) / srcW);
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const hh = (dx1 * sy - sx * dy1) / det;
  const a = p1.x - p0.x + g * p1.x;
  const b = p3.x - p0.x + hh * p3.x;
  const d = p1.y - p0.y + g * p1.y;
  const e = p3.y - p0.y + hh * p3.y;
  const out = Buffer.alloc(outW * outH, 255);
  for (let v = 0; v < outH; v++) {
    const fv = (v + 0.5) / outH;
    for (let u = 0; u < outW; u++) {
      const fu = (u + 0.5) / outW;
      const z = g * fu + hh * fv + 1;
      const x = (a * fu + b * fv + p0.x) / z - 0.5;
      const y = (d * fu + e * fv + p0.y) / z - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
      const fx = x - x0;
      const fy = y - y0;
      const i = y0 * width + x0;
      const top = (grey[i] ?? 0) * (1 - fx) + (grey[i + 1] ?? 0) * fx;
      const bottom = (grey[i + width] ?? 0) * (1 - fx) + (grey[i + width + 1] ?? 0) * fx;
      out[v * outW + u] = top * (1 - fy) + bottom * fy;
    }
  }
  return { grey: out, width: outW, height: outH };
}

/**
 * Luminance, except that red-dominant pixels (seal ink) take their red channel (≈ the paper around
 * them) in proportion to how red they are. Black text printed over a seal stays dark: it is not red.
 */
export function toGrey(rgb: Buffer, channels: number, suppressRed: boolean): Buffer {
  const n = rgb.length / channels;
  const out = Buffer.allocUnsafe(n);
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = rgb[i] ?? 0;
    const g = channels >= 3 ? (rgb[i + 1] ?? 0) : r;
    const b = channels >= 3 ? (rgb[i + 2] ?? 0) : r;
    const lum = (r * 77 + g * 150 + b * 29) >> 8;
    if (!suppressRed) {
      out[p] = lum;
      continue;
    }
    const redness = r - (g > b ? g : b);
    if (redness <= 25) {
      out[p] = lum;
    } else {
      // Red ink reflects red light like the paper around it, so the red channel is the local paper
      // brightness: the seal disappears without leaving a brighter-than-paper ghost.
      const w = redness >= 85 ? 1 : (redness - 25) / 60;
      out[p] = Math.round(lum * (1 - w) + r * w);
    }
  }
  return out;
}

/**
 * Estimates the paper brightness (the lightest values over 32-px cells, smoothed) and divides by it,
 * so a shaded or unevenly lit photo becomes white paper with dark ink; dark surroundings of a
 * photographed page become light too.
 */
export async function flattenLighting(grey: Buffer, width: number, height: number): Promise<Buffer> {
  const cell = 32;
  const cw = Math.ceil(width / cell);
  const ch = Math.ceil(height / cell);
  const maxima = Buffer.alloc(cw * ch);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const crow = ((y / cell) | 0) * cw;
    for (let x = 0; x < width; x++) {
      const v = grey[row + x] ?? 0;
      const c = crow + ((x / cell) | 0);
      if (v > (maxima[c] ?? 0)) maxima[c] = v;
    }
  }
  const background = await sharp(maxima, { raw: { width: cw, height: ch, channels: 1 } })
    .median(3)
    .blur(1.5)
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0; i < out.length; i++) {
    const bg = Math.max(background[i] ?? 255, 40);
    const v = ((grey[i] ?? 0) * 255) / bg;
    out[i] = v >= 255 ? 255 : v;
  }
  return out;
}
