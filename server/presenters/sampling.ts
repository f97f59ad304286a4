/** Sent supplier lists and recorded sampling results as the pages and the API show them. */
import type {
  SamplingListRow,
  SamplingListSummaryRow,
  SamplingResultView,
} from '../../models/sampling.repository';
import type { WebhookDeliveryRow } from '../../models/webhook.repository';
import type { SamplingListSnapshot } from '../sampling/sampling-list.types';
import { SAMPLING_KINDS } from '../vocabulary';

export function presentListSummary(l: SamplingListRow) {
  const s = l.snapshot as SamplingListSnapshot;
  return {
    id: l.id,
    districtId: l.districtId,
    version: l.version,
    registryVersion: l.registryVersion,
    sentAt: l.sentAt.toISOString(),
    sentBy: l.sentBy,
    acknowledgedAt: l.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: l.acknowledgedBy,
    entryCount: s.entries.length,
  };
}

/** A row of the sent-lists history (listSamplingLists: with the sender's name and the entry count). */
export function presentListHistoryRow(r: SamplingListSummaryRow) {
  return {
    id: r.id,
    districtId: r.districtId,
    version: r.version,
    registryVersion: r.registryVersion,
    sentAt: r.sentAt.toISOString(),
    sentBy: r.sentBy,
    sentByName: r.sentByName,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    entryCount: r.entryCount,
  };
}

/** A sent list with its full snapshot and each delivery's state. */
export function presentSentList(list: SamplingListRow, deliveries: WebhookDeliveryRow[]) {
  return {
    ...presentListSummary(list),
    snapshot: list.snapshot as SamplingListSnapshot,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      endpointId: d.endpointId,
      status: d.status,
      attempts: d.attempts,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
    })),
  };
}

export function presentSamplingResult(r: SamplingResultView) {
  return {
    id: r.id,
    districtId: r.districtId,
    supplierId: r.supplierId,
    supplierName: r.supplierName,
    supplierUscc: r.supplierUscc,
    listId: r.listId,
    kind: r.kind,
    kindLabel: SAMPLING_KINDS[r.kind],
    sampledBatches: r.sampledBatches,
    failedBatches: r.failedBatches,
    failingItems: r.failingItems,
    reportNumbers: r.reportNumbers,
    sampledOn: r.sampledOn,
    note: r.note,
    recordedBy: r.recordedBy,
    recordedAt: r.createdAt.toISOString(),
  };
}
