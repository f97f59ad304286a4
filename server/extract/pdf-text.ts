/**
 * A PDF's text layer, page by page, via pdf-parse 2.4.5. Table cells come tab-separated on one line.
 * cMapUrl/cMapPacked/standardFontDataUrl are always passed: without them a PDF with a non-embedded
 * Chinese font yields an empty string and would be mistaken for a scan (stack-notes.md).
 */
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { AppError } from '../errors';
import type { PageText } from '../../parsers/types';

const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${path.join(PDFJS_DIR, 'cmaps')}${path.sep}`;
const STANDARD_FONTS_URL = `${path.join(PDFJS_DIR, 'standard_fonts')}${path.sep}`;

export interface PdfText {
  pageCount: number;
  /** raw text of each page (1-based page = index + 1) */
  pages: string[];
}

/** Maps pdf.js load errors to our error codes. */
export function pdfLoadError(err: unknown): AppError {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new AppError('ENCRYPTED_PDF', undefined, undefined, { cause: err });
  }
  return new AppError('CORRUPT_FILE', undefined, { reason: message }, { cause: err });
}

/** Reads every page's text layer. Throws AppError ENCRYPTED_PDF / CORRUPT_FILE / TOO_MANY_PAGES. */
export async function readPdfText(pdf: Buffer, opts: { maxPages?: number } = {}): Promise<PdfText> {
  const parser = new PDFParse({
    data: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice(),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
    verbosity: 0,
  });
  try {
    let info;
    try {
      info = await parser.getInfo();
    } catch (err) {
      throw pdfLoadError(err);
    }
    const pageCount = info.total;
    if (opts.maxPages !== undefined && pageCount > opts.maxPages) {
      throw new AppError('TOO_MANY_PAGES', `文档共 ${pageCount} 页，超过 ${opts.maxPages} 页的限制`);
    }
    let result;
    try {
      result = await parser.getText({ pageJoiner: '' });
    } catch (err) {
      throw pdfLoadError(err);
    }
    const pages: string[] = Array.from({ length: pageCount }, () => '');
    for (const p of result.pages) pages[p.num - 1] = p.text;
    return { pageCount, pages };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** One page's raw text-layer text → lines with tab-separated cells (box unknown: null). */
export function textToPage(text: string, page: number): PageText {
  const lines = text
    .split(/\r?\n|\f/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cells = l
        .split('\t')
        .map((c) => c.trim())
        .filter(Boolean);
      return { text: cells.join(' '), cells, box: null, confidence: 1 };
    });
  return { page, source: 'text_layer', lines };
}
