/** Delivery addresses and their delivery log as the regulator's page shows them (the secret only once). */
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../models/webhook.repository';

export function presentEndpoint(e: WebhookEndpointRow, withSecret = false) {
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

export function presentDelivery(d: WebhookDeliveryRow) {
  return {
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
  };
}

/** A delivery put back in the queue by 重新投递. */
export function presentRequeuedDelivery(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    listId: d.listId,
    endpointId: d.endpointId,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  };
}
