/**
 * School staff say by hand which test reports they handed in for a contract line (送检报告关联).
 * The line's school-handed links become exactly the given documents; recorded in the audit log;
 * verification is recomputed for the contract and the reports whose links changed.
 */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { recomputeVerificationFor } from '../../pipeline/verification-hook';
import { findDocument } from '../../../models/document.repository';
import { findLine } from '../../../models/contract-query.repository';
import { replaceSchoolLinks } from '../../../models/line-report.repository';
import { recordAudit } from '../../../models/audit.repository';

export async function linkLineReports(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  documentIds: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const line = await findLine(ctx.db, lineId);
  authorize(user, 'document.link', {
    districtId: line?.districtId ?? null,
    schoolId: line?.schoolId ?? null,
  });
  if (!line) throw notFound('合同明细行');
  const unique = [...new Set(documentIds)];
  for (const id of unique) {
    const doc = await findDocument(ctx.db, id);
    if (!doc || doc.schoolId !== line.schoolId) throw new AppError('NOT_FOUND', `未找到文档 ${id}`);
    if (doc.kind === 'contract' || (doc.kind === 'unknown' && doc.declaredKind === 'contract')) {
      throw new AppError(
        'VALIDATION_FAILED',
        `文档「${doc.originalName}」是采购合同，只有检验报告可以关联到合同明细行`,
      );
    }
  }
  const change = await ctx.db.transaction(async (tx) => {
    const c = await replaceSchoolLinks(tx, lineId, unique, user.id);
    if (c.added.length || c.removed.length) {
      await recordAudit(tx, {
        userId: user.id,
        action: 'line.reports.set',
        resourceType: 'contract_line',
        resourceId: lineId,
        districtId: line.districtId,
        details: { contractId: line.contractId, added: c.added, removed: c.removed },
      });
    }
    return c;
  });
  const touched = [
    ...(line.contractDocumentId ? [line.contractDocumentId] : []),
    ...change.added,
    ...change.removed,
  ];
  for (const id of touched) {
    try {
      await recomputeVerificationFor(ctx, id, { lineIds: [lineId] });
    } catch (e) {
      ctx.logger.error({ err: e, documentId: id }, 'verification recompute after linking failed');
    }
  }
  return change;
}
