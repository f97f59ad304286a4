/**
 * 监督抽查/风险监测结果: market supervision records results back (each of a kind, 抽查类别); the bureau
 * and regulator read them.
 */
import { z } from 'zod';
import { chineseDate } from '../../http/chinese-date';
import { defineRoute, type AnyRoute } from '../../http/route';
import { recordOwnDistrictResult, samplingResultsFor } from '../../use-cases/sampling/record-sampling-result';
import { presentSamplingResult } from '../../presenters/sampling';
import { SAMPLING_KINDS, type SamplingKind } from '../../vocabulary';

const KINDS = Object.keys(SAMPLING_KINDS) as [SamplingKind, ...SamplingKind[]];

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}须为文本` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}过长`);

const NewResult = z
  .object(
    {
      supplierId: z.uuid({ error: '无效的企业编号' }),
      listId: z.uuid({ error: '无效的名单编号' }).nullish(),
      kind: z
        .enum(KINDS, { error: '抽查类别只能是 supervision（监督抽查）或 risk_monitoring（风险监测）' })
        .default('supervision'),
      sampledBatches: z
        .number({ error: '抽查批次数须为数字' })
        .int('抽查批次数须为整数')
        .min(1, '抽查批次数至少为 1')
        .max(10_000, '抽查批次数过大'),
      failedBatches: z
        .number({ error: '不合格批次数须为数字' })
        .int('不合格批次数须为整数')
        .min(0, '不合格批次数不能为负'),
      failingItems: z.array(text('不合格项目', 100), { error: '不合格项目须为列表' }).max(100).default([]),
      reportNumbers: z.array(text('报告编号', 100), { error: '报告编号须为列表' }).max(100).default([]),
      sampledOn: chineseDate('抽样日期').nullish(),
      note: z.string({ error: '备注须为文本' }).trim().max(1000, '备注过长').nullish(),
    },
    { error: '请求体应为对象' },
  )
  .refine((b) => b.failedBatches <= b.sampledBatches, {
    message: '不合格批次数不能大于抽查批次数',
    path: ['failedBatches'],
  })
  .refine((b) => b.failedBatches === 0 || b.failingItems.length > 0, {
    message: '有不合格批次时请填写不合格项目',
    path: ['failingItems'],
  });

const ListQuery = z.object({
  districtId: z.uuid({ error: '无效的区县编号' }).optional(),
  supplierId: z.uuid({ error: '无效的企业编号' }).optional(),
});
const TAG = '供货企业与监督抽查';

export const samplingResultRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/sampling-results',
    summary: '录入监督抽查或风险监测结果（抽查类别、企业、抽查批次、不合格批次、不合格项目、报告编号）',
    tag: TAG,
    access: 'user',
    body: NewResult,
    status: 201,
    handler: async ({ ctx, user, body }) => {
      return presentSamplingResult(await recordOwnDistrictResult(ctx, user, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/sampling-results',
    summary: '监督抽查与风险监测结果列表',
    tag: TAG,
    access: 'user',
    query: ListQuery,
    handler: async ({ ctx, user, query }) => {
      return (await samplingResultsFor(ctx, user, query)).map(presentSamplingResult);
    },
  }),
];
