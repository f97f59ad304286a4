/**
 * One uploaded file (PDF, JPEG, PNG) → the extraction (spec: shared/spec/extraction.md).
 * Text-layer pages go straight to the parsers; pages without usable text and images go through the
 * OCR provider passed in. The file's inspection (type from magic bytes, pages, image size) is the one
 * made at upload when the pipeline passes it in, else it is made here; the PDF itself is read in the
 * PDF sandbox (server/extract/pdf-sandbox/).
 */
import { parseDocument } from '../../parsers/registry';
import type { ParseContext } from '../../parsers/text/party-lexicon';
import type { DocumentForm, DocumentText, Extraction, PageText } from '../../parsers/types';
import { AppError } from '../errors';
import { checkFileBytes, type InspectedFile } from '../intake/inspect-file';
import { hasUsableText } from './has-usable-text';
import type { OcrPageText } from './ocr';
import type { OcrProvider } from './ocr-provider';
import { readPdfText } from './pdf-sandbox';
import { textToPage } from './pdf-text';

export interface ExtractOptions {
  fileName?: string;
  ocr?: OcrProvider;
  /** default 100 */
  maxPages?: number;
  /** The file's inspection, when already made (at upload). */
  inspected?: InspectedFile;
}

function needOcr(ocr: OcrProvider | undefined): OcrProvider {
  if (!ocr) throw new AppError('OCR_UNAVAILABLE');
  return ocr;
}

/** Reads the document's text: text layer where usable, OCR elsewhere. */
export async function readDocumentText(buffer: Buffer, opts: ExtractOptions = {}): Promise<DocumentText> {
  const maxPages = opts.maxPages ?? 100;
  // Without an inspection made at upload, the bytes are checked here; a PDF's pages are then counted
  // (and the page limit applied) by the one read of its text layer below.
  const type = opts.inspected?.type ?? checkFileBytes(buffer).type;
  if (type !== 'pdf') {
    const page = await needOcr(opts.ocr).recogniseImage(buffer, 1);
    return { form: 'photo', pages: [{ ...page, page: 1, source: 'ocr' }] };
  }
  const pdf = await readPdfText(buffer, { maxPages });
  if (pdf.pageCount === 0) throw new AppError('CORRUPT_FILE', 'PDF 文件没有页面');
  // pages are read one after the other: the OCR provider parallelises inside a page's work
  const pages: PageText[] = [];
  let ocrPages = 0;
  for (let i = 0; i < pdf.pageCount; i++) {
    const text = pdf.pages[i] ?? '';
    if (hasUsableText(text)) {
      pages.push(pdf.layout[i] ?? textToPage(text, i + 1));
    } else {
      const page = await needOcr(opts.ocr).recognisePdfPage(buffer, i + 1);
      pages.push({ ...page, page: i + 1, source: 'ocr' });
      ocrPages++;
    }
  }
  const form: DocumentForm = ocrPages === 0 ? 'text_pdf' : 'scanned_pdf';
  return { form, pages };
}

/** Pages OCR turned upright, so the review page can show them the way their boxes were measured. */
function pageRotations(pages: PageText[]): Record<string, 90 | 180 | 270> | undefined {
  const turned = pages.flatMap((p) => {
    const rotation = (p as Partial<OcrPageText>).rotation;
    return rotation ? [[String(p.page), rotation] as const] : [];
  });
  return turned.length ? Object.fromEntries(turned) : undefined;
}

/**
 * The extraction of a document's text (party names read by OCR decoded against `context.partyNames`
 * when given). Throws AppError when the kind cannot be told.
 */
export function extractionFromText(text: DocumentText, context?: ParseContext): Extraction {
  const extraction = parseDocument(text, undefined, context);
  if (!extraction) throw new AppError('UNRECOGNISED_DOCUMENT');
  const rotations = pageRotations(text.pages);
  return rotations ? { ...extraction, pageRotations: rotations } : extraction;
}

/** Extracts one document. Throws AppError for unreadable input or when the kind cannot be told. */
export async function extractDocument(buffer: Buffer, opts: ExtractOptions = {}): Promise<Extraction> {
  return extractionFromText(await readDocumentText(buffer, opts));
}
