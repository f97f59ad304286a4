/**
 * pg-boss's `db` option over our Database, so pg-boss uses the same connection(s) as the app in both
 * modes: node-postgres pool (DATABASE_URL) and embedded PGlite (single connection). Parameterless SQL
 * may hold several statements (pg-boss's schema and maintenance scripts): PGlite runs those with
 * `exec`, node-postgres with the simple query protocol; the last statement's rows are returned.
 */
import type { Database } from '../../models/db';

export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export function bossDb(database: Database): BossDb {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return database.query(text, values);
      if (database.pglite) {
        const results = await database.pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      if (database.pool) {
        const r = (await database.pool.query(text)) as unknown as { rows: unknown[] } | { rows: unknown[] }[];
        return Array.isArray(r) ? { rows: r.at(-1)?.rows ?? [] } : r;
      }
      return database.query(text);
    },
  };
}
