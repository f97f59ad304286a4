/**
 * Where sent lists are delivered (名单接收地址): webhook URLs (signed POST, public http(s) addresses only,
 * server/delivery/webhook-url.ts) and e-mail addresses (`mailto:`, only when SMTP is configured). Managed
 * by the district's regulator (or admin); the secret is returned once, on creation; changes are audited.
 */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import type { Principal } from '../../policies/policy';
import { authorize } from '../../policies/policy';
import {
  deactivateEndpoint,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../../../models/webhook.repository';
import { recordAudit } from '../../../models/audit.repository';
import { districtFilter, districtFor } from '../../sampling/district-scope';
import { newWebhookSecret } from '../../delivery/webhook-signature';
import { mailConfigured } from '../../delivery/mailer';
import { assertWebhookUrlAllowed } from '../../delivery/webhook-url';

async function manageableEndpoint(ctx: AppContext, user: Principal, id: string) {
  const e = await findEndpoint(ctx.db, id);
  authorize(user, 'webhook.manage', { districtId: e?.districtId ?? null });
  if (!e) throw notFound('接收地址');
  return e;
}

export async function listWebhookEndpoints(
  ctx: AppContext,
  user: Principal,
  requestedDistrictId: string | undefined,
): Promise<WebhookEndpointRow[]> {
  const districtId = await districtFilter(ctx, user, 'webhook.manage', requestedDistrictId);
  return listEndpoints(ctx.db, { districtId });
}

export async function addWebhookEndpoint(
  ctx: AppContext,
  user: Principal,
  input: { url: string; secret?: string; districtId?: string },
): Promise<WebhookEndpointRow> {
  const district = await districtFor(ctx, user, 'webhook.manage', input.districtId);
  if (input.url.startsWith('mailto:')) {
    if (!mailConfigured(ctx.config)) throw new AppError('SMTP_NOT_CONFIGURED');
  } else {
    await assertWebhookUrlAllowed(input.url, {
      allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS,
    });
  }
  return ctx.db.transaction(async (tx) => {
    const row = await insertEndpoint(tx, {
      districtId: district.id,
      url: input.url,
      secret: input.secret ?? newWebhookSecret(),
    });
    await recordAudit(tx, {
      userId: user.id,
      action: 'webhook.create',
      resourceType: 'webhook_endpoint',
      resourceId: row.id,
      districtId: district.id,
      details: { url: row.url },
    });
    return row;
  });
}

/** Stops deliveries to an endpoint; its delivery log is kept. */
export async function deactivateWebhookEndpoint(ctx: AppContext, user: Principal, id: string): Promise<void> {
  const e = await manageableEndpoint(ctx, user, id);
  await ctx.db.transaction(async (tx) => {
    await deactivateEndpoint(tx, e.id);
    await recordAudit(tx, {
      userId: user.id,
      action: 'webhook.deactivate',
      resourceType: 'webhook_endpoint',
      resourceId: e.id,
      districtId: e.districtId,
    });
  });
}

export async function endpointDeliveries(
  ctx: AppContext,
  user: Principal,
  id: string,
): Promise<WebhookDeliveryRow[]> {
  const e = await manageableEndpoint(ctx, user, id);
  return listDeliveries(ctx.db, { endpointId: e.id });
}
