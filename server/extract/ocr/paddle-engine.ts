/**
 * PaddleOCR PP-OCRv4 engine (the default). Each worker is a child process (paddle-child.ts) because
 * its memory grows page after page (0.5 GB after the first page, 0.85 GB after twelve): a child is
 * replaced after `pagesPerWorker` pages, when it reports more than `maxRssBytes`, when a page times
 * out, or when it dies. By default one child runs onnxruntime on every core (2.7 s a page on two
 * cores, ~0.8 GB at its peak); more children read more pages per CPU second but each holds its own
 * models (PADDLE_PROCESSES): two children of one thread took the same CPU a page as one child of two
 * threads (5.55 vs 5.63 s) but 2.24 instead of 1.52 GB at the peak.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../errors';
import { readImageHeader } from '../file-header';
import { normaliseBox, type OcrEngine, type OcrLine, type OcrPageText, type OcrWord } from './ocr-engine';
import type { PaddleChildOptions, PaddleRawLine, PaddleRequest, PaddleResponse } from './paddle-child';
import { quadBounds } from './recognition';
import { levelledCentre, mergeStackedCells } from './stacked-cells';
import { MAX_SKEW, type TextSlope } from '../../../parsers/table/level';

export interface PaddleEngineOptions {
  /** Child processes, each holding its own models (~0.6–0.8 GB each), one page at a time; default 1. */
  processes?: number;
  /** onnxruntime threads in each child; default: the cores divided among the children. */
  threadsPerProcess?: number;
  pagesPerWorker?: number;
  /** A child reporting more resident memory than this after a page is replaced. */
  maxRssBytes?: number;
  pageTimeoutMs?: number;
  /**
   * Re-read low-confidence crops stretched wider (paddle-child readSegment); default false: on the dev
   * scans it dropped leading minus signs (bench/recognition.bench.ts --second-pass on to measure).
   */
  secondPass?: boolean;
  /**
   * Read every crop padded to margins proportional to its ink height (recognition.ts); default false:
   * on the dev scans it lost minus signs and 涪 (bench/recognition.bench.ts --margins on to measure).
   */
  lineMargins?: boolean;
  /** Read glyph-sized ink the detector gave no box (missed-ink.ts); default true. */
  missedInk?: boolean;
}

interface Child {
  proc: ChildProcess;
  ready: Promise<void>;
  pages: number;
  busy: boolean;
  pending: Map<number, { resolve: (r: PaddleResponse) => void; reject: (e: Error) => void }>;
}

function childEntry(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'paddle-child.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  // Running from TypeScript sources (tests, tsx): let tsx load the child too.
  return { file: path.join(__dirname, 'paddle-child.ts'), execArgv: ['--import', 'tsx'] };
}

export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle' as const;
  private readonly slots: Array<Child | null>;
  private readonly busy: boolean[];
  private readonly waiting: Array<(i: number) => void> = [];
  private readonly pagesPerWorker: number;
  private readonly maxRssBytes: number;
  private readonly pageTimeoutMs: number;
  private readonly threads: number;
  private readonly childOptions: PaddleChildOptions;
  private nextId = 1;
  private closed = false;
  childrenStarted = 0;

  constructor(opts: PaddleEngineOptions = {}) {
    const n = Math.max(1, opts.processes ?? 1);
    this.threads = Math.max(1, opts.threadsPerProcess ?? Math.floor(os.cpus().length / n));
    this.slots = Array.from({ length: n }, () => null);
    this.busy = Array.from({ length: n }, () => false);
    this.pagesPerWorker = opts.pagesPerWorker ?? 4;
    this.maxRssBytes = opts.maxRssBytes ?? 0.65 * 1024 ** 3;
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 180_000;
    this.childOptions = {
      secondPass: opts.secondPass ?? false,
      lineMargins: opts.lineMargins ?? false,
      missedInk: opts.missedInk ?? true,
    };
  }

  async recognise(image: Buffer, page: number): Promise<OcrPageText> {
    if (readImageHeader(image)?.format !== 'png') throw new AppError('CORRUPT_FILE', '图片已损坏，无法识别');
    const slot = await this.acquire();
    try {
      // A page that waited for a worker while the engine was closed must not start a new one.
      if (this.closed) throw new AppError('NOT_READY', '文字识别服务已关闭');
      const child = this.childAt(slot);
      await child.ready;
      const res = await this.ask(child, image);
      if ('error' in res) {
        this.retire(slot);
        throw new AppError('UNPROCESSABLE', '文字识别失败，请检查图片是否完整清晰', res.error);
      }
      if (!('lines' in res)) throw new AppError('INTERNAL');
      child.pages++;
      if (child.pages >= this.pagesPerWorker || res.rss > this.maxRssBytes) this.retire(slot);
      return { ...toPageText(res.lines, page, res.width, res.height), rotation: res.rotation };
    } catch (err) {
      this.retire(slot);
      if (err instanceof AppError) throw err;
      throw new AppError('UNPROCESSABLE', '文字识别失败', undefined, { cause: err });
    } finally {
      this.release(slot);
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.slots.forEach((_, i) => this.retire(i));
    return Promise.resolve();
  }

  private acquire(): Promise<number> {
    if (this.closed) return Promise.reject(new AppError('NOT_READY', '文字识别服务已关闭'));
    const free = this.busy.findIndex((b) => !b);
    if (free >= 0) {
      this.busy[free] = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(i: number): void {
    const next = this.waiting.shift();
    if (next) next(i);
    else this.busy[i] = false;
  }

  private childAt(i: number): Child {
    const existing = this.slots[i];
    if (existing) return existing;
    const entry = childEntry();
    const proc = fork(entry.file, [String(this.threads), JSON.stringify(this.childOptions)], {
      // A small V8 heap makes the child collect its per-page garbage early instead of growing.
      execArgv: [...entry.execArgv, '--max-old-space-size=384'],
      serialization: 'advanced',
      // glibc gives every thread its own malloc arena and rarely returns freed pages: two arenas keep
      // the child's resident memory close to what it really uses.
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.childrenStarted++;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const pending: Child['pending'] = new Map();
    const ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (m: PaddleResponse) => {
        if ('ready' in m) return resolve();
        pending.get(m.id)?.resolve(m);
        pending.delete(m.id);
      });
      proc.on('exit', (code) => {
        const err = new Error(`paddle OCR process exited (${code ?? 'signal'}): ${stderr.trim()}`);
        reject(err);
        for (const p of pending.values()) p.reject(err);
        pending.clear();
        if (this.slots[i]?.proc === proc) this.slots[i] = null;
      });
    });
    ready.catch(() => undefined);
    const child: Child = { proc, ready, pages: 0, busy: false, pending };
    this.slots[i] = child;
    return child;
  }

  private ask(child: Child, png: Buffer): Promise<PaddleResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.pending.delete(id);
        reject(new AppError('UNPROCESSABLE', '文字识别超时'));
      }, this.pageTimeoutMs);
      child.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      const msg: PaddleRequest = { id, png };
      child.proc.send(msg);
    });
  }

  private retire(i: number): void {
    const child = this.slots[i];
    this.slots[i] = null;
    if (child && child.proc.exitCode === null) child.proc.kill();
  }
}

