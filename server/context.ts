/**
 * Everything a request handler or job needs, built once at start (server/main.ts) or per test.
 * This module imports only types that import nothing back (configuration, database, logger): the
 * services are described here by what callers use of them, and implemented in their own folders.
 */
import type { Config } from './config';
import type { Database, Db } from '../models/db';
import type { Logger } from './logger';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  /**
   * Background services (server/services.ts). A process that does not start them gets the deferred ones
   * (server/deferred-services.ts): work waits in the database for a process that runs them.
   */
  services: Services;
}

/** A background service: started in order at start-up, stopped in reverse (server/services.ts). */
export interface Service {
  name: string;
  start(ctx: AppContext): Promise<void>;
  stop(ctx: AppContext): Promise<void>;
}

/** Persistent document processing jobs (server/jobs/document-jobs.ts). */
export interface DocumentQueue {
  /** Documents processed at once by this process. */
  readonly concurrency: number;
  /** Sends a document to processing. Safe to call twice (one waiting job per document). */
  enqueue(
    documentId: string,
    opts?: { pages?: number | null; reason?: 'upload' | 'resume' | 'reprocess' },
  ): Promise<void>;
  /** Processing jobs not finished yet (waiting, running or to be retried), in every process. */
  unfinished(): Promise<number>;
  stop(): Promise<void>;
}

/** Delivery of sent sampling lists to webhooks / e-mail (server/delivery). */
export interface WebhookDeliveryHandle {
  /** Runs a delivery round soon (does not wait for it). */
  kick(): void;
  /** Runs rounds until nothing is due now; resolves with the number of attempts made. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export interface Services {
  webhooks: WebhookDeliveryHandle;
  documentJobs: DocumentQueue;
}
