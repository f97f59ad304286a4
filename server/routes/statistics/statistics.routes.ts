/** Campaign statistics (成果统计表) of a district, as JSON or as an XLSX in the table's layout. */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { districtFor, sendDownload } from '../../sampling/district-scope';
import { campaignStatistics } from '../../use-cases/compliance/campaign-statistics';
import { statisticsXlsx } from '../../sampling/statistics.export';
import { CONTENT_TYPES } from '../../sampling/sampling-list.export';

const StatisticsQuery = z.object({
  districtId: z.uuid({ error: '无效的区县编号' }).optional(),
  format: z.enum(['json', 'xlsx'], { error: '格式只能是 json 或 xlsx' }).default('json'),
});

export const statisticsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/statistics',
    summary: '成果统计表（学校、合同、双送检覆盖率、问题分类、监督抽查企业数/批次数/不合格批次数）',
    tag: '统计',
    access: 'user',
    query: StatisticsQuery,
    produces: ['application/json', CONTENT_TYPES.xlsx],
    handler: async ({ ctx, user, query, res }) => {
      const district = await districtFor(ctx, user, 'statistics.read', query.districtId);
      const stats = await campaignStatistics(ctx.db, district.id);
      if (query.format === 'json') return stats;
      return sendDownload(
        res,
        await statisticsXlsx(stats),
        CONTENT_TYPES.xlsx,
        `成果统计表-${district.name}.xlsx`,
      );
    },
  }),
];
