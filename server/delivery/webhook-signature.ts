/**
 * Webhook signatures: HMAC-SHA256 over the exact request body with the endpoint's secret, sent as
 * `X-DSV-Signature: sha256=<hex>`, with `X-DSV-Timestamp` (unix seconds) and `X-DSV-Delivery`
 * (the delivery id; the same on every retry, so a receiver can drop duplicates).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-DSV-Signature';
export const TIMESTAMP_HEADER = 'X-DSV-Timestamp';
export const DELIVERY_HEADER = 'X-DSV-Delivery';
export const EVENT_HEADER = 'X-DSV-Event';

export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of a received signature (for receivers and tests). */
export function verifySignature(
  secret: string,
  body: string | Buffer,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A new endpoint secret (shown once on creation). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}
