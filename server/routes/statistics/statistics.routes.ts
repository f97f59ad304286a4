/**
 * Campaign statistics (成果统计表) of a district for a campaign period, as JSON or as an XLSX in the
 * attachment's layout; market supervision types the cells the service cannot count.
 */
import { z } from 'zod';
import { chineseDate } from '../../http/chinese-date';
import { defineRoute, type AnyRoute } from '../../http/route';
import { districtFor, sendDownload } from '../../sampling/district-scope';
import { campaignStatistics } from '../../use-cases/compliance/campaign-statistics';
import { saveCampaignStatistics } from '../../use-cases/compliance/save-campaign-statistics';
import { statisticsXlsx } from '../../sampling/statistics.export';
import { CONTENT_TYPES } from '../../sampling/sampling-list.export';
import { MAX_CELL, TYPED_COLUMNS } from '../../sampling/statistics.layout';
import { periodText, type CampaignPeriod } from '../../sampling/campaign-period';

const TAG = '统计';

/** 起止日期: both or neither (neither: the current year); the end not before the start. */
function checkPeriod(q: { periodStart?: string; periodEnd?: string }, ctx: z.RefinementCtx): void {
  if (!q.periodStart !== !q.periodEnd) {
    ctx.addIssue({ code: 'custom', message: '请同时填写统计开始日期和结束日期', path: ['periodEnd'] });
  } else if (q.periodStart && q.periodEnd && q.periodEnd < q.periodStart) {
    ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['periodEnd'] });
  }
}

const periodOf = (q: { periodStart?: string; periodEnd?: string }): CampaignPeriod | undefined =>
  q.periodStart && q.periodEnd ? { start: q.periodStart, end: q.periodEnd } : undefined;

const StatisticsQuery = z
  .object({
    districtId: z.uuid({ error: '无效的区县编号' }).optional(),
    format: z.enum(['json', 'xlsx'], { error: '格式只能是 json 或 xlsx' }).default('json'),
    periodStart: chineseDate('统计开始日期').optional(),
    periodEnd: chineseDate('统计结束日期').optional(),
  })
  .superRefine(checkPeriod);

/** One typed cell: blank (null), a non-negative integer, or for 万元 amounts up to 4 decimals (the yuan). */
function cellSchema(unit: string) {
  const n = z.number({ error: '须为数字' }).min(0, '不能为负数').max(MAX_CELL, `不能大于 ${MAX_CELL}`);
  const checked =
    unit === 'amount'
      ? n.refine(
          (v) => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6,
          '金额最多保留 4 位小数（万元精确到元）',
        )
      : n.int('须为整数');
  return checked.nullable().optional();
}

const Cells = z.strictObject(Object.fromEntries(TYPED_COLUMNS.map((c) => [c.key, cellSchema(c.unit)])), {
  error: '成果统计表须为对象，且只能包含可填写的统计项',
});

const SaveCells = z
  .object({
    districtId: z.uuid({ error: '无效的区县编号' }).optional(),
    reportingUnit: z
      .string({ error: '填报单位须为文本' })
      .trim()
      .min(1, '请填写填报单位')
      .max(100, '填报单位过长'),
    periodStart: chineseDate('统计开始日期'),
    periodEnd: chineseDate('统计结束日期'),
    cells: Cells,
  })
  .superRefine(checkPeriod);

export const statisticsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/statistics',
    summary:
      '成果统计表（起止日期内：监督抽查、风险监测由抽查结果统计，其余分组为市场监管部门填报；另含学校、合同、双送检覆盖率、问题分类）',
    tag: TAG,
    access: 'user',
    query: StatisticsQuery,
    produces: ['application/json', CONTENT_TYPES.xlsx],
    handler: async ({ ctx, user, query, res }) => {
      const district = await districtFor(ctx, user, 'statistics.read', query.districtId);
      const stats = await campaignStatistics(ctx.db, district.id, { period: periodOf(query) });
      if (query.format === 'json') return stats;
      return sendDownload(
        res,
        await statisticsXlsx(stats),
        CONTENT_TYPES.xlsx,
        `成果统计表-${district.name}-${periodText(stats.campaign.period)}.xlsx`,
      );
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/statistics/cells',
    summary:
      '填报成果统计表（市场监管部门：本区县某一统计期间的填报单位及监督检查、执法办案、打击查处、行政指导和约谈、帮扶和宣传、行业自律各项数值）',
    tag: TAG,
    access: 'user',
    body: SaveCells,
    handler: async ({ ctx, user, body }) => {
      const district = await districtFor(ctx, user, 'statistics.enter', body.districtId);
      const period = { start: body.periodStart, end: body.periodEnd };
      await saveCampaignStatistics(ctx, user, district.id, {
        period,
        reportingUnit: body.reportingUnit,
        cells: body.cells,
      });
      return campaignStatistics(ctx.db, district.id, { period });
    },
  }),
];
