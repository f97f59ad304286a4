/** Everything a request handler or job needs, built once at start (server/main.ts) or per test. */
import type { Config } from './config';
import type { Database, Db } from '../models/db';
import type { Logger } from './logger';
import type { DocumentJobs } from './jobs/document-jobs';
import type { FileStore } from './storage/file-store';
import type { WebhookDeliveryHandle } from './delivery/webhook-delivery.service';
import type { ReadCache } from './http/read-cache';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  /** Services registered by features at start-up (storage, job queue, OCR, mailer, …). */
  services: Partial<Services>;
}

/**
 * Feature services. Each feature adds its own entry here (optional, so the foundation runs
 * without it) and registers it in server/bootstrap.ts.
 */
export interface Services {
  /** Delivery of sent sampling lists to webhooks / e-mail (server/delivery). */
  webhooks: WebhookDeliveryHandle;
  /** Uploaded files under UPLOAD_DIR (server/storage). */
  fileStore: FileStore;
  /** Persistent document processing jobs (server/jobs). */
  documentJobs: DocumentJobs;
  /** Read pages served from memory until the database changes (server/http/read-cache.ts). */
  readCache: ReadCache;
}
