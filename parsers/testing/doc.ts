/** Test helper: builds a DocumentText from page texts as printed (cells tab-separated, lines by newline). */
import type { DocumentText, PageText } from '../types';

export function textPage(page: number, text: string, source: PageText['source'] = 'text_layer'): PageText {
  return {
    page,
    source,
    lines: text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const cells = source === 'ocr' ? [l] : l.split('\t').map((c) => c.trim());
        return {
          text: cells.join(' '),
          cells: source === 'ocr' ? undefined : cells,
          box: null,
          confidence: source === 'ocr' ? 0.8 : 1,
        };
      }),
  };
}

export function textDoc(...pages: string[]): DocumentText {
  return { form: 'text_pdf', pages: pages.map((p, i) => textPage(i + 1, p)) };
}

export function ocrDoc(...pages: string[]): DocumentText {
  return { form: 'scanned_pdf', pages: pages.map((p, i) => textPage(i + 1, p, 'ocr')) };
}

/** Documents of one page each (or more) as one document, their pages numbered in order; the first one's form. */
export function joinPages(...docs: DocumentText[]): DocumentText {
  const pages = docs.flatMap((d) => d.pages).map((p, i) => ({ ...p, page: i + 1 }));
  return { form: docs[0]?.form ?? 'text_pdf', pages };
}
