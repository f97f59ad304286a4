/**
 * School staff record the day the goods of a contract line were accepted (验收/到货日期). The school-side
 * report window counts from it (falling back to the contract's delivery date); the change is audited
 * and the line re-verified.
 */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { recomputeForDocument } from '../verification/recompute';
import { findLine } from '../../../models/contract-query.repository';
import { setLineAcceptedDate } from '../../../models/contract.repository';
import { recordAudit } from '../../../models/audit.repository';

export async function setAcceptedDate(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  acceptedDate: string | null,
): Promise<{ id: string; acceptedDate: string | null }> {
  const line = await findLine(ctx.db, lineId);
  authorize(user, 'document.link', {
    districtId: line?.districtId ?? null,
    schoolId: line?.schoolId ?? null,
  });
  if (!line) throw notFound('合同明细行');
  const before = await ctx.db.transaction(async (tx) => {
    const previous = await setLineAcceptedDate(tx, { lineId, acceptedDate, userId: user.id });
    await recordAudit(tx, {
      userId: user.id,
      action: 'line.accepted_date.set',
      resourceType: 'contract_line',
      resourceId: lineId,
      districtId: line.districtId,
      details: { contractId: line.contractId, before: previous, after: acceptedDate },
    });
    return previous;
  });
  if (before !== acceptedDate && line.contractDocumentId) {
    try {
      await recomputeForDocument(ctx, line.contractDocumentId, { lineIds: [lineId] });
    } catch (e) {
      ctx.logger.error({ err: e, lineId }, 'verification recompute after the acceptance date failed');
    }
  }
  return { id: lineId, acceptedDate };
}
