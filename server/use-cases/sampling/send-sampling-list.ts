/**
 * The bureau sends the current 供货企业名单 to market supervision: the list is stored as the
 * district's next versioned snapshot, the regulators' inbox gets a notification, and one delivery
 * per active webhook/e-mail endpoint is queued. Delivery itself runs in the background service.
 *
 * Sending the same content again (nothing changed since the last version) stores nothing and
 * delivers nothing: the last version is returned with `alreadySent: true`.
 */
import type { AppContext } from '../../context';
import type { Principal } from '../../policies/policy';
import { AppError } from '../../errors';
import {
  insertSamplingList,
  latestSamplingList,
  type SamplingListRow,
} from '../../../models/sampling.repository';
import { queueDeliveries } from '../../../models/webhook.repository';
import { insertNotification } from '../../../models/notification.repository';
import { recordAudit } from '../../../models/audit.repository';
import { buildSamplingList } from './build-sampling-list';
import { districtReadiness, hasUnfinished } from '../../../models/readiness.repository';
import type { SamplingListSnapshot } from '../../sampling/sampling-list.types';
import { listTitle } from '../../sampling/sampling-list.export';

export interface SendResult {
  list: SamplingListRow;
  alreadySent: boolean;
  deliveriesQueued: number;
}

/** JSON with sorted keys: jsonb does not keep key order, so stored and fresh snapshots compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The part of a snapshot that decides whether anything changed (not the generation time). */
function contentOf(s: SamplingListSnapshot): string {
  return canonical({ registryVersion: s.registryVersion, entries: s.entries });
}

export async function sendSamplingList(
  ctx: AppContext,
  user: Principal,
  districtId: string,
  opts: { confirmUnfinished?: boolean } = {},
): Promise<SendResult> {
  const snapshot = await buildSamplingList(ctx.db, districtId);
  if (snapshot.entries.length === 0) throw new AppError('SAMPLING_LIST_EMPTY');
  // A list sent while documents are still read or await review may miss suppliers or list wrong ones.
  const readiness = await districtReadiness(ctx.db, districtId);
  if (hasUnfinished(readiness) && !opts.confirmUnfinished) {
    throw new AppError(
      'SAMPLING_LIST_UNCONFIRMED',
      `区县内还有 ${readiness.documentsInProgress} 份文档正在识别、${readiness.documentsAwaitingReview} 份文档待人工核对，涉及 ${readiness.linesAwaitingReview} 条合同明细行，名单可能不完整。确认仍要发送时请明确确认（confirmUnfinished: true）`,
      readiness,
    );
  }
  const last = await latestSamplingList(ctx.db, districtId);
  if (last && contentOf(last.snapshot as SamplingListSnapshot) === contentOf(snapshot)) {
    return { list: last, alreadySent: true, deliveriesQueued: 0 };
  }
  const result = await ctx.db.transaction(async (tx) => {
    const list = await insertSamplingList(tx, {
      districtId,
      snapshot,
      registryVersion: snapshot.registryVersion,
      sentBy: user.id,
    });
    const stored = list.snapshot as SamplingListSnapshot;
    await insertNotification(tx, {
      districtId,
      recipientRole: 'regulator',
      kind: 'sampling_list.sent',
      title: `收到${listTitle(stored)}，共 ${stored.entries.length} 家企业`,
      payload: {
        listId: list.id,
        version: list.version,
        entries: stored.entries.length,
        top: stored.entries.slice(0, 5).map((e) => ({ rank: e.rank, supplier: e.supplier, risk: e.risk })),
      },
    });
    const deliveriesQueued = await queueDeliveries(tx, districtId, list.id);
    await recordAudit(tx, {
      userId: user.id,
      action: 'samplingList.send',
      resourceType: 'sampling_list',
      resourceId: list.id,
      districtId,
      details: { version: list.version, entries: stored.entries.length, deliveriesQueued, readiness },
    });
    return { list, alreadySent: false, deliveriesQueued };
  });
  ctx.services.webhooks.kick();
  return result;
}
