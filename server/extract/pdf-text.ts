/**
 * A PDF's text layer, page by page, read inside the sandbox process from an opened pdf.js document
 * (server/extract/pdf-document.ts): each page's geometry (pdf-geometry.ts: positioned text items and
 * ruling lines) laid out as lines. Table cells come tab-separated on one line, as pdf-parse prints
 * them; each line and cell also keeps its box.
 */
import { AppError } from '../errors';
import type { Box, PageText } from '../../parsers/types';
import type { PdfDocument } from './pdf-document';
import { readPageGeometry, type PageGeometry } from './pdf-geometry';

export interface PdfText {
  pageCount: number;
  /** raw text of each page (1-based page = index + 1), cells tab-separated as pdf-parse prints them */
  pages: string[];
  /** the same text as lines with cell and line boxes (fractions of the page), when positions were readable */
  layout: (PageText | null)[];
}

const LINE_THRESHOLD = 4.6;
const CELL_THRESHOLD = 7;

interface Cell {
  text: string;
  box: Box | null;
}
interface Word {
  text: string;
  box: Box | null;
}

const union = (a: Box | null, b: Box | null): Box | null =>
  !a
    ? b
    : !b
      ? a
      : {
          x0: Math.min(a.x0, b.x0),
          y0: Math.min(a.y0, b.y0),
          x1: Math.max(a.x1, b.x1),
          y1: Math.max(a.y1, b.y1),
        };

/**
 * Lines of one page with boxes. Line and cell breaks follow pdf-parse's own rules (same thresholds) so
 * that the text equals getText()'s; each cell also gets the box of the text items it is made of.
 */
export function layoutPage(geometry: PageGeometry, page: number): { text: string; page: PageText } {
  const { items, rules } = geometry;
  const viewport = { width: geometry.width, height: geometry.height };
  const out: string[] = [];
  const lines: { cells: Cell[]; words: Word[] }[] = [];
  let line: Cell[] = [];
  let words: Word[] = [];
  let cell: Cell = { text: '', box: null };
  let lastX: number | undefined;
  let lastY: number | undefined;
  let maxHeight = 0;
  const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  const closeCell = () => {
    if (cell.text.trim() !== '') line.push({ text: cell.text.trim(), box: cell.box });
    cell = { text: '', box: null };
  };
  const closeLine = () => {
    closeCell();
    if (line.length) lines.push({ cells: line, words });
    line = [];
    words = [];
  };
  for (const item of items) {
    const { x, y } = item;
    let str = item.str;
    if (lastY !== undefined && Math.abs(lastY - y) > LINE_THRESHOLD) {
      const prev = out[out.length - 1];
      const startsNewLine = str.startsWith('\n') || (str.trim() === '' && item.hasEOL);
      if (
        prev !== undefined &&
        !prev.endsWith('\n') &&
        !startsNewLine &&
        Math.abs(lastY - y) - 1 > maxHeight
      ) {
        out.push('\n');
        closeLine();
        maxHeight = 0;
      }
    }
    if (
      lastY !== undefined &&
      Math.abs(lastY - y) < LINE_THRESHOLD &&
      lastX !== undefined &&
      Math.abs(lastX - x) > CELL_THRESHOLD
    ) {
      str = `\t${str}`;
      closeCell();
    }
    out.push(str);
    const h = item.height || 10;
    const box: Box | null =
      item.str.trim() === ''
        ? null
        : {
            x0: round(x / viewport.width),
            y0: round((y - h) / viewport.height),
            x1: round((x + item.width) / viewport.width),
            y1: round((y + h * 0.2) / viewport.height),
          };
    if (box && !item.str.includes('\n')) words.push({ text: item.str.trim(), box });
    const parts = str.replace(/^\t/, '').split('\n');
    parts.forEach((part, i) => {
      if (i > 0) closeLine();
      cell.text += part;
      cell.box = union(cell.box, box);
    });
    lastX = x + item.width;
    lastY = y;
    maxHeight = Math.max(maxHeight, item.height);
    if (item.hasEOL) {
      out.push('\n');
      closeLine();
    }
    if (item.hasEOL || str.endsWith('\n')) maxHeight = 0;
  }
  closeLine();
  const pageText: PageText = {
    page,
    source: 'text_layer',
    rules,
    lines: lines.map(({ cells, words: ws }) => ({
      text: cells.map((c) => c.text).join(' '),
      cells: cells.map((c) => c.text),
      cellBoxes: cells.map((c) => c.box),
      words: ws,
      box: cells.reduce<Box | null>((a, c) => union(a, c.box), null),
      confidence: 1,
    })),
  };
  return { text: out.join(''), page: pageText };
}

/** TOO_MANY_PAGES for a document over the page limit (at upload and when its text is read). */
export function tooManyPages(pages: number, maxPages: number): AppError {
  return new AppError('TOO_MANY_PAGES', `文档共 ${pages} 页，超过每个文件 ${maxPages} 页的上限`, {
    pages,
    maxPages,
  });
}

/** Reads every page's text layer of an opened document. Throws AppError TOO_MANY_PAGES; pdf.js errors pass through. */
export async function readTextLayer(
  doc: PdfDocument,
  opts: { maxPages?: number; onPage?: (page: number) => void } = {},
): Promise<PdfText> {
  const pageCount = doc.numPages;
  if (opts.maxPages !== undefined && pageCount > opts.maxPages) {
    throw tooManyPages(pageCount, opts.maxPages);
  }
  const pages: string[] = [];
  const layout: (PageText | null)[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const page = await doc.getPage(n);
    const laid = layoutPage(await readPageGeometry(page), n);
    pages.push(laid.text);
    layout.push(laid.page);
    page.cleanup();
    opts.onPage?.(n);
  }
  return { pageCount, pages, layout };
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
