/**
 * tesseract.js 7 engine: a small pool of workers created once (lazily, one per slot) and reused,
 * each recycled after `pagesPerWorker` pages or after any failure, because long-lived workers grow
 * and a WASM abort can leave a worker unusable (tesseract.js #367, #704, #977).
 *
 * Offline: the language data comes from the npm package @tesseract.js-data/chi_sim (best_int),
 * `cacheMethod: 'none'` keeps tesseract.js from writing a cache file into the working directory.
 */
import path from 'node:path';
import { createWorker, PSM, type Worker, type Page, type Bbox } from 'tesseract.js';
import { AppError } from '../../errors';
import { readImageHeader } from '../file-header';
import { normaliseBox, type OcrEngine, type OcrLine, type OcrPageText, type OcrWord } from './ocr-engine';

export interface TesseractEngineOptions {
  /** How many workers run pages in parallel (config OCR_WORKERS). */
  workers: number;
  /** A worker is terminated and replaced after this many pages. */
  pagesPerWorker?: number;
  /** A page taking longer than this is abandoned and its worker replaced. */
  pageTimeoutMs?: number;
  /** Resolution the prepared images are scaled to (tells tesseract the text size). */
  dpi?: number;
}

/** Folder holding chi_sim.traineddata.gz (best_int: faster and leaner than the package default). */
export function chiSimLangPath(): string {
  const pkg = require.resolve('@tesseract.js-data/chi_sim/package.json');
  return path.join(path.dirname(pkg), '4.0.0_best_int');
}

interface Slot {
  worker: Promise<Worker> | null;
  pages: number;
  busy: boolean;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract' as const;
  private readonly slots: Slot[];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private readonly pagesPerWorker: number;
  private readonly pageTimeoutMs: number;
  private readonly dpi: number;
  private closed = false;
  private readonly aborts = new Set<() => void>();
  /** Workers created so far (observability and tests: proves reuse and recycling). */
  workersCreated = 0;
  /** Errors tesseract.js reported outside a job's promise (errorHandler). */
  readonly workerErrors: string[] = [];

  constructor(opts: TesseractEngineOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.workers) }, () => ({
      worker: null,
      pages: 0,
      busy: false,
    }));
    this.pagesPerWorker = opts.pagesPerWorker ?? 40;
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 120_000;
    this.dpi = opts.dpi ?? 200;
  }

  async recognise(image: Buffer, page: number): Promise<OcrPageText> {
    // Only images we produced reach the WASM: a corrupt buffer is refused here, not inside tesseract.
    const size = readImageHeader(image);
    if (size?.format !== 'png' || size.width < 1 || size.height < 1) {
      throw new AppError('CORRUPT_FILE', '图片已损坏，无法识别');
    }
    const slot = await this.acquire();
    try {
      // Starting a worker (WASM + language data) is bounded too: a worker that dies while loading
      // would otherwise leave this page waiting forever.
      // A page that waited for a worker while the engine was closed must not start a new one.
      if (this.closed) throw new AppError('NOT_READY', '文字识别服务已关闭');
      const worker = await this.withTimeout(this.workerOf(slot), this.pageTimeoutMs);
      const result = await this.withTimeout(
        worker.recognize(image, {}, { blocks: true, text: false }),
        this.pageTimeoutMs,
      );
      slot.pages++;
      if (slot.pages >= this.pagesPerWorker) await this.retire(slot);
      return toPageText(result.data, page, size.width, size.height);
    } catch (err) {
      await this.retire(slot);
      if (err instanceof AppError) throw err;
      throw new AppError('UNPROCESSABLE', '文字识别失败，请检查图片是否完整清晰', undefined, { cause: err });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const abort of [...this.aborts]) abort();
    await Promise.all(this.slots.map((s) => this.retire(s)));
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new AppError('NOT_READY', '文字识别服务已关闭'));
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private workerOf(slot: Slot): Promise<Worker> {
    if (this.closed) return Promise.reject(new AppError('NOT_READY', '文字识别服务已关闭'));
    slot.worker ??= this.createWorker();
    return slot.worker;
  }

  private async createWorker(): Promise<Worker> {
    this.workersCreated++;
    const worker = await createWorker('chi_sim', 1, {
      langPath: chiSimLangPath(),
      cacheMethod: 'none',
      gzip: true,
      errorHandler: (e: unknown) => {
        this.workerErrors.push(e instanceof Error ? e.message : String(e));
      },
    });
    await worker.setParameters({
      tessedit_pageseg_mode: PSM.AUTO,
      preserve_interword_spaces: '1',
      user_defined_dpi: String(this.dpi),
      // Tesseract's diagnostics ("Detected 75 diacritics") would otherwise reach stdout.
      debug_file: '/dev/null',
    });
    return worker;
  }

  /** Terminates a slot's worker (if any); the next page on that slot starts a fresh one. */
  private async retire(slot: Slot): Promise<void> {
    const pending = slot.worker;
    slot.worker = null;
    slot.pages = 0;
    if (!pending) return;
    try {
      const worker = await pending;
      await this.withTimeout(worker.terminate(), 5000);
    } catch {
      // The worker failed to start or is already gone: nothing left to stop.
    }
  }

  /** Rejects after `ms`, or at once when the engine is closed (a terminated job never settles). */
  private withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let abort: (() => void) | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('UNPROCESSABLE', '文字识别超时')), ms);
      abort = () => reject(new AppError('NOT_READY', '文字识别服务已关闭'));
    });
    if (abort) this.aborts.add(abort);
    return Promise.race([p, timeout]).finally(() => {
      clearTimeout(timer);
      if (abort) this.aborts.delete(abort);
    });
  }
}

