/**
 * Persistent document jobs on pg-boss 10, in both modes, over the app's own connection(s):
 *  - PostgreSQL (DATABASE_URL): the server and any number of `npm run worker` processes (other machines
 *    sharing the database and UPLOAD_DIR) take jobs with SKIP LOCKED. A worker that dies mid-job leaves it
 *    `active`; a periodic sweep (every 30 s) finds documents whose heartbeat (documents.updated_at) is
 *    older than 2 minutes, cancels their active job and re-sends them; pg-boss's own expiry
 *    (expireInSeconds, sized by page count) is the backstop.
 *  - Embedded PGlite: exactly one process owns the database (data-dir lock), so at start every `active`
 *    job is an orphan of a crash: it is cancelled and its document re-sent at once.
 * The documents table is the source of truth: at start every `queued` document (and every orphaned
 * `processing` one) is (re)sent, so a crash between the upload's commit and its send loses nothing.
 */
import PgBoss from 'pg-boss';
import type { AppContext, DocumentQueue } from '../context';
import { listUnfinished, listStaleProcessing } from '../../models/document.repository';
import { createOcrProvider } from '../extract/ocr';
import type { OcrProvider } from '../extract/ocr-provider';
import { getFileStore } from '../storage/file-store.service';
import { bossDb } from './pg-boss-db';
import {
  handleProcessDocument,
  PROCESS_DOCUMENT_QUEUE,
  type ProcessDocumentPayload,
} from './process-document.job';

/**
 * A processing document without a heartbeat for this long is presumed dead (PostgreSQL mode). Running
 * documents bump updated_at at every stage and page and every HEARTBEAT_MS (30 s) in between.
 */
export const STALE_AFTER_MS = 2 * 60_000;
const SWEEP_EVERY_MS = 30_000;

export interface DocumentJobsOptions {
  /** Documents processed at once by this process (default: OCR workers, 1–4). */
  concurrency?: number;
  /** Poll interval for new jobs (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
}

export class DocumentJobs implements DocumentQueue {
  private boss?: PgBoss;
  private ocrProvider?: OcrProvider;
  private abort = new AbortController();
  private sweepTimer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<unknown>>();
  private workerIds: string[] = [];

  constructor(
    private readonly app: AppContext,
    private readonly opts: DocumentJobsOptions = {},
  ) {}

  get concurrency(): number {
    return this.opts.concurrency ?? Math.max(1, Math.min(4, this.app.config.OCR_WORKERS));
  }

  async start(): Promise<void> {
    const { app } = this;
    const boss = new PgBoss({
      db: bossDb(app.database),
      schema: 'pgboss',
      migrate: true,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: 60,
    });
    boss.on('error', (err: unknown) => app.logger.error({ err }, 'pg-boss error'));
    await boss.start();
    this.boss = boss;
    if (!(await boss.getQueue(PROCESS_DOCUMENT_QUEUE))) {
      try {
        await boss.createQueue(PROCESS_DOCUMENT_QUEUE, {
          name: PROCESS_DOCUMENT_QUEUE,
          // stately: at most one waiting and one running job per document (singletonKey = document id)
          policy: 'stately',
          retryLimit: 4,
          retryDelay: 5,
          retryBackoff: true,
          expireInSeconds: 15 * 60,
        });
      } catch (e) {
        if (!(await boss.getQueue(PROCESS_DOCUMENT_QUEUE))) throw e; // else another process created it
      }
    }
    if (app.database.driver === 'pglite') await this.cancelOrphans();
    for (let i = 0; i < this.concurrency; i++) {
      const workerId = await boss.work<ProcessDocumentPayload>(
        PROCESS_DOCUMENT_QUEUE,
        {
          batchSize: 1,
          pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1,
          includeMetadata: true,
        },
        async ([job]) => {
          if (!job) return;
          const run = handleProcessDocument(
            app,
            job.data,
            { retryCount: job.retryCount, retryLimit: job.retryLimit },
            { files: getFileStore(app), ocr: () => this.ocr(), signal: this.abort.signal },
          );
          this.inFlight.add(run);
          try {
            return await run;
          } finally {
            this.inFlight.delete(run);
          }
        },
      );
      this.workerIds.push(workerId);
    }
    await this.resume(app.database.driver === 'pglite' ? undefined : new Date(Date.now() - STALE_AFTER_MS));
    this.sweepTimer = setInterval(() => {
      this.sweep().catch((err: unknown) => app.logger.error({ err }, 'document sweep failed'));
    }, SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  /** Sends a document to processing. Safe to call twice (one waiting job per document). */
  async enqueue(
    documentId: string,
    opts: { pages?: number | null; reason?: ProcessDocumentPayload['reason'] } = {},
  ) {
    // Once started, this runner is the process's queue until it stops (the service then puts the deferred
    // queue back): a call outside that is a wiring error, not a document to drop.
    if (!this.boss) throw new Error(`document job runner is not started: cannot send document ${documentId}`);
    const pages = opts.pages ?? 1;
    await this.boss.send(
      PROCESS_DOCUMENT_QUEUE,
      { documentId, reason: opts.reason ?? 'upload' },
      { singletonKey: documentId, expireInSeconds: Math.min(6 * 3600, 600 + pages * 60) },
    );
    // Wake this process's workers now instead of at their next poll (others still poll).
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** Processing jobs not finished yet (waiting, running or to be retried), in every process. */
  async unfinished(): Promise<number> {
    if (!this.boss) throw new Error('document job runner is not started');
    return this.boss.getQueueSize(PROCESS_DOCUMENT_QUEUE, { before: 'completed' });
  }

  /**
   * Stops taking jobs. Running documents are aborted between pages (they stay `processing` and are
   * resumed at the next start); OCR workers are terminated.
   */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.abort.abort(new Error('job runner stopping'));
    await Promise.allSettled([...this.inFlight]);
    await this.boss?.stop({ graceful: true, close: false, timeout: 5000, wait: true });
    this.boss = undefined;
    this.workerIds = [];
    await this.ocrProvider?.close().catch(() => undefined);
    this.ocrProvider = undefined;
    this.abort = new AbortController();
  }

