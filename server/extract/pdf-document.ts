/**
 * The one door to pdf.js: the copy bundled in pdf-parse 2.4.5 (using it avoids loading the ESM-only
 * pdfjs-dist from our CommonJS build). pdf-parse declares its loader `load()` private; it is reached
 * here and nowhere else, and its errors are mapped to our codes here.
 *
 * Untrusted PDFs are opened only inside the sandbox process (server/extract/pdf-sandbox/), which caps
 * memory and time; lint refuses an import of this module or of pdf-parse anywhere else.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// first: it notes the built-ins pdf-parse's polyfills replace, before pdf-parse loads
import { restoreBuiltins } from './pdfjs-builtins';
import { PDFParse } from 'pdf-parse';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { AppError } from '../errors';
import { MAX_IMAGE_PIXELS } from './limits';

export type PdfDocument = PDFDocumentProxy;
export type PdfPage = PDFPageProxy;

restoreBuiltins();

const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * cMapUrl/cMapPacked/standardFontDataUrl always: without them a PDF with a non-embedded Chinese font
 * yields an empty text layer and would be mistaken for a scan (stack-notes.md). pdf.js skips images
 * above the pipeline's pixel limit without decoding them, and never compiles a font to JavaScript.
 */
const OPTIONS = {
  cMapUrl: `${path.join(PDFJS_DIR, 'cmaps')}${path.sep}`,
  cMapPacked: true,
  standardFontDataUrl: `${path.join(PDFJS_DIR, 'standard_fonts')}${path.sep}`,
  isEvalSupported: false,
  verbosity: 0,
};

/**
 * Where pdf.js puts the fonts it loads: nothing is drawn here, so its @font-face rules go nowhere.
 * Given a document to put them in (and `disableFontFace: false`), pdf.js stops turning every glyph it
 * meets into a drawing path for a canvas (about a fifth of reading a Chinese text PDF); the text layer
 * and the ruling lines are the same.
 */
const FONT_SINK = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => undefined }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

export interface OpenedPdf {
  doc: PdfDocument;
  /** Frees pdf.js's resources; never throws. */
  close(): Promise<void>;
}

/** pdf-parse's private loader, typed: it returns the pdf.js document it wraps. */
interface PdfParseLoader {
  load(): Promise<PdfDocument>;
}

// pdf.js's worker is an ES module; a real dynamic import (not compiled to require) loads it.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- tsc would turn import() into require()
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

let workerLoaded: Promise<void> | undefined;

/**
 * Loads pdf.js's worker code (the "fake worker" pdf.js runs in this process: about half of pdf.js) ahead
 * of the first document: the sandbox process does it while it waits for its first task. It is the file
 * pdf-parse's copy of pdf.js would import on first use; once loaded it registers itself
 * (globalThis.pdfjsWorker) and pdf.js takes it from there. A failure here is left to the first read.
 */
export function preloadPdfJs(): Promise<void> {
  workerLoaded ??= importEsm(
    pathToFileURL(path.join(path.dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs')).href,
  ).then(
    () => restoreBuiltins(),
    () => undefined,
  );
  return workerLoaded;
}

export interface OpenOptions {
  /**
   * false: pdf.js skips every image when it builds a page's operator list, instead of decoding it (a
   * text layer and ruling lines need none; a text PDF's seals and logos cost most of its read).
   * Default true.
   */
  images?: boolean;
}

/** Opens a PDF. Throws AppError ENCRYPTED_PDF / CORRUPT_FILE / PDF_TOO_COMPLEX. */
export async function openPdf(data: Uint8Array, opts: OpenOptions = {}): Promise<OpenedPdf> {
  await preloadPdfJs();
  // A copy: pdf.js transfers (detaches) the array it is given, and the caller may still need its bytes.
  const parser = new PDFParse({
    ...OPTIONS,
    // pdf.js drops (never decodes) an image of more pixels than this
    maxImageSize: opts.images === false ? 0 : MAX_IMAGE_PIXELS,
    disableFontFace: false,
    ownerDocument: FONT_SINK as unknown as Document,
    data: Uint8Array.prototype.slice.call(data),
  });
  const close = () => parser.destroy().catch(() => undefined);
  try {
    const doc = await (parser as unknown as PdfParseLoader).load();
    // pdf.js loaded its worker itself when the preload failed
    restoreBuiltins();
    return { doc, close };
  } catch (err) {
    await close();
    throw pdfError(err);
  }
}

/** Maps what pdf.js throws while reading a PDF to our error codes. */
export function pdfError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new AppError('ENCRYPTED_PDF', undefined, undefined, { cause: err });
  }
  if (err instanceof RangeError) {
    // call stack exhausted (deep nesting) or an allocation refused by the memory cap
    return new AppError('PDF_TOO_COMPLEX', undefined, { reason: message }, { cause: err });
  }
  return new AppError('CORRUPT_FILE', 'PDF 文件已损坏，无法读取', { reason: message }, { cause: err });
}
