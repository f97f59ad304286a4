/**
 * Market supervision records an official sampling result for a supplier of its district, of one
 * kind (抽查类别): 监督抽查 or 风险监测 (counted in its own group of the 成果统计表). The bureau is notified; a result with failed batches raises the supplier on the next
 * list (see build-sampling-list.ts).
 */
import type { AppContext } from '../../context';
import type { Principal } from '../../policies/policy';
import { notFound } from '../../errors';
import { findSupplier, supplierDistrictIds } from '../../../models/compliance.repository';
import {
  findSamplingList,
  insertSamplingResult,
  listSamplingResults,
  type SamplingResultRow,
  type SamplingResultView,
} from '../../../models/sampling.repository';
import { districtFilter, districtFor } from '../../sampling/district-scope';
import { insertNotification } from '../../../models/notification.repository';
import { recordAudit } from '../../../models/audit.repository';
import type { SamplingListSnapshot } from '../../sampling/sampling-list.types';
import { SAMPLING_KINDS, type SamplingKind } from '../../vocabulary';

export interface SamplingResultInput {
  supplierId: string;
  listId?: string | null;
  /** 抽查类别; 监督抽查 when not given */
  kind?: SamplingKind;
  sampledBatches: number;
  failedBatches: number;
  failingItems: string[];
  reportNumbers: string[];
  sampledOn?: string | null;
  note?: string | null;
}

export async function recordSamplingResult(
  ctx: AppContext,
  user: Principal,
  districtId: string,
  input: SamplingResultInput,
): Promise<SamplingResultRow> {
  const supplier = await findSupplier(ctx.db, input.supplierId);
  if (!supplier) throw notFound('供货企业');
  let onList = false;
  if (input.listId) {
    const list = await findSamplingList(ctx.db, input.listId);
    if (!list || list.districtId !== districtId) throw notFound('名单');
    onList = (list.snapshot as SamplingListSnapshot).entries.some(
      (e) => e.supplierId === supplier.id || e.supplier === supplier.name,
    );
  }
  // Only suppliers that delivered to this district (or were put on its list) can be recorded here.
  if (!onList && !(await supplierDistrictIds(ctx.db, supplier)).includes(districtId)) {
    throw notFound('供货企业');
  }
  const kind = input.kind ?? 'supervision';
  const kindLabel = SAMPLING_KINDS[kind];
  return ctx.db.transaction(async (tx) => {
    const row = await insertSamplingResult(tx, {
      districtId,
      supplierId: supplier.id,
      listId: input.listId ?? null,
      kind,
      sampledBatches: input.sampledBatches,
      failedBatches: input.failedBatches,
      failingItems: input.failingItems,
      reportNumbers: input.reportNumbers,
      sampledOn: input.sampledOn ?? null,
      note: input.note ?? null,
      recordedBy: user.id,
    });
    await insertNotification(tx, {
      districtId,
      recipientRole: 'bureau',
      kind: 'sampling_result.recorded',
      title:
        input.failedBatches > 0
          ? `${kindLabel}结果：${supplier.name} 抽查 ${input.sampledBatches} 批次，${input.failedBatches} 批次不合格`
          : `${kindLabel}结果：${supplier.name} 抽查 ${input.sampledBatches} 批次，均合格`,
      payload: { resultId: row.id, supplierId: supplier.id, failedBatches: input.failedBatches },
    });
    await recordAudit(tx, {
      userId: user.id,
      action: 'samplingResult.record',
      resourceType: 'sampling_result',
      resourceId: row.id,
      districtId,
      details: {
        supplierId: supplier.id,
        kind,
        sampledBatches: input.sampledBatches,
        failedBatches: input.failedBatches,
      },
    });
    return row;
  });
}

/** Records a result for the regulator's own district and returns it as the list shows it (with the supplier). */
export async function recordOwnDistrictResult(
  ctx: AppContext,
  user: Principal,
  input: SamplingResultInput,
): Promise<SamplingResultView> {
  const district = await districtFor(ctx, user, 'samplingResult.record', undefined);
  const row = await recordSamplingResult(ctx, user, district.id, input);
  const views = await listSamplingResults(ctx.db, { districtId: district.id, supplierId: row.supplierId });
  return (
    views.find((v) => v.id === row.id) ?? {
      ...row,
      supplierName: '',
      supplierUscc: null,
      supplierAliases: [],
    }
  );
}

/** Results recorded in the user's scope, optionally for one supplier. */
export async function samplingResultsFor(
  ctx: AppContext,
  user: Principal,
  q: { districtId?: string; supplierId?: string },
): Promise<SamplingResultView[]> {
  const districtId = await districtFilter(ctx, user, 'samplingResult.read', q.districtId);
  return listSamplingResults(ctx.db, { districtId, supplierId: q.supplierId });
}
