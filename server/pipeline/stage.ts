/**
 * What the read-only document stages share: the stage names recorded on the document row (what the UI
 * shows as progress) and `StopPipeline`, an expected stop (the document is marked failed with a code and
 * a Chinese reason). Anything else thrown is unexpected and left to the job's retries.
 */
import type { DocumentWithDistrict } from '../../models/document.repository';
import type { Db } from '../../models/db';
import type { RuleRegistry } from '../verify/registry/registry';
import type { OcrProvider } from '../extract/ocr-provider';
import type { FileStore } from '../storage/file-store';

/** Stage names, saved on the document row (`documents.stage`). */
export type StageName =
  'detect_type' | 'extract_text' | 'ocr' | 'parse_fields' | 'review_check' | 'store' | 'verify_rules';

/** Records progress (stage, page k of n) on the document row. */
export type Progress = (stage: StageName, page?: number | null, pageCount?: number | null) => Promise<void>;

/** What reading one document needs. Reading writes nothing but progress. */
export interface ReadInput {
  db: Db;
  doc: DocumentWithDistrict;
  files: FileStore;
  /** The OCR provider, created on first use (text PDFs never start OCR workers). */
  ocr: () => OcrProvider;
  /** Aborted when the job runner stops: stages check it between pages. */
  signal: AbortSignal;
  progress: Progress;
  maxPages: number;
  /** The rule registries (required items per category), loaded only for a report. */
  registries: () => Promise<readonly RuleRegistry[]>;
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
