/**
 * One PDF page → one PNG for OCR.
 *
 * A scanned page is a single image drawn over (almost) the whole page, so the fastest and sharpest
 * raster is that image itself: pdfjs (the copy bundled in pdf-parse) decodes it without any canvas,
 * in ~0.2 s for an A4 scan, at the scan's own resolution. Pages that are not a single image (vector
 * drawings, mixed pages, rotated placements) are rendered by poppler's `pdftoppm` at 200 dpi when it
 * is installed (Debian `poppler-utils`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { AppError } from '../errors';

const execFileAsync = promisify(execFile);

export interface RenderedPage {
  /** PNG (RGB or grey) */
  png: Buffer;
  width: number;
  height: number;
  /** Pixels per inch of the raster relative to the page size. */
  dpi: number;
  /** 'embedded': the page's scanned image itself; 'rendered': rasterised by pdftoppm. */
  method: 'embedded' | 'rendered';
}

export interface RenderOptions {
  /** Resolution for pages that have to be rasterised (default 200). */
  dpi?: number;
}

// pdfjs operator codes (OPS) of the bundled pdfjs 5.x.
const OP_SAVE = 10;
const OP_RESTORE = 11;
const OP_TRANSFORM = 12;
const OP_PAINT_IMAGE = 85;
// pdfjs ImageKind
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

interface PdfjsPage {
  getViewport(p: { scale: number }): { width: number; height: number; rotation: number };
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  objs: { get(name: string, cb: (obj: unknown) => void): void };
  commonObjs: { get(name: string, cb: (obj: unknown) => void): void };
}

interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
}

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** Renders page `page` (1-based) of a PDF to a PNG at about 200 dpi. */
export async function renderPdfPage(
  pdf: Buffer,
  page: number,
  opts: RenderOptions = {},
): Promise<RenderedPage> {
  const dpi = opts.dpi ?? 200;
  // A copy: pdfjs transfers (detaches) the array it is given, and the caller still needs its buffer.
  const parser = new PDFParse({ data: Uint8Array.prototype.slice.call(pdf) });
  try {
    const doc = await loadDocument(parser);
    if (!Number.isInteger(page) || page < 1 || page > doc.numPages) {
      throw new AppError('UNPROCESSABLE', `页码超出范围：第 ${page} 页（共 ${doc.numPages} 页）`);
    }
    const embedded = await extractPageImage(await doc.getPage(page));
    if (embedded) return embedded;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
  return rasterise(pdf, page, dpi);
}

async function loadDocument(parser: PDFParse): Promise<PdfjsDocument> {
  // `load` is pdf-parse's (private) accessor for the pdfjs document it wraps; using its bundled pdfjs
  // avoids loading the ESM-only pdfjs-dist from our CommonJS build.
  const load = (parser as unknown as { load(): Promise<PdfjsDocument> }).load.bind(parser);
  try {
    return await load();
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw new AppError('ENCRYPTED_PDF', undefined, undefined, { cause: err });
    }
    throw new AppError('CORRUPT_FILE', 'PDF 文件已损坏，无法读取', undefined, { cause: err });
  }
}

/**
 * Returns the page's dominant image when it covers at least half of the page, upright and unrotated
 * (a scan); otherwise null.
 */
async function extractPageImage(pdfPage: PdfjsPage): Promise<RenderedPage | null> {
  const viewport = pdfPage.getViewport({ scale: 1 });
  if (viewport.rotation % 360 !== 0) return null;
  const ops = await pdfPage.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best: { name: string; area: number; ctm: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
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

  const objs = best.name.startsWith('g_') ? pdfPage.commonObjs : pdfPage.objs;
  const img = await new Promise<PdfjsImage | null>((resolve) =>
    objs.get(best.name, (o) => resolve((o as PdfjsImage | null) ?? null)),
  );
  if (!img?.data) return null;
  const raw = toRaw(img);
  if (!raw) return null;
  const png = await sharp(raw.pixels, {
    raw: { width: img.width, height: img.height, channels: raw.channels },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  // ctm[0] is the drawn width in points (1/72 in).
  const dpi = Math.round((img.width / best.ctm[0]) * 72);
  return { png, width: img.width, height: img.height, dpi, method: 'embedded' };
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

/** Rasterises a page with poppler's pdftoppm (needs Debian poppler-utils). */
async function rasterise(pdf: Buffer, page: number, dpi: number): Promise<RenderedPage> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dsv-render-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const out = path.join(dir, 'page');
    try {
      await execFileAsync(
        'pdftoppm',
        [
          '-r',
          String(dpi),
          '-f',
          String(page),
          '-l',
          String(page),
          '-gray',
          '-png',
          '-singlefile',
          input,
          out,
        ],
        { timeout: 60_000 },
      );
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new AppError(
        'UNPROCESSABLE',
        missing ? '无法渲染该 PDF 页面：服务器未安装 pdftoppm（poppler-utils）' : '无法渲染该 PDF 页面',
        undefined,
        { cause: err },
      );
    }
    const png = await readFile(`${out}.png`);
    const meta = await sharp(png).metadata();
    return { png, width: meta.width ?? 0, height: meta.height ?? 0, dpi, method: 'rendered' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
