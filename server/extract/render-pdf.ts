/**
 * One PDF page → one PNG for OCR or review.
 *
 * A scanned page's own image is the fastest and sharpest raster (read in the PDF sandbox:
 * pdf-page-image.ts). Other pages (vector drawings, mixed pages, rotated placements) are rasterised by
 * poppler's `pdftoppm` (Debian `poppler-utils`) at 200 dpi — after the sandbox has checked the page's
 * size, scaled so that the raster stays within the pipeline's image limit, and run under `prlimit`
 * (address space, CPU time) and a clock.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors';
import { readImageHeader } from './file-header';
import { findExecutable } from './find-executable';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, RENDER_LIMITS } from './limits';
import type { PageSize } from './pdf-page-image';
import { readPdfPage } from './pdf-sandbox';

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

/** Renders page `page` (1-based) of a PDF to a PNG at about 200 dpi. */
export async function renderPdfPage(
  pdf: Buffer,
  page: number,
  opts: RenderOptions = {},
): Promise<RenderedPage> {
  const { size, image } = await readPdfPage(pdf, page);
  if (image) return { ...image, method: 'embedded' };
  return rasterise(pdf, page, rasterSize(size, opts.dpi ?? 200));
}

/**
 * The raster's long side and resolution: `dpi`, lowered when the page would exceed the pipeline's
 * image limit (a large drawing is rendered smaller rather than refused).
 */
export function rasterSize(size: PageSize, dpi: number): { longSidePx: number; dpi: number } {
  const w = (size.widthPt / 72) * dpi;
  const h = (size.heightPt / 72) * dpi;
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(w, h), Math.sqrt(MAX_IMAGE_PIXELS / (w * h)));
  return { longSidePx: Math.max(1, Math.floor(Math.max(w, h) * scale)), dpi: Math.round(dpi * scale) };
}

/** Rasterises a page with pdftoppm, its long side scaled to `longSidePx` whatever the file claims. */
async function rasterise(
  pdf: Buffer,
  page: number,
  target: { longSidePx: number; dpi: number },
): Promise<RenderedPage> {
  const pdftoppm = findExecutable('pdftoppm');
  if (!pdftoppm) {
    throw new AppError('UNPROCESSABLE', '无法渲染该 PDF 页面：服务器未安装 pdftoppm（poppler-utils）');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dsv-render-'));
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, pdf);
    const out = path.join(dir, 'page');
    const args = [
      '-scale-to',
      String(target.longSidePx),
      '-f',
      String(page),
      '-l',
      String(page),
      '-gray',
      '-png',
      '-singlefile',
      input,
      out,
    ];
    const prlimit = findExecutable('prlimit');
    const [command, commandArgs] = prlimit
      ? [
          prlimit,
          [
            `--as=${RENDER_LIMITS.memoryBytes}`,
            `--cpu=${RENDER_LIMITS.cpuSeconds}`,
            '--core=0',
            '--',
            pdftoppm,
            ...args,
          ],
        ]
      : [pdftoppm, args];
    try {
      await execFileAsync(command, commandArgs, { timeout: RENDER_LIMITS.timeoutMs, killSignal: 'SIGKILL' });
    } catch (err) {
      throw new AppError(
        'UNPROCESSABLE',
        `无法渲染该 PDF 第 ${page} 页（页面内容过于复杂、超出 ${Math.round(RENDER_LIMITS.timeoutMs / 1000)} 秒或内存上限，或文件已损坏）`,
        { page },
        { cause: err },
      );
    }
    const png = await readFile(`${out}.png`);
    const header = readImageHeader(png);
    if (!header) throw new AppError('UNPROCESSABLE', `无法渲染该 PDF 第 ${page} 页`);
    return { png, width: header.width, height: header.height, dpi: target.dpi, method: 'rendered' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
