/** Registers the document job runner as a background service (server/services.ts). */
import type { Service } from '../context';
import { DocumentJobs } from './document-jobs';
import { getFileStore } from '../storage/file-store.service';
import { deferredServices } from '../deferred-services';

/**
 * At start, tmp upload files whose writing process is gone are removed (file-store.ts sweepTemp);
 * files not named after a process are removed once older than this.
 */
const TMP_MAX_AGE_MS = 60 * 60_000;

export const documentJobsService: Service = {
  name: 'document-jobs',
  async start(ctx) {
    await getFileStore(ctx).sweepTemp(TMP_MAX_AGE_MS);
    const jobs = new DocumentJobs(ctx);
    await jobs.start();
    ctx.services.documentJobs = jobs;
  },
  async stop(ctx) {
    const jobs = ctx.services.documentJobs;
    ctx.services.documentJobs = deferredServices(ctx.logger).documentJobs;
    await jobs.stop();
  },
};