/** Flattens tesseract's block → paragraph → line → word tree into lines with normalised boxes. */
export function toPageText(data: Page, page: number, width: number, height: number): OcrPageText {
  const lines: OcrLine[] = [];
  const box = (b: Bbox) => normaliseBox(b, width, height);
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const text = line.text.replace(/\s+$/u, '').trim();
        if (!text) continue;
        const words: OcrWord[] = line.words
          .filter((w) => w.text.trim() !== '')
          .map((w) => ({ text: w.text, box: box(w.bbox), confidence: w.confidence / 100 }));
        const cells = splitCells(
          line.words
            .filter((w) => w.text.trim() !== '')
            .map((w) => ({ text: w.text, x0: w.bbox.x0, x1: w.bbox.x1 })),
          line.bbox.y1 - line.bbox.y0,
        );
        lines.push({
          text,
          ...(cells.length > 1 ? { cells } : {}),
          box: box(line.bbox),
          confidence: line.confidence / 100,
          words,
        });
      }
    }
  }
  return { page, source: 'ocr', lines };
}

/**
 * Table cells of one OCR line: words separated by a gap wider than 1.5 line heights (pixels) or by a
 * ruling line read as "|". Chinese text has no spaces, so a wide gap means a cell or column boundary.
 */
export function splitCells(
  words: Array<{ text: string; x0: number; x1: number }>,
  lineHeight: number,
): string[] {
  const cells: string[] = [];
  let current = '';
  let lastX1: number | null = null;
  for (const w of words) {
    if (lastX1 !== null && w.x0 - lastX1 > 1.5 * lineHeight) {
      cells.push(current);
      current = '';
    }
    // A narrow gap inside a cell is an ordinary space ("GB 18401-2010"); Han characters touch.
    const space = current !== '' && lastX1 !== null && w.x0 - lastX1 > 0.3 * lineHeight ? ' ' : '';
    current += space + w.text;
    lastX1 = w.x1;
  }
  if (current) cells.push(current);
  // A vertical ruling line is often read as "|" (or "]", "[" at a cell edge): also a boundary.
  return cells
    .flatMap((c) => c.split(/[|｜]/))
    .map((c) => c.replace(/^[\][]+|[\][]+$/g, '').trim())
    .filter((c) => c !== '');
}