/** Segments → lines (see wordsToPageText). */
export function toPageText(
  segments: PaddleRawLine[],
  page: number,
  width: number,
  height: number,
): OcrPageText {
  const words: OcrWord[] = segments
    .filter((s) => s.box.length === 4)
    .map((s) => {
      return { text: s.text.trim(), box: normaliseBox(quadBounds(s.box), width, height), confidence: s.mean };
    });
  return wordsToPageText(words, page, pageSlope(segments, width, height));
}

/** The page's text slope as PageText fields: the gradient only where the slope changes down the page. */
function slopeFields(slope: TextSlope): Pick<OcrPageText, 'skew' | 'skewGradient' | 'skewOrigin'> {
  return slope.gradient === 0
    ? { skew: slope.skew }
    : { skew: slope.skew, skewGradient: slope.gradient, skewOrigin: slope.origin };
}

/** Slopes (dy/dx in page fractions) of the top edges of long segments, with their heights on the page. */
function segmentSlopes(
  segments: PaddleRawLine[],
  width: number,
  height: number,
): Array<{ s: number; y: number }> {
  const out: Array<{ s: number; y: number }> = [];
  for (const seg of segments) {
    const [p0, p1, , p3] = seg.box;
    if (!p0 || !p1 || !p3) continue;
    const dx = ((p1[0] ?? 0) - (p0[0] ?? 0)) / width;
    const dy = ((p1[1] ?? 0) - (p0[1] ?? 0)) / height;
    const h = Math.abs((p3[1] ?? 0) - (p0[1] ?? 0)) / height;
    if (dx > 0 && dx * width > 4 * h * height) {
      out.push({ s: dy / dx, y: ((p0[1] ?? 0) + (p3[1] ?? 0)) / 2 / height });
    }
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

/**
 * Slope of the page's text lines (dy/dx in page fractions) from the top edges of long segments: a
 * photo taken slightly askew keeps a small slope after preparation, enough to split table rows.
 */
export function pageSkew(segments: PaddleRawLine[], width: number, height: number): number {
  return skewOf(segmentSlopes(segments, width, height).map((x) => x.s));
}

/** The median of the segments' slopes, or 0 when too few or steeper than a text line (MAX_SKEW). */
function skewOf(slopes: number[]): number {
  if (slopes.length < 3) return 0;
  const m = median(slopes);
  return Math.abs(m) > MAX_SKEW ? 0 : m;
}

/** Segments asked of each half of the page to measure a change of slope. */
const SLOPE_HALF_MIN = 8;
/** A change of slope that moves cells less than this (page fractions, ~a fifth of a line) is none. */
const SLOPE_MIN_DRIFT = 0.002;

/**
 * A photo taken at an angle the sheet finder could not undo (keystone): the lines' slope changes down
 * the page, steeper at the bottom than at the top, enough that one slope for the page joins the cells of
 * neighbouring rows at one end of the table. The slope is measured in the upper and the lower half of
 * the page's segments (medians, so a seal's or a heading's odd segment moves nothing); the change is kept
 * when it is consistent with the page's own slope and moves a row by a fifth of a line or more.
 */
export function pageSlope(segments: PaddleRawLine[], width: number, height: number): TextSlope {
  const samples = segmentSlopes(segments, width, height).sort((a, b) => a.y - b.y);
  const skew = skewOf(samples.map((x) => x.s));
  const flat: TextSlope = { skew, gradient: 0, origin: 0.5 };
  if (skew === 0 || samples.length < 2 * SLOPE_HALF_MIN) return flat;
  const upper = samples.slice(0, samples.length >> 1);
  const lower = samples.slice(samples.length >> 1);
  const yUp = median(upper.map((x) => x.y));
  const yLow = median(lower.map((x) => x.y));
  if (yLow - yUp < 0.2) return flat;
  const sUp = median(upper.map((x) => x.s));
  const sLow = median(lower.map((x) => x.s));
  const gradient = (sLow - sUp) / (yLow - yUp);
  const origin = (yUp + yLow) / 2;
  const mid = (sUp + sLow) / 2;
  // the drift a row's right-hand cells take between the slope at its height and the page's slope,
  // across half the page, at the table's top or bottom (a quarter of the page from the middle)
  const drift = Math.abs(gradient) * 0.25 * 0.5;
  if (drift < SLOPE_MIN_DRIFT || Math.abs(mid) > MAX_SKEW) return flat;
  return { skew: mid, gradient, origin };
}

/**
 * A row takes the words near its first one, in the order of their heights; a word standing between two
 * rows (a cell of a sub-row beside its parent's merged cell, on a photo whose lines slope) goes to the
 * first row near enough, which may not be the nearest. Each word of a row of several is moved to the row
 * whose middle (the median of its words' centres) stands clearly nearer to it, when that row has no word
 * in its column.
 */
function settleBetweenRows(rows: OcrWord[][], centre: (w: OcrWord) => number): void {
  const middle = (ws: OcrWord[]) => {
    const cs = ws.map(centre).sort((a, b) => a - b);
    const n = cs.length;
    return n % 2 ? (cs[n >> 1] ?? 0) : ((cs[n / 2 - 1] ?? 0) + (cs[n / 2] ?? 0)) / 2;
  };
  const overlaps = (a: OcrWord, b: OcrWord) => Math.min(a.box.x1, b.box.x1) > Math.max(a.box.x0, b.box.x0);
  for (const row of rows) {
    for (const w of [...row]) {
      if (row.length < 3) continue;
      const c = centre(w);
      const h = w.box.y1 - w.box.y0;
      const own = Math.abs(c - middle(row.filter((o) => o !== w)));
      let best: OcrWord[] | null = null;
      let bestDistance = own / 2;
      for (const other of rows) {
        if (other === row || other.length < 2 || other.some((o) => overlaps(o, w))) continue;
        const d = Math.abs(c - middle(other));
        if (d < bestDistance && d < h / 2) {
          best = other;
          bestDistance = d;
        }
      }
      if (!best) continue;
      row.splice(row.indexOf(w), 1);
      best.push(w);
    }
  }
}

/**
 * Segments (one per printed line of a cell) → lines: wrapped cells are joined first, then segments
 * whose vertical centres, measured along the page's text slope (`skew`, or the slope at each height on
 * a photo taken at an angle), are within half a line height form one row, cells left to right; a word
 * between two rows is settled in the nearer one.
 */
export function wordsToPageText(
  segments: OcrWord[],
  page: number,
  skew: number | TextSlope = 0,
): OcrPageText {
  const words = mergeStackedCells(segments, skew);
  const centre = (w: OcrWord) => levelledCentre(w, skew);
  words.sort((a, b) => centre(a) - centre(b));
  const rows: OcrWord[][] = [];
  for (const w of words) {
    const mid = centre(w);
    const h = w.box.y1 - w.box.y0;
    const row = rows.find((r) => {
      const first = r[0];
      if (!first) return false;
      return Math.abs(centre(first) - mid) < Math.min(h, first.box.y1 - first.box.y0) / 2;
    });
    if (row) row.push(w);
    else rows.push([w]);
  }
  settleBetweenRows(rows, centre);
  const lines: OcrLine[] = rows
    .filter((row) => row.length > 0)
    .map((row) => {
      row.sort((a, b) => a.box.x0 - b.box.x0);
      return {
        text: row.map((w) => w.text).join('\t'),
        cells: row.map((w) => w.text),
        box: {
          x0: Math.min(...row.map((w) => w.box.x0)),
          y0: Math.min(...row.map((w) => w.box.y0)),
          x1: Math.max(...row.map((w) => w.box.x1)),
          y1: Math.max(...row.map((w) => w.box.y1)),
        },
        confidence: row.reduce((s, w) => s + w.confidence, 0) / row.length,
        words: row,
      };
    });
  lines.sort((a, b) => levelledCentre(a, skew) - levelledCentre(b, skew));
  return {
    page,
    source: 'ocr',
    lines,
    ...slopeFields(typeof skew === 'number' ? { skew, gradient: 0, origin: 0.5 } : skew),
  };
}
