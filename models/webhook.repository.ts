/**
 * Webhook endpoints (http(s):// or mailto:) and the delivery log of sampling lists.
 *
 * "Never twice" is guarded here: one row per (endpoint, list) (unique index, inserts ignore
 * conflicts), a delivery is claimed by one worker at a time (FOR UPDATE SKIP LOCKED, then a lease
 * in next_attempt_at), and a delivered row is never claimed again.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { samplingLists, webhookDeliveries, webhookEndpoints } from './schema';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** One attempt in the delivery log. */
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  ms: number;
}

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

export async function insertEndpoint(
  db: Db | Tx,
  e: { districtId: string; url: string; secret: string },
): Promise<WebhookEndpointRow> {
  const [row] = await db.insert(webhookEndpoints).values(e).returning();
  return row!;
}

export async function findEndpoint(db: Db | Tx, id: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function listEndpoints(
  db: Db | Tx,
  filter: { districtId?: string; active?: boolean },
): Promise<WebhookEndpointRow[]> {
  const conds = [];
  if (filter.districtId) conds.push(eq(webhookEndpoints.districtId, filter.districtId));
  if (filter.active !== undefined) conds.push(eq(webhookEndpoints.active, filter.active));
  return db
    .select()
    .from(webhookEndpoints)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(webhookEndpoints.createdAt));
}

export async function deactivateEndpoint(db: Db | Tx, id: string): Promise<void> {
  await db.update(webhookEndpoints).set({ active: false }).where(eq(webhookEndpoints.id, id));
}

/** Queues one delivery of `listId` per active endpoint of the district (idempotent). */
export async function queueDeliveries(tx: Db | Tx, districtId: string, listId: string): Promise<number> {
  const endpoints = await listEndpoints(tx, { districtId, active: true });
  if (endpoints.length === 0) return 0;
  const rows = await tx
    .insert(webhookDeliveries)
    .values(
      endpoints.map((e) => ({ endpointId: e.id, listId, status: 'pending', nextAttemptAt: new Date() })),
    )
    .onConflictDoNothing({ target: [webhookDeliveries.endpointId, webhookDeliveries.listId] })
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

/**
 * Claims up to `limit` due deliveries in one statement: rows locked by another worker are skipped,
 * the claimed ones get status 'sending', attempts + 1 and a lease (a crashed worker's claim becomes
 * due again when the lease ends).
 */
export async function claimDueDeliveries(
  db: Db | Tx,
  limit: number,
  leaseMs: number,
): Promise<WebhookDeliveryRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    update webhook_deliveries d
       set status = 'sending',
           attempts = d.attempts + 1,
           next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
     where d.id in (
       select id from webhook_deliveries
        where status in ('pending', 'sending') and next_attempt_at <= now()
        order by next_attempt_at
        limit ${limit}
        for update skip locked)
    returning d.id`);
  const ids = rowsOf(result).map((r) => String(r.id));
  if (ids.length === 0) return [];
  return db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/** Records a successful attempt; only a row still 'sending' changes (never un-delivers). */
export async function markDelivered(db: Db | Tx, id: string, attempt: DeliveryAttempt): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'delivered',
      deliveredAt: new Date(),
      lastStatusCode: attempt.statusCode,
      lastError: null,
      nextAttemptAt: null,
      log: sql`${webhookDeliveries.log} || ${JSON.stringify([attempt])}::jsonb`,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'sending')));
}

/** Records a failed attempt: retried at `retryAt`, or given up ('failed') when it is null. */
export async function markAttemptFailed(
  db: Db | Tx,
  id: string,
  attempt: DeliveryAttempt,
  retryAt: Date | null,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: retryAt ? 'pending' : 'failed',
      lastStatusCode: attempt.statusCode,
      lastError: attempt.error,
      nextAttemptAt: retryAt,
      log: sql`${webhookDeliveries.log} || ${JSON.stringify([attempt])}::jsonb`,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'sending')));
}

export async function listDeliveries(
  db: Db | Tx,
  filter: { endpointId?: string; listId?: string },
): Promise<WebhookDeliveryRow[]> {
  const conds = [];
  if (filter.endpointId) conds.push(eq(webhookDeliveries.endpointId, filter.endpointId));
  if (filter.listId) conds.push(eq(webhookDeliveries.listId, filter.listId));
  return db
    .select()
    .from(webhookDeliveries)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(500);
}

/** When the next delivery is due (for the worker's timer), or null. */
export async function nextDueAt(db: Db | Tx): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${webhookDeliveries.nextAttemptAt})` })
    .from(webhookDeliveries)
    .where(sql`${webhookDeliveries.status} in ('pending', 'sending')`);
  return row?.at ? new Date(row.at) : null;
}

/** A delivery with the district its list belongs to and whether its endpoint is still active. */
export async function findDeliveryWithTenancy(
  db: Db | Tx,
  id: string,
): Promise<{ delivery: WebhookDeliveryRow; districtId: string; endpointActive: boolean } | undefined> {
  const [row] = await db
    .select({
      delivery: webhookDeliveries,
      districtId: samplingLists.districtId,
      endpointActive: webhookEndpoints.active,
    })
    .from(webhookDeliveries)
    .innerJoin(samplingLists, eq(samplingLists.id, webhookDeliveries.listId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, id));
  return row;
}

/**
 * Puts a delivery that gave up ('failed') back in the queue, due now, with a fresh series of
 * attempts (the log keeps the earlier ones). Only a failed row changes: returns undefined otherwise
 * (delivered, or still being tried), so two clicks never queue it twice.
 */
export async function requeueFailedDelivery(
  db: Db | Tx,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date() })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'failed')))
    .returning();
  return row;
}
