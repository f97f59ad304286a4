/**
 * The 供货企业名单 as its readers use it: the bureau's preview (with how ready the district's documents
 * are), the sent versions, one sent list with its deliveries, and market supervision's acknowledgement
 * (audited in the same transaction).
 */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import {
  acknowledgeSamplingList,
  findSamplingList,
  listSamplingLists,
  type SamplingListRow,
} from '../../../models/sampling.repository';
import { listDeliveries } from '../../../models/webhook.repository';
import { recordAudit } from '../../../models/audit.repository';
import { districtReadiness } from '../../../models/readiness.repository';
import { districtFilter, districtFor } from '../../sampling/district-scope';
import { buildSamplingList } from './build-sampling-list';

/** The list as it would be sent now (not stored), and how many documents are still unfinished. */
export async function previewSamplingList(ctx: AppContext, user: Principal, districtId: string | undefined) {
  const district = await districtFor(ctx, user, 'samplingList.preview', districtId);
  const preview = await buildSamplingList(ctx.db, district.id);
  return { preview, readiness: () => districtReadiness(ctx.db, district.id) };
}

/** The sent versions in the user's scope, newest first. */
export async function sentSamplingLists(ctx: AppContext, user: Principal, districtId: string | undefined) {
  const scoped = await districtFilter(ctx, user, 'samplingList.read', districtId);
  return listSamplingLists(ctx.db, { districtId: scoped });
}

/** A stored list the user may read (or acknowledge), or NOT_FOUND. */
export async function readableSamplingList(
  ctx: AppContext,
  user: Principal,
  id: string,
  action: 'samplingList.read' | 'samplingList.acknowledge' = 'samplingList.read',
): Promise<SamplingListRow> {
  const list = await findSamplingList(ctx.db, id);
  authorize(user, action, { districtId: list?.districtId ?? null });
  if (!list) throw notFound('名单');
  return list;
}

/** One sent list with the state of its deliveries (webhooks, e-mail). */
export async function sentSamplingList(ctx: AppContext, user: Principal, id: string) {
  const list = await readableSamplingList(ctx, user, id);
  return { list, deliveries: await listDeliveries(ctx.db, { listId: list.id }) };
}

/** 确认接收: market supervision acknowledges a list once; the acknowledgement and its audit row together. */
export async function acknowledgeList(
  ctx: AppContext,
  user: Principal,
  id: string,
): Promise<SamplingListRow> {
  const list = await readableSamplingList(ctx, user, id, 'samplingList.acknowledge');
  return ctx.db.transaction(async (tx) => {
    const row = await acknowledgeSamplingList(tx, list.id, user.id);
    if (!row) throw new AppError('ALREADY_ACKNOWLEDGED');
    await recordAudit(tx, {
      userId: user.id,
      action: 'samplingList.acknowledge',
      resourceType: 'sampling_list',
      resourceId: list.id,
      districtId: list.districtId,
    });
    return row;
  });
}
