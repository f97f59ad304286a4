/**
 * One uploaded file (PDF, JPEG, PNG) → the extraction (spec: shared/spec/extraction.md).
 * Text-layer pages go straight to the parsers; pages without usable text and images go through the
 * OCR provider passed in. The file type is sniffed from magic bytes, never from the name.
 */
import { parseDocument } from '../../parsers/registry';
import type { DocumentForm, DocumentText, Extraction, PageText } from '../../parsers/types';
import { AppError } from '../errors';
import { hasUsableText } from './has-usable-text';
import type { OcrProvider } from './ocr-provider';
import { readPdfText, textToPage } from './pdf-text';

export type FileKind = 'pdf' | 'jpeg' | 'png';

/** Sniffs the file type from its first bytes. */
export function sniffFileType(buf: Buffer): FileKind | null {
  if (buf.length >= 5 && buf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) {
    return buf.subarray(0, 1024).indexOf('%PDF-') <= 1024 ? 'pdf' : null;
  }
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  return null;
}

export interface ExtractOptions {
  fileName?: string;
  ocr?: OcrProvider;
  /** default 100 */
  maxPages?: number;
}

function needOcr(ocr: OcrProvider | undefined): OcrProvider {
  if (!ocr) throw new AppError('OCR_UNAVAILABLE');
  return ocr;
}

/** Reads the document's text: text layer where usable, OCR elsewhere. */
export async function readDocumentText(buffer: Buffer, opts: ExtractOptions = {}): Promise<DocumentText> {
  if (buffer.length === 0) throw new AppError('EMPTY_FILE');
  const type = sniffFileType(buffer);
  if (!type) throw new AppError('UNSUPPORTED_FILE_TYPE');
  if (type !== 'pdf') {
    const page = await needOcr(opts.ocr).recogniseImage(buffer, 1);
    return { form: 'photo', pages: [{ ...page, page: 1, source: 'ocr' }] };
  }
  const pdf = await readPdfText(buffer, { maxPages: opts.maxPages ?? 100 });
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

/** Extracts one document. Throws AppError for unreadable input or when the kind cannot be told. */
export async function extractDocument(buffer: Buffer, opts: ExtractOptions = {}): Promise<Extraction> {
  const text = await readDocumentText(buffer, opts);
  const extraction = parseDocument(text);
  if (!extraction) throw new AppError('UNRECOGNISED_DOCUMENT');
  return extraction;
}
