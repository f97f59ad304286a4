/**
 * Re-send of a delivery that gave up (status 'failed' after WEBHOOK_MAX_ATTEMPTS or a permanent
 * error): the bureau that sent the list (or an administrator) puts it back in the queue once the
 * receiver is fixed. Same delivery id (X-DSV-Delivery), so a receiver that did get it can drop it;
 * a fresh series of attempts; audited.
 */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { recordAudit } from '../../../models/audit.repository';
import {
  findDeliveryWithTenancy,
  requeueFailedDelivery,
  type WebhookDeliveryRow,
} from '../../../models/webhook.repository';

export async function resendDelivery(
  ctx: AppContext,
  user: Principal,
  deliveryId: string,
): Promise<WebhookDeliveryRow> {
  const found = await findDeliveryWithTenancy(ctx.db, deliveryId);
  authorize(user, 'webhookDelivery.resend', { districtId: found?.districtId ?? null });
  if (!found) throw notFound('投递记录');
  if (!found.endpointActive) throw new AppError('WEBHOOK_INACTIVE');
  const row = await ctx.db.transaction(async (tx) => {
    const requeued = await requeueFailedDelivery(tx, deliveryId);
    if (!requeued) throw new AppError('DELIVERY_NOT_FAILED');
    await recordAudit(tx, {
      userId: user.id,
      action: 'webhookDelivery.resend',
      resourceType: 'webhook_delivery',
      resourceId: deliveryId,
      districtId: found.districtId,
      details: {
        listId: found.delivery.listId,
        endpointId: found.delivery.endpointId,
        previousAttempts: found.delivery.attempts,
        lastError: found.delivery.lastError,
      },
    });
    return requeued;
  });
  ctx.services.webhooks.kick();
  return row;
}
