/**
 * Compliance views: the per-school table of a district (bureau), one school's contracts and lines
 * (school staff, bureau), and one line's evidence (drill-down).
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize, scopeOf } from '../../policies/policy';
import { AppError, notFound } from '../../errors';
import { schoolFor } from '../../use-cases/accounts/districts-and-schools';
import { districtIdFor } from '../../sampling/district-scope';
import { sendCached } from '../../http/read-cache';
import {
  complianceOverview,
  lineEvidence,
  loadLineSummaries,
  schoolCompliance,
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
      const school = await schoolFor(ctx, user, params.id, 'compliance.read');
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
    handler: async ({ ctx, user, query, res }) => {
      const scope = scopeOf(user, 'compliance.read');
      if (!scope) throw new AppError('FORBIDDEN');
      if (scope === 'own_school') {
        // School staff: their own school's row only, in their district.
        const schoolId = user.schoolId ?? '00000000-0000-0000-0000-000000000000';
        return sendCached(
          ctx,
          res,
          `compliance-overview:school:${schoolId}`,
          () => complianceOverview(ctx.db, { schoolId }),
          (meta) => {
            if (!meta || (query.districtId && query.districtId !== meta.districtId)) throw notFound('区县');
          },
        );
      }
      const districtId = districtIdFor(user, 'compliance.read', query.districtId);
      return sendCached(
        ctx,
        res,
        `compliance-overview:district:${districtId}`,
        () => complianceOverview(ctx.db, { districtId }),
        (meta) => {
          authorize(user, 'compliance.read', { districtId: meta?.districtId ?? null });
          if (!meta) throw notFound('区县');
        },
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/compliance/schools/:id',
    summary: '一所学校的合同、明细行、状态与问题',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params, res }) =>
      sendCached(
        ctx,
        res,
        `compliance-school:${params.id}`,
        () => schoolCompliance(ctx.db, params.id),
        (meta) => {
          authorize(user, 'compliance.read', meta ?? { districtId: null, schoolId: null });
          if (!meta) throw notFound('学校');
        },
      ),
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
