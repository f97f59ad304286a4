/**
 * Failed-login counters in the database, so that every process shares them (login_throttles).
 * A counter's score decays linearly with time; taking an attempt adds 1 only while the decayed score
 * leaves room below the limit, in one locked read-modify-write, so concurrent attempts can never
 * exceed it.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './db';

export interface ThrottleRule {
  /** Most failures held at once. */
  limit: number;
  /** Seconds after which one failure is forgotten. */
  decaySeconds: number;
}

const decayed = (rule: ThrottleRule) =>
  sql`greatest(0, login_throttles.score - extract(epoch from (now() - login_throttles.updated_at)) / ${rule.decaySeconds}::float8)`;

/**
 * Takes one attempt from `key`'s allowance: allowed (and counted) when the decayed score plus one is
 * within the limit; otherwise refused and not counted. Returns the score after the attempt and the
 * seconds until the next attempt would be allowed (0 when allowed).
 */
export async function takeAttempt(
  db: Db | Tx,
  key: string,
  rule: ThrottleRule,
): Promise<{ allowed: boolean; score: number; retryAfterSeconds: number }> {
  await db.execute(sql`insert into login_throttles (key, score, updated_at) values (${key}, 0, now())
    on conflict (key) do nothing`);
  const r = await db.execute<{ score: number; before: number }>(sql`
    with cur as (
      select key, ${decayed(rule)} as s from login_throttles where key = ${key} for update
    )
    update login_throttles set
      score = case when cur.s + 1 <= ${rule.limit}::float8 then cur.s + 1 else cur.s end,
      updated_at = now()
    from cur where login_throttles.key = cur.key
    returning login_throttles.score as score, cur.s as before`);
  const row = (r as { rows: { score: number; before: number }[] }).rows[0]!;
  const score = Number(row.score);
  const allowed = score > Number(row.before);
  // Refused: wait until the score has decayed to limit − 1.
  const retryAfterSeconds = allowed ? 0 : Math.ceil((score - (rule.limit - 1)) * rule.decaySeconds);
  return { allowed, score, retryAfterSeconds };
}

/** Gives back one attempt (a login that succeeded is not a failure). */
export async function refundAttempt(db: Db | Tx, key: string): Promise<void> {
  await db.execute(sql`update login_throttles set score = greatest(0, score - 1) where key = ${key}`);
}

/** Forgets every failure of `key` (an account after a successful login or a new password). */
export async function clearAttempts(db: Db | Tx, key: string): Promise<void> {
  await db.execute(sql`delete from login_throttles where key = ${key}`);
}

/** Removes counters untouched for a day (their score has long decayed to zero). */
export async function sweepAttempts(db: Db | Tx): Promise<void> {
  await db.execute(sql`delete from login_throttles where updated_at < now() - interval '1 day'`);
}
