/**
 * Which rule-registry versions exist (bundled data files plus versions an admin published) and which
 * one is in force on a date. Verification, the sampling list and the registry API all ask here.
 */
import type { Db } from '../../../models/db';
import { listRegistryVersions } from '../../../models/registry.repository';
import {
  bundledRegistries,
  registryForDate,
  registrySchema,
  type RuleRegistry,
} from '../../verify/registry/registry';

/** Every registry version available, oldest effective date first. */
export async function loadRegistries(db: Db): Promise<RuleRegistry[]> {
  const bundled = bundledRegistries();
  const known = new Set(bundled.map((r) => r.version));
  const published: RuleRegistry[] = [];
  for (const row of await listRegistryVersions(db)) {
    if (known.has(row.version)) continue; // a bundled version stored for reference
    const parsed = registrySchema.safeParse(row.rules);
    if (parsed.success) published.push(parsed.data);
  }
  return [...bundled, ...published].sort(
    (a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version.localeCompare(b.version),
  );
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The registry verification uses today. */
export async function activeRegistry(db: Db, asOf = today()): Promise<RuleRegistry> {
  return registryForDate(asOf, await loadRegistries(db));
}
