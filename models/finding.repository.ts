/** Verification findings per contract line, and the rule-registry versions they were judged with. */
import { inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { findings, ruleRegistryVersions } from './schema';

export interface NewFinding {
  code: string;
  severity: string;
  message: string;
  evidence: unknown[];
}

/**
 * Serialises the recomputes of one district's findings until the transaction ends. A recompute takes
 * it before it reads the facts, so two at once (document jobs run in parallel, HTTP corrections too)
 * neither store a line's findings twice nor overwrite findings with ones computed from older facts.
 */
export async function lockDistrictFindings(tx: Tx, districtId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`findings:${districtId}`}, 0))`);
}

/** Lines per statement when reading or deleting by line (one bound parameter each). */
const LINE_CHUNK = 2000;
/** Rows per INSERT (six bound parameters each, well under PostgreSQL's 65,535). */
const INSERT_CHUNK = 2000;

/**
 * JSON with object keys sorted and `undefined` members left out: equal for a value and the same value
 * read back from jsonb (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canonicalJson(json.call(value));
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const members = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

function findingKey(lineId: string, f: NewFinding, registryVersion: string): string {
  return JSON.stringify([lineId, f.code, f.severity, f.message, registryVersion, canonicalJson(f.evidence)]);
}

/**
 * Makes the stored findings of the given lines equal `byLine` (lines absent from it end up with none).
 * Only the difference is written: a finding stored already (same line, code, severity, message,
 * evidence and registry version) keeps its row, the others are deleted or inserted — a recompute that
 * changes nothing writes nothing. Run it inside a transaction holding `lockDistrictFindings`.
 */
export async function replaceLineFindings(
  db: Db | Tx,
  lineIds: string[],
  byLine: Map<string, NewFinding[]>,
  registryVersion: string,
): Promise<void> {
  /** stored rows by key: the ids still unclaimed by a new finding */
  const stored = new Map<string, string[]>();
  for (let i = 0; i < lineIds.length; i += LINE_CHUNK) {
    const rows = await db
      .select({
        id: findings.id,
        lineId: findings.lineId,
        code: findings.code,
        severity: findings.severity,
        message: findings.message,
        evidence: findings.evidence,
        registryVersion: findings.registryVersion,
      })
      .from(findings)
      .where(inArray(findings.lineId, lineIds.slice(i, i + LINE_CHUNK)));
    for (const r of rows) {
      const key = findingKey(r.lineId, r as NewFinding, r.registryVersion);
      const ids = stored.get(key);
      if (ids) ids.push(r.id);
      else stored.set(key, [r.id]);
    }
  }
  const inserts: (NewFinding & { lineId: string; registryVersion: string })[] = [];
  for (const lineId of new Set(lineIds)) {
    for (const f of byLine.get(lineId) ?? []) {
      const kept = stored.get(findingKey(lineId, f, registryVersion))?.pop();
      if (kept === undefined) inserts.push({ lineId, ...f, registryVersion });
    }
  }
  const deletes = [...stored.values()].flat();
  for (let i = 0; i < deletes.length; i += LINE_CHUNK) {
    await db.delete(findings).where(inArray(findings.id, deletes.slice(i, i + LINE_CHUNK)));
  }
  for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
    await db.insert(findings).values(
      inserts.slice(i, i + INSERT_CHUNK).map((f) => ({
        lineId: f.lineId,
        code: f.code,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence,
        registryVersion: f.registryVersion,
      })),
    );
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
