/**
 * What a process that runs no background services does with work for them: nothing is lost, because the
 * database is the source of truth for both.
 *  - Documents stay `queued` in the documents table; the job service, when it starts (in this process or
 *    in any `npm run worker` sharing the database), sends every queued document (document-jobs.ts resume).
 *  - Sent lists leave `webhook_deliveries` rows due now; the delivery service runs them when it starts.
 * Used by `bootstrap({ services: false })` (admin CLI, tests that drive processing themselves) and after
 * the services stop at shutdown. A process meant to process documents starts the real services.
 */
import type { DocumentQueue, Services, WebhookDeliveryHandle } from './context';
import type { Logger } from './logger';

export function deferredServices(logger: Logger): Services {
  return { documentJobs: deferredDocumentQueue(logger), webhooks: deferredWebhookDelivery() };
}

function deferredDocumentQueue(logger: Logger): DocumentQueue {
  return {
    concurrency: 0,
    enqueue(documentId, opts) {
      logger.info(
        { documentId, reason: opts?.reason ?? 'upload' },
        'document left queued: no job service in this process (sent when one starts)',
      );
      return Promise.resolve();
    },
    // Jobs live in the queue's own tables, which only the job service opens; none are run from here.
    unfinished: () => Promise.resolve(0),
    stop: () => Promise.resolve(),
  };
}

function deferredWebhookDelivery(): WebhookDeliveryHandle {
  return {
    // Due deliveries stay in webhook_deliveries until a delivery service runs them.
    kick: () => undefined,
    runOnce: () =>
      Promise.reject(
        new Error('webhook delivery service is not running in this process (bootstrap services: false)'),
      ),
    stop: () => Promise.resolve(),
  };
}
