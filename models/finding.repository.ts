/** Verification findings per contract line, and the rule-registry versions they were judged with. */
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { findings, ruleRegistryVersions } from './schema';

export interface NewFinding {
  code: string;
  severity: string;
  message: string;
  evidence: unknown[];
}

/** Replaces the findings of the given lines (lines absent from `byLine` end up with none). */
export async function replaceLineFindings(
  db: Db | Tx,
  lineIds: string[],
  byLine: Map<string, NewFinding[]>,
  registryVersion: string,
): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < lineIds.length; i += CHUNK) {
    await db.delete(findings).where(inArray(findings.lineId, lineIds.slice(i, i + CHUNK)));
  }
  const rows = lineIds.flatMap((lineId) =>
    (byLine.get(lineId) ?? []).map((f) => ({ lineId, ...f, registryVersion })),
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(findings).values(rows.slice(i, i + CHUNK));
  }
}

export type StoredFinding = typeof findings.$inferSelect;

export async function listLineFindings(db: Db | Tx, lineIds: string[]): Promise<StoredFinding[]> {
  if (lineIds.length === 0) return [];
  return db.select().from(findings).where(inArray(findings.lineId, lineIds));
}

/** Stores a registry version once (versions are immutable: an existing one is left as it is). */
export async function ensureRegistryVersion(
  db: Db | Tx,
  r: { version: string; rules: unknown; note?: string | null },
): Promise<void> {
  await db
    .insert(ruleRegistryVersions)
    .values({ version: r.version, rules: r.rules, note: r.note ?? null })
    .onConflictDoNothing({ target: ruleRegistryVersions.version });
}

export async function findRegistryVersion(db: Db | Tx, version: string): Promise<unknown> {
  const [row] = await db
    .select({ rules: ruleRegistryVersions.rules })
    .from(ruleRegistryVersions)
    .where(eq(ruleRegistryVersions.version, version));
  return row?.rules;
}
