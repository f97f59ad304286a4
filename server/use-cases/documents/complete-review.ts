/**
 * 核对完成: a person who checked a document against its original says so. Every field still flagged
 * is confirmed as read (a missing required item confirmed absent, a low-confidence value confirmed
 * right, a 采购人 confirmed as the school's), the flags are cleared and not raised again, the document
 * leaves 待人工核对, and who and when is stored and written to the audit log.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import type { Principal } from '../../policies/policy';
import { reviewFieldsFor } from '../../review/review-fields';
import { loadRegistries } from '../registry/registry-versions';
import { listCorrections, markReviewed, type ReviewField } from '../../../models/document.repository';
import { recordAudit } from '../../../models/audit.repository';
import { documentFor } from './document-views';
import { storedExtraction } from '../../../parsers/extraction-schema';

export async function completeReview(
  ctx: AppContext,
  user: Principal,
  documentId: string,
): Promise<{ confirmed: string[] }> {
  const doc = await documentFor(ctx, user, documentId, 'document.correct');
  if (doc.status !== 'parsed' && doc.status !== 'needs_review') {
    throw new AppError('CONFLICT', '文档尚未识别完成（或识别失败），不能核对完成');
  }
  const effective = storedExtraction(doc.effective);
  if (!effective) throw new AppError('CONFLICT', '该文档未能识别出字段，无法核对');
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from documents where id = ${documentId} for update`);
    const flagged = ((doc.reviewFields ?? []) as ReviewField[]).map((f) => f.path);
    const before = Array.isArray(doc.confirmedPaths) ? (doc.confirmedPaths as string[]) : [];
    const confirmedPaths = [...new Set([...before, ...flagged])];
    const corrections = await listCorrections(tx, documentId);
    const reviewFields = await reviewFieldsFor(
      tx,
      { ...doc, confirmedPaths },
      effective,
      corrections.map((c) => c.path),
      await loadRegistries(tx),
    );
    await markReviewed(tx, documentId, { confirmedPaths, reviewFields, userId: user.id });
    await recordAudit(tx, {
      userId: user.id,
      action: 'document.review.complete',
      resourceType: 'document',
      resourceId: documentId,
      districtId: doc.districtId,
      details: { confirmed: flagged },
    });
    return { confirmed: flagged };
  });
}
