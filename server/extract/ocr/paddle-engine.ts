import { AppError } from '../../errors';
import type { OcrEngine, OcrPageText } from './ocr-engine';

export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle' as const;
  constructor(_opts: { workers: number; pagesPerWorker?: number }) {}
  recognise(_image: Buffer, _page: number): Promise<OcrPageText> {
    return Promise.reject(new AppError('NOT_READY'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