  private ocr(): OcrProvider {
    this.ocrProvider ??= createOcrProvider();
    return this.ocrProvider;
  }

  /** Embedded mode: `active` jobs at start were left by a crashed process; cancel them (their documents are re-sent). */
  private async cancelOrphans(): Promise<void> {
    const { rows } = await this.app.database.query<{ id: string }>(
      `select id from pgboss.job where name = $1 and state = 'active'`,
      [PROCESS_DOCUMENT_QUEUE],
    );
    if (rows.length === 0) return;
    await this.boss!.cancel(
      PROCESS_DOCUMENT_QUEUE,
      rows.map((r) => r.id),
    );
    this.app.logger.warn({ jobs: rows.length }, 'cancelled orphaned document jobs left by a crash');
  }

  /**
   * Cancels the `active` jobs of documents presumed dead (no heartbeat), so that the re-sent job can run:
   * the queue allows one active job per document. A late completion of a cancelled job is ignored.
   */
  private async cancelActiveFor(documentIds: string[]): Promise<void> {
    if (documentIds.length === 0) return;
    const { rows } = await this.app.database.query<{ id: string }>(
      `select id from pgboss.job where name = $1 and state = 'active' and singleton_key = any($2::text[])`,
      [PROCESS_DOCUMENT_QUEUE, documentIds],
    );
    if (rows.length) {
      await this.boss!.cancel(
        PROCESS_DOCUMENT_QUEUE,
        rows.map((r) => r.id),
      );
    }
  }

  /** (Re)sends queued documents and processing ones without progress since `staleBefore` (all when omitted). */
  private async resume(staleBefore?: Date): Promise<void> {
    const docs = await listUnfinished(this.app.db, staleBefore);
    await this.cancelActiveFor(docs.filter((d) => d.status === 'processing').map((d) => d.id));
    for (const d of docs) await this.enqueue(d.id, { reason: 'resume' });
    if (docs.length) this.app.logger.info({ documents: docs.length }, 'resumed unfinished documents');
  }

  private async sweep(): Promise<void> {
    const before = new Date(Date.now() - STALE_AFTER_MS);
    const stale = await listStaleProcessing(this.app.db, before);
    await this.cancelActiveFor(stale);
    for (const id of stale) await this.enqueue(id, { reason: 'resume' });
    if (stale.length) this.app.logger.warn({ documents: stale.length }, 're-sent stale processing documents');
  }
}
