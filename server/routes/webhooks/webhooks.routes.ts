/**
 * Where sent lists are delivered: webhook URLs (signed POST, see server/delivery; public http(s)
 * addresses only, see server/delivery/webhook-url.ts) and e-mail addresses (`mailto:`, only when
 * SMTP_URL is configured). Managed by the regulator of the district (or admin). The secret is shown
 * once, on creation.
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import {
  addWebhookEndpoint,
  deactivateWebhookEndpoint,
  endpointDeliveries,
  listWebhookEndpoints,
} from '../../use-cases/delivery/webhook-endpoints';
import { resendDelivery } from '../../use-cases/delivery/resend-delivery';
import { presentDelivery, presentEndpoint, presentRequeuedDelivery } from '../../presenters/webhook';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const DistrictQuery = z.object({ districtId: z.uuid({ error: '无效的区县编号' }).optional() });
const EMAIL = /^mailto:[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const NewEndpoint = z
  .object(
    {
      url: z
        .string({ error: '请填写接收地址' })
        .trim()
        .max(2000, '地址过长')
        .refine((u) => {
          if (EMAIL.test(u)) return true;
          try {
            const p = new URL(u);
            // other schemes are refused by the SSRF guard (WEBHOOK_URL_FORBIDDEN)
            return p.protocol === 'mailto:' ? false : !p.username && !p.password;
          } catch {
            return false;
          }
        }, '接收地址须为 http(s):// 网址或 mailto: 邮件地址'),
      secret: z
        .string({ error: '密钥须为文本' })
        .min(16, '密钥至少 16 个字符')
        .max(200, '密钥过长')
        .optional(),
      districtId: z.uuid({ error: '无效的区县编号' }).optional(),
    },
    { error: '请求体应为对象' },
  )
  .strict();
const TAG = '供货企业名单';

export const webhookRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/webhooks',
    summary: '名单接收地址（Webhook / 邮件）',
    tag: TAG,
    access: 'user',
    query: DistrictQuery,
    handler: async ({ ctx, user, query }) =>
      (await listWebhookEndpoints(ctx, user, query.districtId)).map((e) => presentEndpoint(e)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhooks',
    summary: '添加接收地址（返回一次签名密钥）',
    tag: TAG,
    access: 'user',
    body: NewEndpoint,
    status: 201,
    handler: async ({ ctx, user, body }) => presentEndpoint(await addWebhookEndpoint(ctx, user, body), true),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/webhooks/:id',
    summary: '停用接收地址（保留投递记录）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      await deactivateWebhookEndpoint(ctx, user, params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    summary: '投递记录（每次尝试的状态码、错误、耗时）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) =>
      (await endpointDeliveries(ctx, user, params.id)).map(presentDelivery),
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhook-deliveries/:id/resend',
    summary: '重新投递一条投递失败的名单推送（教育行政部门或管理员；同一投递编号，记入审计）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) =>
      presentRequeuedDelivery(await resendDelivery(ctx, user, params.id)),
  }),
];
