/**
 * Webhook signatures: `X-DSV-Signature: sha256=<hex>` is HMAC-SHA256 with the endpoint's secret over
 * the signed material `<X-DSV-Timestamp>.<exact request body>` — the timestamp (unix seconds) is
 * inside the signature, so a receiver that refuses old timestamps also refuses a captured request
 * replayed later (with its timestamp changed the signature no longer matches). `X-DSV-Delivery` is
 * the delivery id: the same on every retry and re-send, so a receiver can drop duplicates.
 * README ("Webhook 接收方") describes the check for receivers.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-DSV-Signature';
export const TIMESTAMP_HEADER = 'X-DSV-Timestamp';
export const DELIVERY_HEADER = 'X-DSV-Delivery';
export const EVENT_HEADER = 'X-DSV-Event';

/** How old a timestamp a receiver should accept (seconds), by default. */
export const DEFAULT_TOLERANCE_S = 300;

/** The signature header value for `body` sent with `timestamp` (unix seconds, as in the header). */
export function signPayload(secret: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

/**
 * The receiver's check (also used by the tests): the signature matches `<timestamp>.<body>` in
 * constant time, and the timestamp is within `toleranceS` of now.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string | Buffer,
  opts: { toleranceS?: number; nowS?: number } = {},
): boolean {
  const { timestamp, signature } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (opts.toleranceS ?? DEFAULT_TOLERANCE_S)) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A new endpoint secret (shown once on creation). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('hex')}`;
}
