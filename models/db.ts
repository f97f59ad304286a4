/**
 * Database handle: one Drizzle schema over two drivers.
 *  - no DATABASE_URL → embedded PGlite stored in DATA_DIR/pglite (one owning process, see data-dir-lock.ts)
 *  - DATABASE_URL    → node-postgres pool against a PostgreSQL server
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function migrationsDir(): string {
  // Running from TypeScript sources: models/migrations beside this file.
  // Running compiled from dist/models: the checked-in folder at the project root.
  const local = path.resolve(__dirname, 'migrations');
  if (fs.existsSync(path.join(local, 'meta'))) return local;
  return path.resolve(__dirname, '..', '..', 'models', 'migrations');
}

/** Makes close() idempotent: the server, the CLI and tests may all call it. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Raw SQL with parameters (used by pg-boss and health checks). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs parameterless SQL that may hold several statements. */
  exec(sql: string): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance in embedded mode (single connection). */
  pglite?: PGlite;
  pool?: Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder holding the embedded database; omitted → in-memory PGlite (tests). */
  dataDir?: string;
  /** Take the single-owner lock on dataDir (default true). */
  lock?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir, opts.lock ?? true);
}

async function openPglite(dataDir: string | undefined, takeLock: boolean): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgDir: string | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    if (takeLock) lock = acquireDataDirLock(dataDir);
    pgDir = path.join(dataDir, 'pglite');
  }
  let client: PGlite;
  try {
    client = pgDir ? await PGlite.create(pgDir) : await PGlite.create();
  } catch (e) {
    lock?.release();
    throw e;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: client,
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await client.query<T>(sql, params);
      return { rows: r.rows };
    },
    exec: async (sql: string) => {
      await client.exec(sql);
    },
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: migrationsDir() }),
    close: once(async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    }),
  };
}

function openPostgres(url: string): Database {
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle client error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    pool,
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await pool.query(sql, params);
      return { rows: r.rows as T[] };
    },
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    migrate: () => migratePg(drizzlePg(pool, { schema }), { migrationsFolder: migrationsDir() }),
    close: once(() => pool.end()),
  };
}
