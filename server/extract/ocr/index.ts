/**
 * OCR provider: PDF page or photo → prepared grey PNG → the configured engine → lines with boxes.
 * Engines are created once per provider and reused; `close()` stops their workers.
 */
import { config } from '../../config';
import { prepareImage } from '../image-prep';
import type { OcrProvider } from '../ocr-provider';
import { renderPdfPage } from '../render-pdf';
import { rotateRules } from '../table-lines';
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
  /** PaddleOCR processes sharing the workers' threads. Default: config().PADDLE_PROCESSES */
  paddleProcesses?: number;
}

/** Builds the engine named in the options (or the configuration). */
export function createOcrEngine(opts: OcrProviderOptions = {}): OcrEngine {
  const name = opts.engine ?? config().OCR_ENGINE;
  const workers = opts.workers ?? config().OCR_WORKERS;
  switch (name) {
    case 'tesseract':
      return new TesseractEngine({ workers, pagesPerWorker: opts.pagesPerWorker });
    case 'paddle': {
      // one process on all cores by default: half the memory of one per core, and 2.6 s a page on two
      const processes = Math.min(workers, opts.paddleProcesses ?? config().PADDLE_PROCESSES);
      return new PaddleEngine({
        processes,
        threadsPerProcess: Math.max(1, Math.floor(workers / processes)),
        pagesPerWorker: opts.pagesPerWorker,
      });
    }
  }
}

class EngineOcrProvider implements OcrProvider {
  constructor(private readonly engine: OcrEngine) {}

  async recognisePdfPage(pdf: Buffer, page: number): Promise<OcrPageText> {
    const rendered = await renderPdfPage(pdf, page);
    const prepared = await prepareImage(rendered.png, { dpi: rendered.dpi });
    const text = await this.engine.recognise(prepared.png, page);
    return { ...text, rules: rotateRules(prepared.rules, text.rotation) };
  }

  async recogniseImage(img: Buffer, page: number): Promise<OcrPageText> {
    const prepared = await prepareImage(img);
    const text = await this.engine.recognise(prepared.png, page);
    return { ...text, rules: rotateRules(prepared.rules, text.rotation) };
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/** The OCR provider used by document extraction. */
export function createOcrProvider(opts: OcrProviderOptions = {}): OcrProvider {
  return new EngineOcrProvider(createOcrEngine(opts));
}
