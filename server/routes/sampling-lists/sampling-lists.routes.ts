/**
 * 供货企业名单: the bureau previews and sends it (a versioned snapshot), market supervision reads,
 * exports (XLSX/CSV/JSON) and acknowledges it.
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { districtFor, sendDownload } from '../../sampling/district-scope';
import { sendSamplingList } from '../../use-cases/sampling/send-sampling-list';
import {
  acknowledgeList,
  previewSamplingList,
  readableSamplingList,
  sentSamplingList,
  sentSamplingLists,
} from '../../use-cases/sampling/sampling-list-views';
import { CONTENT_TYPES, exportFileName, renderSamplingList } from '../../sampling/sampling-list.export';
import type { SamplingListSnapshot } from '../../sampling/sampling-list.types';
import { presentListHistoryRow, presentListSummary, presentSentList } from '../../presenters/sampling';

const IdParams = z.object({ id: z.uuid({ error: '无效的名单编号' }) });
const DistrictQuery = z.object({ districtId: z.uuid({ error: '无效的区县编号' }).optional() });
const SendBody = z
  .object(
    {
      districtId: z.uuid({ error: '无效的区县编号' }).optional(),
      /** Send although documents are still being read or await review (after the warning). */
      confirmUnfinished: z.boolean({ error: 'confirmUnfinished 应为 true 或 false' }).optional(),
    },
    { error: '请求体应为对象' },
  )
  .strict()
  .optional();
const PreviewQuery = z.object({
  districtId: z.uuid({ error: '无效的区县编号' }).optional(),
  format: z.enum(['json', 'xlsx', 'csv'], { error: '格式只能是 json、xlsx 或 csv' }).default('json'),
});
const ExportQuery = z.object({
  format: z.enum(['xlsx', 'csv', 'json'], { error: '格式只能是 xlsx、csv 或 json' }).default('xlsx'),
});
const TAG = '供货企业名单';

export const samplingListRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/sampling-lists/preview',
    summary: '预览当前供货企业名单（按风险排序，未发送；可导出 xlsx / csv）',
    tag: TAG,
    access: 'user',
    query: PreviewQuery,
    produces: ['application/json', CONTENT_TYPES.xlsx, CONTENT_TYPES.csv],
    handler: async ({ ctx, user, query, res }) => {
      const { preview, readiness } = await previewSamplingList(ctx, user, query.districtId);
      if (query.format === 'json') return { ...preview, readiness: await readiness() };
      const body = await renderSamplingList(preview, query.format);
      return sendDownload(res, body, CONTENT_TYPES[query.format], exportFileName(preview, query.format));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/sampling-lists',
    summary: '向市场监管部门发送供货企业名单（生成新版本快照；内容未变化时不重复发送）',
    tag: TAG,
    access: 'user',
    body: SendBody,
    status: 201,
    handler: async ({ ctx, user, body, res }) => {
      const district = await districtFor(ctx, user, 'samplingList.send', body?.districtId);
      const r = await sendSamplingList(ctx, user, district.id, {
        confirmUnfinished: body?.confirmUnfinished,
      });
      const out = {
        ...presentListSummary(r.list),
        alreadySent: r.alreadySent,
        deliveriesQueued: r.deliveriesQueued,
      };
      if (r.alreadySent) {
        res.status(200).json(out);
        return undefined;
      }
      return out;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/sampling-lists',
    summary: '已发送的名单（历史版本）',
    tag: TAG,
    access: 'user',
    query: DistrictQuery,
    handler: async ({ ctx, user, query }) => {
      return (await sentSamplingLists(ctx, user, query.districtId)).map(presentListHistoryRow);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/sampling-lists/:id',
    summary: '一份已发送名单的完整内容与投递状态',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const { list, deliveries } = await sentSamplingList(ctx, user, params.id);
      return presentSentList(list, deliveries);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/sampling-lists/:id/export',
    summary: '导出名单（xlsx / csv（UTF-8 带 BOM）/ json），表头为中文抽查栏目',
    tag: TAG,
    access: 'user',
    params: IdParams,
    query: ExportQuery,
    produces: [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv, CONTENT_TYPES.json],
    handler: async ({ ctx, user, params, query, res }) => {
      const list = await readableSamplingList(ctx, user, params.id);
      const snapshot = list.snapshot as SamplingListSnapshot;
      const body = await renderSamplingList(snapshot, query.format);
      return sendDownload(res, body, CONTENT_TYPES[query.format], exportFileName(snapshot, query.format));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/sampling-lists/:id/ack',
    summary: '市场监管部门确认接收名单',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      return presentListSummary(await acknowledgeList(ctx, user, params.id));
    },
  }),
];
