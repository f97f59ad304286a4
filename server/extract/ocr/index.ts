/**
 * OCR provider: PDF page or photo → prepared grey PNG → the configured engine → lines with boxes.
 * Engines are created once per provider and reused; `close()` stops their workers.
 */
import { config } from '../../config';
import { prepareImage, type PrepareOptions } from '../image-prep';
import type { OcrProvider } from '../ocr-provider';
import { renderPdfPage } from '../render-pdf';
import type { OcrEngine, OcrEngineName, OcrPageText } from './ocr-engine';
import { PaddleEngine } from './paddle-engine';
import { TesseractEngine } from './tesseract-engine';

export type { OcrEngine, OcrEngineName, OcrLine, OcrPageText, OcrWord } from './ocr-engine';

export interface OcrProviderOptions {
  /** Default: config().OCR_ENGINE */
  engine?: OcrEngineName;
  /** Parallel pages (tesseract workers / paddle processes). Default: config().OCR_WORKERS */
  workers?: number;
  /** Pages a worker handles before it is replaced (bounds memory growth). */
  pagesPerWorker?: number;
}

/** Builds the engine named in the options (or the configuration). */
export function createOcrEngine(opts: OcrProviderOptions = {}): OcrEngine {
  const name = opts.engine ?? config().OCR_ENGINE;
  const workers = opts.workers ?? config().OCR_WORKERS;
  switch (name) {
    case 'tesseract':
      return new TesseractEngine({ workers, pagesPerWorker: opts.pagesPerWorker });
    case 'paddle':
      return new PaddleEngine({ workers, pagesPerWorker: opts.pagesPerWorker });
  }
}

class EngineOcrProvider implements OcrProvider {
  constructor(private readonly engine: OcrEngine) {}

  async recognisePdfPage(pdf: Buffer, page: number): Promise<OcrPageText> {
    const rendered = await renderPdfPage(pdf, page);
    const prepared = await prepareImage(rendered.png, { dpi: rendered.dpi, ...this.prepOptions() });
    return this.engine.recognise(prepared.png, page);
  }

  async recogniseImage(img: Buffer, page: number): Promise<OcrPageText> {
    const prepared = await prepareImage(img, this.prepOptions());
    return this.engine.recognise(prepared.png, page);
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /** Tesseract binarises: it needs even lighting. PaddleOCR's networks cope with shading themselves. */
  private prepOptions(): PrepareOptions {
    return { flattenLighting: this.engine.name === 'tesseract' || process.env.OCR_FLATTEN === '1' };
  }
}

/** The OCR provider used by document extraction. */
export function createOcrProvider(opts: OcrProviderOptions = {}): OcrProvider {
  return new EngineOcrProvider(createOcrEngine(opts));
}
