/**
 * Processing one document, upload to findings:
 *
 *   read (server/pipeline/read-document.ts: detect_type → extract_text/ocr → parse_fields → review_check)
 *   → store (the one writer, store-document-result.ts)
 *   → verify_rules (自动匹配 of its reports to the school's contract lines, then re-verification of every
 *     line the document is evidence for).
 *
 * Expected failures (bad file, unknown kind) mark the document `failed` with a code and reason and
 * return 'failed'; unexpected errors are rethrown for the job's retries (the document stays `processing`
 * until the last attempt gives up, see markGaveUp).
 */
import type { AppContext } from '../../context';
import {
  findDocument,
  markFailed,
  setProgress,
  startProcessing,
  touchProcessing,
} from '../../../models/document.repository';
import type { OcrProvider } from '../../extract/ocr-provider';
import { readDocument } from '../../pipeline/read-document';
import { StopPipeline, type Progress } from '../../pipeline/stage';
import type { FileStore } from '../../storage/file-store';
import { matchDocumentToLines } from '../contracts/match-reports';
import { loadRegistries } from '../registry/registry-versions';
import { recomputeForDocument } from '../verification/recompute';
import { storeDocumentResult } from './store-document-result';

export interface ProcessDeps {
  files: FileStore;
  ocr: () => OcrProvider;
  signal: AbortSignal;
}

/** How often a running document's updated_at is bumped. */
export const HEARTBEAT_MS = 30_000;

export type ProcessOutcome = 'parsed' | 'needs_review' | 'failed' | 'skipped';

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
  const progress: Progress = async (stage, page, pageCount) => {
    if (stage === lastStage && page === undefined && pageCount === undefined) return;
    lastStage = stage;
    await setProgress(app.db, documentId, { stage, page: page ?? null, pageCount });
  };
  // Heartbeat: a long OCR page still shows the document alive (stale detection in server/jobs).
  const heartbeat = setInterval(() => {
    touchProcessing(app.db, documentId).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let outcome: ProcessOutcome;
  try {
    const reading = await readDocument({
      db: app.db,
      doc,
      files: deps.files,
      ocr: deps.ocr,
      signal: deps.signal,
      progress,
      maxPages: app.config.MAX_PAGES,
      registries: () => loadRegistries(app.db),
    });
    deps.signal.throwIfAborted();
    await progress('store');
    await storeDocumentResult(app.db, doc, {
      extraction: reading.extraction,
      effective: reading.effective,
      reviewFields: reading.reviewFields,
      pageCount: reading.inspected.pages,
      processingMs: Date.now() - startedAt,
    });
    outcome = reading.reviewFields.length ? 'needs_review' : 'parsed';
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
  await progress('verify_rules');
  await verifyDocument(app, documentId);
  app.logger.info({ documentId, outcome, ms: Date.now() - startedAt }, 'document processed');
  return outcome;
}

/**
 * verify_rules: the document's reports matched to the school's contract lines, then every line it
 * touches re-verified. The document itself is stored; a failure here is logged and recomputed on the
 * next change.
 */
async function verifyDocument(app: AppContext, documentId: string): Promise<void> {
  try {
    const { changedLineIds } = await matchDocumentToLines(app, documentId);
    await recomputeForDocument(app, documentId, { lineIds: changedLineIds });
  } catch (e) {
    app.logger.error({ err: e, documentId }, 'verification recompute failed');
  }
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
