/**
 * A page's size and, for a scanned page, its scan image — read inside the sandbox process from an
 * opened pdf.js page.
 *
 * A scanned page is a single image drawn over (almost) the whole page, so the fastest and sharpest
 * raster is that image itself: pdf.js decodes it without any canvas, at the scan's own resolution.
 * The image's size is checked against the pipeline's limit before it is decoded (the pre-scan reads
 * it from the image dictionary; pdf.js skips anything larger), and again from what pdf.js returns.
 */
import { AppError } from '../errors';
import { checkImageSize } from './file-header';
import { PDF_LIMITS } from './limits';
import type { PdfPage } from './pdf-document';

/** Page size in points (1/72 in) of the area a reader shows (crop box, user unit applied). */
export interface PageSize {
  widthPt: number;
  heightPt: number;
  /** 0, 90, 180 or 270 */
  rotation: number;
}

export interface PageImage {
  /** PNG (RGB, RGBA or grey) */
  png: Buffer;
  width: number;
  height: number;
  /** Pixels per inch of the image relative to the page. */
  dpi: number;
}

// pdf.js operator codes (OPS) of the bundled pdf.js 5.x.
const OP_SAVE = 10;
const OP_RESTORE = 11;
const OP_TRANSFORM = 12;
const OP_PAINT_IMAGE = 85;
// pdf.js ImageKind
const KIND_GREY_1BPP = 1;
const KIND_RGB = 2;
const KIND_RGBA = 3;

type Matrix = [number, number, number, number, number, number];

interface PdfjsImage {
  width: number;
  height: number;
  kind: number;
  data?: Uint8Array | Uint8ClampedArray;
}

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const mm = (pt: number) => Math.round((pt / 72) * 25.4);

/**
 * The page's size, checked before anything renders it: PAGE_SIZE_INVALID when a side is longer than
 * any paper (a huge MediaBox makes a rasteriser allocate gigabytes) or degenerate.
 */
export function pageSize(page: PdfPage, pageNumber: number): PageSize {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  const unit = page.userUnit || 1;
  const widthPt = Math.abs(x1 - x0) * unit;
  const heightPt = Math.abs(y1 - y0) * unit;
  const { maxPageSidePt, minPageSidePt } = PDF_LIMITS;
  const ok = (v: number) => Number.isFinite(v) && v >= minPageSidePt && v <= maxPageSidePt;
  if (!ok(widthPt) || !ok(heightPt)) {
    throw new AppError(
      'PAGE_SIZE_INVALID',
      `PDF 第 ${pageNumber} 页的页面尺寸异常（${mm(widthPt)}×${mm(heightPt)} 毫米），每边应在 ${mm(minPageSidePt)}～${mm(maxPageSidePt)} 毫米之间`,
      { page: pageNumber, widthPt, heightPt },
    );
  }
  return { widthPt, heightPt, rotation: page.rotate };
}

/**
 * Returns the page's dominant image when it covers at least half of the page, upright and unrotated
 * (a scan); otherwise null (the page is then rasterised).
 */
export async function extractPageImage(page: PdfPage, pageNumber: number): Promise<PageImage | null> {
  const viewport = page.getViewport({ scale: 1 });
  if (viewport.rotation % 360 !== 0) return null;
  const ops = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best: { name: string; area: number; ctm: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = (ops.argsArray[i] ?? []) as unknown[];
    if (fn === OP_SAVE) stack.push(ctm);
    else if (fn === OP_RESTORE) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OP_TRANSFORM) ctm = multiply(ctm, args as Matrix);
    else if (fn === OP_PAINT_IMAGE && typeof args[0] === 'string') {
      const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      if (!best || area > best.area) best = { name: args[0], area, ctm };
    }
  }
  if (!best) return null;
  const upright =
    Math.abs(best.ctm[1]) < 1e-6 && Math.abs(best.ctm[2]) < 1e-6 && best.ctm[0] > 0 && best.ctm[3] > 0;
  if (!upright || best.area < 0.5 * viewport.width * viewport.height) return null;

  const name = best.name;
  const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await new Promise<PdfjsImage | null>((resolve) => {
    objs.get(name, (o: unknown) => resolve((o as PdfjsImage | null) ?? null));
  });
  if (!img?.data) return null;
  checkImageSize(img, `PDF 第 ${pageNumber} 页中的图片`);
  const raw = toRaw(img);
  if (!raw) return null;
  // loaded here, not with the module: reading a text layer never needs libvips
  const { default: sharp } = await import('sharp');
  const png = await sharp(raw.pixels, {
    raw: { width: img.width, height: img.height, channels: raw.channels },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  // ctm[0] is the drawn width in points (1/72 in).
  const dpi = Math.round((img.width / best.ctm[0]) * 72);
  return { png, width: img.width, height: img.height, dpi };
}

function toRaw(img: PdfjsImage): { pixels: Buffer; channels: 1 | 3 | 4 } | null {
  const data = img.data;
  if (!data) return null;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (img.kind === KIND_RGB) return { pixels: buf, channels: 3 };
  if (img.kind === KIND_RGBA) return { pixels: buf, channels: 4 };
  if (img.kind === KIND_GREY_1BPP) {
    const rowBytes = Math.ceil(img.width / 8);
    const out = Buffer.alloc(img.width * img.height);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const byte = buf[y * rowBytes + (x >> 3)] ?? 0;
        out[y * img.width + x] = byte & (0x80 >> (x & 7)) ? 255 : 0;
      }
    }
    return { pixels: out, channels: 1 };
  }
  return null;
}
