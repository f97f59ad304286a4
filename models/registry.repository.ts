/** Rule-registry versions stored in the database (the bundled ones are data files in server/verify). */
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { ruleRegistryVersions } from './schema';

export type RegistryVersionRow = typeof ruleRegistryVersions.$inferSelect;

export async function listRegistryVersions(db: Db | Tx): Promise<RegistryVersionRow[]> {
  return db.select().from(ruleRegistryVersions).orderBy(asc(ruleRegistryVersions.createdAt));
}

export async function findRegistryVersionRow(
  db: Db | Tx,
  version: string,
): Promise<RegistryVersionRow | undefined> {
  const [row] = await db.select().from(ruleRegistryVersions).where(eq(ruleRegistryVersions.version, version));
  return row;
}

export async function insertRegistryVersion(
  db: Db | Tx,
  r: { version: string; rules: unknown; note: string | null; createdBy: string },
): Promise<RegistryVersionRow> {
  const [row] = await db.insert(ruleRegistryVersions).values(r).returning();
  return row!;
}
