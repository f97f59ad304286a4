/**
 * Where sent lists are delivered: webhook URLs (signed POST, see server/delivery; public http(s)
 * addresses only, see server/delivery/webhook-url.ts) and e-mail addresses (`mailto:`, only when
 * SMTP_URL is configured). Managed by the regulator of the district (or admin). The secret is shown
 * once, on creation.
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize, type Principal } from '../../policies/policy';
import { AppError, notFound } from '../../errors';
import type { AppContext } from '../../context';
import {
  deactivateEndpoint,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  type WebhookEndpointRow,
} from '../../../models/webhook.repository';
import { recordAudit } from '../../../models/audit.repository';
import { districtFilter, districtFor } from '../../sampling/district-scope';
import { newWebhookSecret } from '../../delivery/webhook-signature';
import { mailConfigured } from '../../delivery/mailer';
import { assertWebhookUrlAllowed } from '../../delivery/webhook-url';
import { resendDelivery } from '../../use-cases/sampling/resend-delivery';

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

function present(e: WebhookEndpointRow, withSecret = false) {
  return {
    id: e.id,
    districtId: e.districtId,
    url: e.url,
    channel: e.url.startsWith('mailto:') ? 'email' : 'webhook',
    active: e.active,
    createdAt: e.createdAt.toISOString(),
    ...(withSecret ? { secret: e.secret } : {}),
  };
}

async function manageableEndpoint(ctx: AppContext, user: Principal, id: string) {
  const e = await findEndpoint(ctx.db, id);
  authorize(user, 'webhook.manage', { districtId: e?.districtId ?? null });
  if (!e) throw notFound('接收地址');
  return e;
}

export const webhookRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/webhooks',
    summary: '名单接收地址（Webhook / 邮件）',
    tag: TAG,
    access: 'user',
    query: DistrictQuery,
    handler: async ({ ctx, user, query }) => {
      const districtId = await districtFilter(ctx, user, 'webhook.manage', query.districtId);
      return (await listEndpoints(ctx.db, { districtId })).map((e) => present(e));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhooks',
    summary: '添加接收地址（返回一次签名密钥）',
    tag: TAG,
    access: 'user',
    body: NewEndpoint,
    status: 201,
    handler: async ({ ctx, user, body }) => {
      const district = await districtFor(ctx, user, 'webhook.manage', body.districtId);
      if (body.url.startsWith('mailto:')) {
        if (!mailConfigured(ctx.config)) throw new AppError('SMTP_NOT_CONFIGURED');
      } else {
        await assertWebhookUrlAllowed(body.url, {
          allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE,
          timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS,
        });
      }
      const row = await insertEndpoint(ctx.db, {
        districtId: district.id,
        url: body.url,
        secret: body.secret ?? newWebhookSecret(),
      });
      await recordAudit(ctx.db, {
        userId: user.id,
        action: 'webhook.create',
        resourceType: 'webhook_endpoint',
        resourceId: row.id,
        districtId: district.id,
        details: { url: row.url },
      });
      return present(row, true);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/webhooks/:id',
    summary: '停用接收地址（保留投递记录）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const e = await manageableEndpoint(ctx, user, params.id);
      await deactivateEndpoint(ctx.db, e.id);
      await recordAudit(ctx.db, {
        userId: user.id,
        action: 'webhook.deactivate',
        resourceType: 'webhook_endpoint',
        resourceId: e.id,
        districtId: e.districtId,
      });
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
    handler: async ({ ctx, user, params }) => {
      const e = await manageableEndpoint(ctx, user, params.id);
      return (await listDeliveries(ctx.db, { endpointId: e.id })).map((d) => ({
        id: d.id,
        listId: d.listId,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        log: d.log,
        createdAt: d.createdAt.toISOString(),
      }));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/webhook-deliveries/:id/resend',
    summary: '重新投递一条投递失败的名单推送（教育行政部门或管理员；同一投递编号，记入审计）',
    tag: TAG,
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const d = await resendDelivery(ctx, user, params.id);
      return {
        id: d.id,
        listId: d.listId,
        endpointId: d.endpointId,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      };
    },
  }),
];
