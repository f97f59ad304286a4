/**
 * Runs a document through the pipeline again (after a failure such as OCR being unavailable, or after
 * the parsers improved). People's corrections are kept and applied to the new extraction.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import type { Principal } from '../../policies/policy';
import { documents } from '../../../models/schema';
import { documentFor } from './document-views';

export async function reprocessDocument(ctx: AppContext, user: Principal, documentId: string): Promise<void> {
  const doc = await documentFor(ctx, user, documentId, 'document.correct');
  const updated = await ctx.db
    .update(documents)
    .set({
      status: 'queued',
      stage: 'queued',
      page: null,
      failureCode: null,
      failureReason: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(documents.id, doc.id), notInArray(documents.status, ['queued', 'processing'])))
    .returning({ id: documents.id });
  if (updated.length === 0) throw new AppError('CONFLICT', '文档正在排队或处理中，无需重新识别');
  await ctx.services.documentJobs.enqueue(doc.id, { pages: doc.pageCount, reason: 'reprocess' });
}
