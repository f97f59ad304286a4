/**
 * Background services started with the app (job queue and OCR workers, webhook deliveries, …).
 * Each feature registers a { name, start, stop } here; they start in order and stop in reverse.
 */
import type { AppContext, Service } from './context';
import { documentJobsService } from './jobs/document-jobs.service';
import { webhookDeliveryService } from './delivery/webhook-delivery.service';

export type { Service };

const SERVICES: Service[] = [webhookDeliveryService, documentJobsService];

export async function startServices(ctx: AppContext): Promise<void> {
  for (const s of SERVICES) {
    await s.start(ctx);
    ctx.logger.debug({ service: s.name }, 'service started');
  }
}

export async function stopServices(ctx: AppContext): Promise<void> {
  for (const s of [...SERVICES].reverse()) {
    try {
      await s.stop(ctx);
    } catch (e) {
      ctx.logger.error({ err: e, service: s.name }, 'service failed to stop');
    }
  }
}
