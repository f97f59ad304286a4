/**
 * Compliance views: the per-school table of a district (bureau), one school's contracts and lines
 * (school staff, bureau), and one line's evidence (drill-down).
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize, scopeOf } from '../../policies/policy';
import { AppError, notFound } from '../../errors';
import { findDistrict, findSchool } from '../../../models/district.repository';
import { districtFor } from '../../sampling/district-scope';
import {
  lineEvidence,
  loadLineSummaries,
  pct,
  schoolComplianceTable,
  schoolContracts,
} from '../../use-cases/compliance/compliance-views';
import { buildPublicNotice } from '../../use-cases/compliance/public-notice';
import { renderPublicNoticePdf } from '../../notice/public-notice-pdf';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const TableQuery = z.object({ districtId: z.uuid({ error: '无效的区县编号' }).optional() });
const TAG = '核验与合规';
const NoticeQuery = z.object({
  format: z.enum(['json', 'pdf'], { error: '格式只能是 json 或 pdf' }).default('json'),
});

export const complianceRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/compliance/schools/:id/public-notice',
    summary:
      '学校双送检结果公示：已核验合格的合同明细（产品、供应商、数量、双方检验机构、报告编号、日期、结论、核验日期）与待核验明细；format=pdf 下载 PDF',
    tag: TAG,
    access: 'user',
    params: IdParams,
    query: NoticeQuery,
    produces: ['application/json', 'application/pdf'],
    handler: async ({ ctx, user, params, query, res }) => {
      const school = await findSchool(ctx.db, params.id);
      authorize(user, 'compliance.read', {
        districtId: school?.districtId ?? null,
        schoolId: school?.id ?? null,
      });
      if (!school) throw notFound('学校');
      const notice = await buildPublicNotice(ctx.db, school.id);
      if (query.format === 'json') return notice;
      const pdf = await renderPublicNoticePdf(notice);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="public-notice.pdf"; filename*=UTF-8''${encodeURIComponent(`${school.name}双送检结果公示.pdf`)}`,
      );
      res.type('application/pdf').send(pdf);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/compliance/schools',
    summary: '各学校双送检合规情况（区县汇总表；学校人员只见本校）',
    tag: TAG,
    access: 'user',
    query: TableQuery,
    handler: async ({ ctx, user, query }) => {
      const scope = scopeOf(user, 'compliance.read');
      if (!scope) throw new AppError('FORBIDDEN');
      let district;
      let rows;
      if (scope === 'own_school') {
        // School staff: their own school's row only, in their district.
        const school = user.schoolId ? await findSchool(ctx.db, user.schoolId) : undefined;
        if (!school || (query.districtId && query.districtId !== school.districtId)) throw notFound('区县');
        district = await findDistrict(ctx.db, school.districtId);
        if (!district) throw notFound('区县');
        rows = await schoolComplianceTable(ctx.db, { schoolId: school.id });
      } else {
        district = await districtFor(ctx, user, 'compliance.read', query.districtId);
        rows = await schoolComplianceTable(ctx.db, { districtId: district.id });
      }
      const lines = rows.reduce((n, r) => n + r.lines, 0);
      const dual = rows.reduce((n, r) => n + r.dualCoveredLines, 0);
      const byCode: Record<string, number> = {};
      for (const r of rows) {
        for (const [c, n] of Object.entries(r.findingsByCode)) byCode[c] = (byCode[c] ?? 0) + n;
      }
      return {
        district: { id: district.id, name: district.name, bureauName: district.bureauName },
        totals: {
          schools: rows.length,
          contracts: rows.reduce((n, r) => n + r.contracts, 0),
          lines,
          dualCoveredLines: dual,
          dualCoveredPct: pct(dual, lines),
          linesWithFindings: rows.reduce((n, r) => n + r.linesWithFindings, 0),
          openFindings: rows.reduce((n, r) => n + r.openFindings, 0),
          findingsByCode: byCode,
        },
        schools: rows,
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/compliance/schools/:id',
    summary: '一所学校的合同、明细行、状态与问题',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const school = await findSchool(ctx.db, params.id);
      authorize(user, 'compliance.read', {
        districtId: school?.districtId ?? null,
        schoolId: school?.id ?? null,
      });
      if (!school) throw notFound('学校');
      const [row] = await schoolComplianceTable(ctx.db, { schoolId: school.id });
      return { school: row, contracts: await schoolContracts(ctx.db, school.id) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/compliance/lines/:id',
    summary: '合同明细行的核验证据（问题、证据、提交的报告及其送检方）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const [summary] = await loadLineSummaries(ctx.db, { lineId: params.id });
      authorize(user, 'compliance.read', {
        districtId: summary?.line.districtId ?? null,
        schoolId: summary?.line.schoolId ?? null,
      });
      if (!summary) throw notFound('合同明细行');
      return lineEvidence(ctx.db, summary);
    },
  }),
];
