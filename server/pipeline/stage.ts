/**
 * The document pipeline (STYLE.md G11): an ordered list of stages with one contract. Each stage may
 * decline to run (`canRun`), records its name on the document row (what the UI shows), and stops the
 * pipeline with a typed result by throwing `StopPipeline` (an expected failure: the document is marked
 * failed with a code and a Chinese reason). Anything else thrown is unexpected and left to the job's
 * retries.
 */
import type { AppContext } from '../context';
import type { FileStore } from '../storage/file-store';
import type { OcrProvider } from '../extract/ocr-provider';
import type { DocumentText, Extraction } from '../../parsers/types';
import type { DocumentWithDistrict, ReviewField } from '../../models/document.repository';
import type { InspectedFile } from '../intake/inspect-file';

/** Stage names, saved on the document row (`documents.stage`). */
export type StageName =
  'detect_type' | 'extract_text' | 'ocr' | 'parse_fields' | 'review_check' | 'store' | 'verify_rules';

export interface PipelineState {
  app: AppContext;
  doc: DocumentWithDistrict;
  files: FileStore;
  /** The OCR provider, created on first use (text PDFs never start OCR workers). */
  ocr: () => OcrProvider;
  /** Aborted when the job runner stops: stages check it between pages. */
  signal: AbortSignal;
  /** Records progress (stage, page k of n) on the document row. */
  progress(stage: StageName, page?: number | null, pageCount?: number | null): Promise<void>;
  startedAt: number;
  data?: Buffer;
  inspected?: InspectedFile;
  text?: DocumentText;
  extraction?: Extraction;
  effective?: Extraction;
  reviewFields?: ReviewField[];
}

export interface Stage {
  name: StageName;
  canRun?(s: PipelineState): boolean;
  run(s: PipelineState): Promise<void>;
}

/** An expected stop: the document cannot be processed (bad file, unknown kind). */
export class StopPipeline extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'StopPipeline';
  }
}

/** Runs the stages in order; each is announced on the document row before it runs. */
export async function runPipeline(stages: readonly Stage[], s: PipelineState): Promise<void> {
  for (const stage of stages) {
    s.signal.throwIfAborted();
    if (stage.canRun && !stage.canRun(s)) continue;
    await s.progress(stage.name);
    const t0 = Date.now();
    await stage.run(s);
    s.app.logger.debug(
      { documentId: s.doc.id, stage: stage.name, ms: Date.now() - t0 },
      'pipeline stage done',
    );
  }
}
