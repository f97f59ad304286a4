/**
 * The document pipeline: detect_type → extract_text/ocr → parse_fields → review_check → store →
 * verify_rules, and `processDocument`, which runs it for one document id and records the outcome.
 */
import type { AppContext } from '../context';
import {
  findDocument,
  markFailed,
  setProgress,
  startProcessing,
  touchProcessing,
} from '../../models/document.repository';
import type { OcrProvider } from '../extract/ocr-provider';
import type { FileStore } from '../storage/file-store';
import { runPipeline, StopPipeline, type PipelineState, type Stage } from './stage';
import { detectTypeStage } from './stages/detect-type';
import { extractTextStage } from './stages/extract-text';
import { parseFieldsStage } from './stages/parse-fields';
import { reviewCheckStage } from './stages/review-check';
import { storeStage } from './stages/store';
import { verifyStage } from './stages/verify';

export const DOCUMENT_STAGES: readonly Stage[] = [
  detectTypeStage,
  extractTextStage,
  parseFieldsStage,
  reviewCheckStage,
  storeStage,
  verifyStage,
];

export interface ProcessDeps {
  files: FileStore;
  ocr: () => OcrProvider;
  signal: AbortSignal;
}

/** How often a running document's updated_at is bumped. */
export const HEARTBEAT_MS = 30_000;

export type ProcessOutcome = 'parsed' | 'needs_review' | 'failed' | 'skipped';

/**
 * Processes one document. Expected failures (bad file, unknown kind) mark it `failed` with a code and
 * reason and return 'failed'; unexpected errors are rethrown for the job's retries (the document stays
 * `processing` until the last attempt gives up, see markGaveUp).
 */
export async function processDocument(
  app: AppContext,
  documentId: string,
  deps: ProcessDeps,
): Promise<ProcessOutcome> {
  const doc = await findDocument(app.db, documentId);
  if (!doc) return 'skipped';
  const startedAt = Date.now();
  await startProcessing(app.db, documentId);
  let lastStage = '';
  const state: PipelineState = {
    app,
    doc,
    files: deps.files,
    ocr: deps.ocr,
    signal: deps.signal,
    startedAt,
    progress: async (stage, page, pageCount) => {
      if (stage === lastStage && page === undefined && pageCount === undefined) return;
      lastStage = stage;
      await setProgress(app.db, documentId, { stage, page: page ?? null, pageCount });
    },
  };
  // Heartbeat: a long OCR page still shows the document alive (stale detection in server/jobs).
  const heartbeat = setInterval(() => {
    touchProcessing(app.db, documentId).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    await runPipeline(DOCUMENT_STAGES, state);
  } catch (e) {
    if (e instanceof StopPipeline) {
      await markFailed(app.db, documentId, e.code, e.reason, Date.now() - startedAt);
      app.logger.info({ documentId, code: e.code }, 'document failed');
      return 'failed';
    }
    throw e;
  } finally {
    clearInterval(heartbeat);
  }
  const outcome = state.reviewFields?.length ? 'needs_review' : 'parsed';
  app.logger.info({ documentId, outcome, ms: Date.now() - startedAt }, 'document processed');
  return outcome;
}

/** After the last retry: the document is marked failed with a generic reason (details are in the log). */
export async function markGaveUp(app: AppContext, documentId: string, err: unknown): Promise<void> {
  app.logger.error({ err, documentId }, 'document processing gave up');
  await markFailed(
    app.db,
    documentId,
    'PROCESSING_ERROR',
    '处理文档时发生内部错误，已多次重试仍未成功，请联系管理员',
    0,
  );
}
