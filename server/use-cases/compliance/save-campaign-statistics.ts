/**
 * Market supervision types the 成果统计表 cells the service cannot count (监督检查, 执法办案, 打击查处,
 * 行政指导和约谈, 帮扶和宣传, 行业自律) for its district and a campaign period, with its 填报单位. The
 * period's cells are replaced as a whole (a blank cell is not stored); who and when are stamped on the
 * row and the change (before → after) is audited in the same transaction.
 */
import type { AppContext } from '../../context';
import type { Principal } from '../../policies/policy';
import { AppError } from '../../errors';
import { findCampaignEntry, upsertCampaignEntry } from '../../../models/campaign-statistics.repository';
import { recordAudit } from '../../../models/audit.repository';
import type { CampaignPeriod } from '../../sampling/campaign-period';
import { MAX_CELL, TYPED_COLUMNS, type TypedCellKey } from '../../sampling/statistics.layout';

export interface CampaignCellsInput {
  period: CampaignPeriod;
  /** 填报单位 */
  reportingUnit: string;
  cells: Partial<Record<TypedCellKey, number | null>>;
}

/** The cells to store: blanks dropped; anything else must be a typed column's valid value. */
function cellsToStore(cells: CampaignCellsInput['cells']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(cells)) {
    if (v === null || v === undefined) continue;
    const col = TYPED_COLUMNS.find((c) => c.key === key);
    const ok =
      !!col &&
      Number.isFinite(v) &&
      v >= 0 &&
      v <= MAX_CELL &&
      (col.unit === 'amount' ? Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6 : Number.isInteger(v));
    if (!ok) {
      const label = col ? `${col.group}·${col.header}` : key;
      throw new AppError('VALIDATION_FAILED', `提交的数据不符合要求：${label}的数值无效`, [
        { field: `body.cells.${key}`, label, message: '数值无效' },
      ]);
    }
    out[key] = v;
  }
  return out;
}

export async function saveCampaignStatistics(
  ctx: AppContext,
  user: Principal,
  districtId: string,
  input: CampaignCellsInput,
): Promise<void> {
  if (input.period.end < input.period.start) {
    throw new AppError('VALIDATION_FAILED', '提交的数据不符合要求：结束日期不能早于开始日期', [
      { field: 'body.periodEnd', label: '统计结束日期', message: '结束日期不能早于开始日期' },
    ]);
  }
  const cells = cellsToStore(input.cells);
  const key = { districtId, periodStart: input.period.start, periodEnd: input.period.end };
  await ctx.db.transaction(async (tx) => {
    const before = await findCampaignEntry(tx, key, { forUpdate: true });
    const row = await upsertCampaignEntry(tx, {
      ...key,
      reportingUnit: input.reportingUnit,
      cells,
      updatedBy: user.id,
    });
    await recordAudit(tx, {
      userId: user.id,
      action: 'statistics.enter',
      resourceType: 'campaign_statistics',
      resourceId: row.id,
      districtId,
      details: {
        periodStart: key.periodStart,
        periodEnd: key.periodEnd,
        reportingUnit: input.reportingUnit,
        before: before ? before.cells : null,
        after: cells,
      },
    });
  });
}
