/** Contracts (built from uploaded 采购合同) and the reports handed in for each line. */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import {
  ContractDetailView,
  ContractSummaryView,
  presentContractLine,
  presentContractSummary,
} from '../../presenters/contract';
import {
  confirmLineClient,
  confirmLineReport,
  dismissLineReport,
  linkLineReports,
} from '../../use-cases/contracts/link-line-reports';
import { lineReportCandidates } from '../../use-cases/contracts/line-report-candidates';
import { setAcceptedDate } from '../../use-cases/contracts/set-accepted-date';
import { chineseDate } from '../../http/chinese-date';
import { contractWithLinks, listVisibleContracts } from '../../use-cases/contracts/contract-views';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const ListQuery = z.object({
  schoolId: z.uuid({ error: '无效的学校编号' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const LinkParams = IdParams.extend({ documentId: z.uuid({ error: '无效的文档编号' }) });
const CandidatesQuery = z.object({
  /** 'true' also lists reports that already serve other lines only */
  all: z
    .enum(['true', 'false'], { message: 'all 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
});
const NullableText = z.string().nullable();
const CandidateView = z.object({
  documentId: z.uuid(),
  originalName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  reportNumber: NullableText,
  client: NullableText,
  sampleName: NullableText,
  sampleModel: NullableText,
  labName: NullableText,
  issuedDate: NullableText,
  conclusion: NullableText,
  /** 'school' (handed in), 'auto' (自动匹配) or null */
  linkedHere: NullableText,
  suggestion: z.object({ score: z.number(), reason: NullableText }).nullable(),
  otherLines: z.array(
    z.object({
      lineId: z.uuid(),
      lineNo: z.number().int(),
      product: z.string(),
      contractNumber: NullableText,
    }),
  ),
  createdAt: z.string(),
});
const LinkDecision = z.object({ linked: z.boolean() });

const LinkBody = z.object({
  /** The test report documents handed in for this line (replaces the school's previous list). */
  documentIds: z.array(z.uuid({ error: '无效的文档编号' })).max(50, '一行最多关联 50 份报告'),
});

export const contractRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/contracts',
    summary: '采购合同列表（按权限范围）',
    tag: '合同',
    access: 'user',
    query: ListQuery,
    response: z.object({ items: z.array(ContractSummaryView), total: z.number().int() }),
    handler: async ({ ctx, user, query }) => {
      const { rows, total } = await listVisibleContracts(ctx, user, query);
      return { items: rows.map(presentContractSummary), total };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/contracts/:id',
    summary: '合同详情：明细行及每行关联的检验报告',
    tag: '合同',
    access: 'user',
    params: IdParams,
    response: ContractDetailView,
    handler: async ({ ctx, user, params }) => {
      const { contract: c, links } = await contractWithLinks(ctx, user, params.id);
      return {
        ...presentContractSummary(c),
        lines: c.lines.map((l) =>
          presentContractLine(
            l,
            links
              .filter((k) => k.lineId === l.id)
              .map((k) => ({
                documentId: k.documentId,
                originalName: k.originalName,
                kind: k.kind,
                status: k.status,
                source: k.source,
                reason: k.reason,
                clientConfirmation: k.clientConfirmed
                  ? {
                      client: k.clientConfirmed,
                      by: k.clientConfirmedBy,
                      at: k.clientConfirmedAt?.toISOString() ?? null,
                    }
                  : null,
              })),
          ),
        ),
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/contract-lines/:id/reports',
    summary: '设置合同明细行关联的检验报告（学校经办人手工关联，记入审计日志）',
    tag: '合同',
    access: 'user',
    params: IdParams,
    body: LinkBody,
    response: z.object({ added: z.array(z.uuid()), removed: z.array(z.uuid()) }),
    handler: ({ ctx, user, params, body }) => linkLineReports(ctx, user, params.id, body.documentIds),
  }),
  defineRoute({
    method: 'get',
    path: '/api/contract-lines/:id/report-candidates',
    summary:
      '可关联到该明细行的本校检验报告（报告编号、委托单位、样品名称与型号、检验机构、签发日期、结论；已关联、自动匹配与建议匹配）',
    tag: '合同',
    access: 'user',
    params: IdParams,
    query: CandidatesQuery,
    response: z.object({
      pending: z.number().int(),
      hiddenUsedElsewhere: z.number().int(),
      items: z.array(CandidateView),
    }),
    handler: ({ ctx, user, params, query }) => lineReportCandidates(ctx, user, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/contract-lines/:id/reports/:documentId',
    summary: '确认该报告用于本明细行（确认建议匹配或自动匹配，记为学校提交，记入审计日志）',
    tag: '合同',
    access: 'user',
    params: LinkParams,
    response: LinkDecision,
    handler: ({ ctx, user, params }) => confirmLineReport(ctx, user, params.id, params.documentId),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/contract-lines/:id/reports/:documentId',
    summary: '该报告不用于本明细行（撤销自动匹配、忽略建议或取消关联；系统不再建议，记入审计日志）',
    tag: '合同',
    access: 'user',
    params: LinkParams,
    response: LinkDecision,
    handler: ({ ctx, user, params }) => dismissLineReport(ctx, user, params.id, params.documentId),
  }),
  defineRoute({
    method: 'put',
    path: '/api/contract-lines/:id/reports/:documentId/client-confirmation',
    summary:
      '确认报告的委托单位（与供应商、学校或教育主管部门名称相近，经核对原件为同一单位）；记录确认人与时间，记入审计日志',
    tag: '合同',
    access: 'user',
    params: LinkParams,
    response: z.object({ confirmed: z.boolean(), client: z.string() }),
    handler: ({ ctx, user, params }) => confirmLineClient(ctx, user, params.id, params.documentId),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/contract-lines/:id',
    summary:
      '设置合同明细行的验收/到货日期（学校经办人；学校方送检时间从该日期起算，未设置时按合同交货日期；记入审计日志）',
    tag: '合同',
    access: 'user',
    params: IdParams,
    body: z.object({ acceptedDate: chineseDate('验收日期').nullable() }),
    response: z.object({ id: z.uuid(), acceptedDate: z.string().nullable() }),
    handler: ({ ctx, user, params, body }) => setAcceptedDate(ctx, user, params.id, body.acceptedDate),
  }),
];
