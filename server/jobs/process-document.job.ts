/**
 * Job definition (STYLE.md G14): `process-document` with a zod payload. Expected outcomes
 * (parsed, needs_review, failed-with-reason, skipped) complete the job; unexpected errors are thrown for
 * pg-boss's retries with backoff, and the last attempt marks the document failed.
 */
import { z } from 'zod';
import type { AppContext } from '../context';
import { findDocument } from '../../models/document.repository';
import {
  markGaveUp,
  processDocument,
  type ProcessDeps,
  type ProcessOutcome,
} from '../use-cases/documents/process-document';

export const PROCESS_DOCUMENT_QUEUE = 'process-document';

export const ProcessDocumentPayload = z.object({
  documentId: z.uuid(),
  /** upload: first run; resume: restarted after a crash or stop; reprocess: run again on purpose. */
  reason: z.enum(['upload', 'resume', 'reprocess']).default('upload'),
});
export type ProcessDocumentPayload = z.infer<typeof ProcessDocumentPayload>;

export interface JobMeta {
  retryCount: number;
  retryLimit: number;
}

export async function handleProcessDocument(
  app: AppContext,
  raw: unknown,
  meta: JobMeta,
  deps: ProcessDeps,
): Promise<ProcessOutcome> {
  const payload = ProcessDocumentPayload.safeParse(raw);
  if (!payload.success) {
    app.logger.error({ raw }, 'process-document: invalid payload, dropped');
    return 'skipped';
  }
  const { documentId, reason } = payload.data;
  const doc = await findDocument(app.db, documentId);
  if (!doc) return 'skipped';
  // A finished document is only run again on purpose: a duplicate or late retry job is a no-op.
  if (reason !== 'reprocess' && doc.status !== 'queued' && doc.status !== 'processing') return 'skipped';
  try {
    return await processDocument(app, documentId, deps);
  } catch (e) {
    if (deps.signal.aborted) throw e;
    if (meta.retryCount >= meta.retryLimit) {
      await markGaveUp(app, documentId, e);
      return 'failed';
    }
    app.logger.warn(
      { err: e, documentId, attempt: meta.retryCount + 1 },
      'document processing error, will retry',
    );
    throw e;
  }
}
