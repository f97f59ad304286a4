/**
 * The 成果统计表 cells market supervision types (campaign_statistics_entries), one row per
 * district × campaign period.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { campaignStatisticsEntries, users } from './schema';

export type CampaignEntryRow = typeof campaignStatisticsEntries.$inferSelect;

export interface CampaignEntryView extends CampaignEntryRow {
  /** display name of the user who saved last */
  updatedByName: string | null;
}

export interface CampaignPeriodKey {
  districtId: string;
  periodStart: string;
  periodEnd: string;
}

const samePeriod = (k: CampaignPeriodKey) =>
  and(
    eq(campaignStatisticsEntries.districtId, k.districtId),
    eq(campaignStatisticsEntries.periodStart, k.periodStart),
    eq(campaignStatisticsEntries.periodEnd, k.periodEnd),
  );

/** The entry of exactly this period, if saved. `forUpdate` locks it inside the caller's transaction. */
export async function findCampaignEntry(
  db: Db | Tx,
  k: CampaignPeriodKey,
  opts: { forUpdate?: boolean } = {},
): Promise<CampaignEntryView | undefined> {
  const q = db
    .select({ e: campaignStatisticsEntries, updatedByName: users.displayName })
    .from(campaignStatisticsEntries)
    .leftJoin(users, eq(campaignStatisticsEntries.updatedBy, users.id))
    .where(samePeriod(k));
  const [row] = opts.forUpdate ? await q.for('update', { of: campaignStatisticsEntries }) : await q;
  return row ? { ...row.e, updatedByName: row.updatedByName } : undefined;
}

/** Saves the period's cells (insert, or replace the saved ones), stamping who and when. */
export async function upsertCampaignEntry(
  tx: Db | Tx,
  e: CampaignPeriodKey & { reportingUnit: string; cells: Record<string, number>; updatedBy: string },
): Promise<CampaignEntryRow> {
  const now = new Date();
  const [row] = await tx
    .insert(campaignStatisticsEntries)
    .values({ ...e, updatedAt: now })
    .onConflictDoUpdate({
      target: [
        campaignStatisticsEntries.districtId,
        campaignStatisticsEntries.periodStart,
        campaignStatisticsEntries.periodEnd,
      ],
      set: { reportingUnit: e.reportingUnit, cells: e.cells, updatedBy: e.updatedBy, updatedAt: now },
    })
    .returning();
  return row!;
}
