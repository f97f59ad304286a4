/**
 * extract_text / ocr: the PDF's text layer where it is usable, OCR for scanned pages and photos
 * (server/extract decides per page). OCR pages are reported as stage `ocr`, page k of n.
 */
import type { DocumentText } from '../../../parsers/types';
import { AppError } from '../../errors';
import { readDocumentText } from '../../extract/extract-document';
import type { OcrProvider } from '../../extract/ocr-provider';
import { StopPipeline, type ReadInput } from '../stage';
import type { StoredFile } from './detect-type';

/** Wraps the (lazily created) OCR provider to record progress and honour aborts page by page. */
function progressOcr(input: ReadInput): OcrProvider {
  const before = async (page: number) => {
    input.signal.throwIfAborted();
    await input.progress('ocr', page);
  };
  return {
    async recognisePdfPage(pdf, page) {
      await before(page);
      return input.ocr().recognisePdfPage(pdf, page);
    },
    async recogniseImage(img, page) {
      await before(page);
      return input.ocr().recogniseImage(img, page);
    },
    close: () => Promise.resolve(),
  };
}

export async function extractText(input: ReadInput, file: StoredFile): Promise<DocumentText> {
  try {
    return await readDocumentText(file.data, {
      fileName: input.doc.originalName,
      ocr: progressOcr(input),
      maxPages: input.maxPages,
      inspected: file.inspected,
    });
  } catch (e) {
    if (e instanceof AppError && e.code !== 'INTERNAL') throw new StopPipeline(e.code, e.userMessage);
    throw e;
  }
}
