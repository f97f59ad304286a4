/**
 * 供货企业名单 snapshots (sampling_lists) and market supervision's results (sampling_results).
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { samplingLists, samplingResults, suppliers, users } from './schema';

export type SamplingListRow = typeof samplingLists.$inferSelect;
export type SamplingResultRow = typeof samplingResults.$inferSelect;

/** The newest list of a district, if any. */
export async function latestSamplingList(
  db: Db | Tx,
  districtId: string,
): Promise<SamplingListRow | undefined> {
  const [row] = await db
    .select()
    .from(samplingLists)
    .where(eq(samplingLists.districtId, districtId))
    .orderBy(desc(samplingLists.version))
    .limit(1);
  return row;
}

/**
 * Stores a snapshot as the district's next version. The version is max + 1 inside the caller's
 * transaction; two concurrent sends collide on the (district, version) unique index → CONFLICT.
 */
export async function insertSamplingList(
  tx: Db | Tx,
  l: { districtId: string; snapshot: unknown; registryVersion: string; sentBy: string | null },
): Promise<SamplingListRow> {
  const [max] = await tx
    .select({ v: sql<number>`coalesce(max(${samplingLists.version}), 0)::int` })
    .from(samplingLists)
    .where(eq(samplingLists.districtId, l.districtId));
  const version = (max?.v ?? 0) + 1;
  const [row] = await tx
    .insert(samplingLists)
    .values({ ...l, version, snapshot: setVersion(l.snapshot, version) })
    .returning();
  return row!;
}

function setVersion(snapshot: unknown, version: number): unknown {
  return snapshot && typeof snapshot === 'object' ? { ...snapshot, version } : snapshot;
}

export async function findSamplingList(db: Db | Tx, id: string): Promise<SamplingListRow | undefined> {
  const [row] = await db.select().from(samplingLists).where(eq(samplingLists.id, id));
  return row;
}

export interface SamplingListSummaryRow {
  id: string;
  districtId: string;
  version: number;
  registryVersion: string;
  sentAt: Date;
  sentBy: string | null;
  sentByName: string | null;
  acknowledgedAt: Date | null;
  entryCount: number;
}

/** The history of a district's lists (or all, for admin), newest first, without the snapshots. */
export async function listSamplingLists(
  db: Db | Tx,
  filter: { districtId?: string },
): Promise<SamplingListSummaryRow[]> {
  return db
    .select({
      id: samplingLists.id,
      districtId: samplingLists.districtId,
      version: samplingLists.version,
      registryVersion: samplingLists.registryVersion,
      sentAt: samplingLists.sentAt,
      sentBy: samplingLists.sentBy,
      sentByName: users.displayName,
      acknowledgedAt: samplingLists.acknowledgedAt,
      entryCount: sql<number>`coalesce(jsonb_array_length(${samplingLists.snapshot}->'entries'), 0)::int`,
    })
    .from(samplingLists)
    .leftJoin(users, eq(samplingLists.sentBy, users.id))
    .where(filter.districtId ? eq(samplingLists.districtId, filter.districtId) : undefined)
    .orderBy(desc(samplingLists.sentAt), desc(samplingLists.version))
    .limit(500);
}

/** Marks a list acknowledged once; returns undefined when it already was. */
export async function acknowledgeSamplingList(
  db: Db | Tx,
  id: string,
  userId: string,
): Promise<SamplingListRow | undefined> {
  const [row] = await db
    .update(samplingLists)
    .set({ acknowledgedBy: userId, acknowledgedAt: new Date() })
    .where(and(eq(samplingLists.id, id), isNull(samplingLists.acknowledgedAt)))
    .returning();
  return row;
}

export async function insertSamplingResult(
  db: Db | Tx,
  r: {
    districtId: string;
    supplierId: string;
    listId: string | null;
    kind: 'supervision' | 'risk_monitoring';
    sampledBatches: number;
    failedBatches: number;
    failingItems: string[];
    reportNumbers: string[];
    sampledOn: string | null;
    note: string | null;
    recordedBy: string | null;
  },
): Promise<SamplingResultRow> {
  const [row] = await db.insert(samplingResults).values(r).returning();
  return row!;
}

export interface SamplingResultView extends SamplingResultRow {
  supplierName: string;
  supplierUscc: string | null;
  /** other names the supplier is registered under (the one supplier identity: USCC, name or alias) */
  supplierAliases: string[];
}

/** Results of a district (or all), optionally of one supplier, newest first. */
export async function listSamplingResults(
  db: Db | Tx,
  filter: { districtId?: string; supplierId?: string },
): Promise<SamplingResultView[]> {
  const conds = [];
  if (filter.districtId) conds.push(eq(samplingResults.districtId, filter.districtId));
  if (filter.supplierId) conds.push(eq(samplingResults.supplierId, filter.supplierId));
  const rows = await db
    .select({
      r: samplingResults,
      supplierName: suppliers.name,
      supplierUscc: suppliers.uscc,
      supplierAliases: suppliers.aliases,
    })
    .from(samplingResults)
    .innerJoin(suppliers, eq(samplingResults.supplierId, suppliers.id))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(samplingResults.createdAt));
  return rows.map((x) => ({
    ...x.r,
    supplierName: x.supplierName,
    supplierUscc: x.supplierUscc,
    supplierAliases: x.supplierAliases,
  }));
}

/** Every stored list of a district (or all), newest first, with its snapshot. */
export async function listSamplingListSnapshots(
  db: Db | Tx,
  filter: { districtId?: string },
): Promise<Pick<SamplingListRow, 'id' | 'districtId' | 'version' | 'sentAt' | 'snapshot'>[]> {
  return db
    .select({
      id: samplingLists.id,
      districtId: samplingLists.districtId,
      version: samplingLists.version,
      sentAt: samplingLists.sentAt,
      snapshot: samplingLists.snapshot,
    })
    .from(samplingLists)
    .where(filter.districtId ? eq(samplingLists.districtId, filter.districtId) : undefined)
    .orderBy(desc(samplingLists.sentAt), desc(samplingLists.version))
    .limit(500);
}
