/**
 * extract_text / ocr: the PDF's text layer where it is usable, OCR for scanned pages and photos
 * (server/extract decides per page). OCR pages are reported as stage `ocr`, page k of n.
 */
import { AppError } from '../../errors';
import { readDocumentText } from '../../extract/extract-document';
import type { OcrProvider } from '../../extract/ocr-provider';
import { StopPipeline, type PipelineState, type Stage } from '../stage';

/** Wraps the (lazily created) OCR provider to record progress and honour aborts page by page. */
function progressOcr(s: PipelineState): OcrProvider {
  const before = async (page: number) => {
    s.signal.throwIfAborted();
    await s.progress('ocr', page);
  };
  return {
    async recognisePdfPage(pdf, page) {
      await before(page);
      return s.ocr().recognisePdfPage(pdf, page);
    },
    async recogniseImage(img, page) {
      await before(page);
      return s.ocr().recogniseImage(img, page);
    },
    close: () => Promise.resolve(),
  };
}

export const extractTextStage: Stage = {
  name: 'extract_text',
  async run(s) {
    if (!s.data) throw new Error('extract_text needs the file (detect_type)');
    try {
      s.text = await readDocumentText(s.data, {
        fileName: s.doc.originalName,
        ocr: progressOcr(s),
        maxPages: s.app.config.MAX_PAGES,
        inspected: s.inspected,
      });
    } catch (e) {
      if (e instanceof AppError && e.code !== 'INTERNAL') throw new StopPipeline(e.code, e.userMessage);
      throw e;
    }
  },
};
