/**
 * Read pages at speed (issue 12 point 5): the compliance overview, a school's detail, a document's
 * detail and the supplier list are computed once and served from memory until the database changes.
 *
 * The cache key is the database's own transaction snapshot (`pg_current_snapshot()`: xmin, xmax and
 * the transactions in progress). Two equal snapshots see exactly the same committed data: any
 * transaction that writes — findings, documents, corrections, links, accounts, anything, in any
 * process sharing the database — changes it when it commits. So an entry is valid exactly as long
 * as nothing has been committed since it was computed, with no list of "tables that matter" to keep
 * up to date and nothing to forget on a new write path. (Read-only transactions and idle queue polls
 * take no transaction id and do not change it.) One cheap query per request reads the snapshot.
 *
 * An entry computed after reading snapshot S holds data at least as new as S; served only while the
 * snapshot is still S, i.e. while nothing newer exists. Concurrent misses of one key share one
 * computation. What is cached is the response body *after* nothing about the requester: callers
 * authorise every request against the tenancy stored with the entry. Authentication uses the same
 * cache for the user behind a session or token (middleware/authenticate.ts): a revoked token, an
 * ended session or a changed password is a commit, so it is seen on the next request.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { Database } from '../../models/db';
import type { AppContext } from '../context';

export interface CachedBody<T> {
  /** The JSON response, serialised once. */
  json: string;
  /** Weak ETag of `json` (a repeated request is answered 304). */
  etag: string;
  /** What the caller needs to authorise a request for this entry (tenancy, names). */
  meta: T;
}

interface Entry {
  snapshot: string;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 5000;

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly snapshotSql: string;

  constructor(private readonly database: Pick<Database, 'query' | 'driver'>) {
    // PGlite runs one query at a time and never beside an open transaction (its own mutex), so no
    // transaction is ever in progress when it reads the snapshot: the next transaction id says it all.
    this.snapshotSql =
      database.driver === 'pglite'
        ? 'select pg_snapshot_xmax(pg_current_snapshot())::text as s'
        : 'select pg_current_snapshot()::text as s';
  }

  /** The database's current snapshot (one round trip). */
  async snapshot(): Promise<string> {
    const r = await this.database.query<{ s: string }>(this.snapshotSql);
    return r.rows[0]!.s;
  }

  /**
   * The value for `key` as of `snapshot`: from memory when computed at that snapshot, otherwise
   * computed by `compute` (once, however many requests ask at the same time). A failed computation
   * is not kept.
   */
  get<T>(key: string, snapshot: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.snapshot === snapshot) {
      // keep recently used keys at the end (Map order) so eviction drops the oldest
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry: Entry = { snapshot, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Forgets `key` (its next read computes it again). */
  drop(key: string): void {
    this.entries.delete(key);
  }
}

const caches = new WeakMap<AppContext, ReadCache>();

/** The process's read cache over the context's database. */
export function readCacheOf(ctx: AppContext): ReadCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new ReadCache(ctx.database);
    caches.set(ctx, cache);
  }
  return cache;
}

/**
 * Answers a GET from the read cache: the body for `key` at the current snapshot (computed when
 * needed), `check` run on the entry's meta before anything is sent (authorisation, not found),
 * then the JSON written with its ETag (304 when the client has it). Returns undefined for
 * toExpressHandler (the response is written).
 */
/** The database snapshot of this request, read once and shared by authentication and the handler. */
export function requestSnapshot(ctx: AppContext, res: Response): Promise<string> {
  const locals = res.locals as { dbSnapshot?: Promise<string> };
  locals.dbSnapshot ??= readCacheOf(ctx).snapshot();
  return locals.dbSnapshot;
}

export async function sendCached<T>(
  ctx: AppContext,
  res: Response,
  key: string,
  compute: () => Promise<{ body: unknown; meta: T }>,
  check: (meta: T) => void,
): Promise<undefined> {
  const cached = await readCacheOf(ctx).get<CachedBody<T>>(key, await requestSnapshot(ctx, res), async () => {
    const { body, meta } = await compute();
    const json = JSON.stringify(body);
    return { json, etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`, meta };
  });
  check(cached.meta);
  res.setHeader('ETag', cached.etag);
  res.type('application/json').send(cached.json);
  return undefined;
}
