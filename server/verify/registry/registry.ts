/**
 * Loading and choosing rule-registry versions. The documents are the JSON files in ./versions (not ./data, which .gitignore excludes); each is
 * validated with `registrySchema` before use, so a malformed registry fails loudly at start-up.
 */
import reg2024 from './versions/2024.1.json';
import reg2026 from './versions/2026.1.json';
import { registrySchema, type RuleRegistry } from './registry.schema';

export * from './registry.schema';

/** Validates one registry document (e.g. one read from `rule_registry_versions.rules`). */
export function parseRegistry(doc: unknown): RuleRegistry {
  return registrySchema.parse(doc);
}

let bundled: RuleRegistry[] | undefined;

/** The registry versions shipped with the service, oldest first. */
export function bundledRegistries(): RuleRegistry[] {
  bundled ??= [reg2024, reg2026]
    .map((d) => parseRegistry(d))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return bundled;
}

/** The newest registry in force on `asOf` (YYYY-MM-DD), or the oldest when none is yet. */
export function registryForDate(
  asOf: string,
  registries: RuleRegistry[] = bundledRegistries(),
): RuleRegistry {
  const applicable = registries.filter((r) => r.effectiveFrom <= asOf);
  const chosen = applicable[applicable.length - 1] ?? registries[0];
  if (!chosen) throw new Error('no rule registry available');
  return chosen;
}

/** A registry by its version string (`2024.1`), from the bundled set. */
export function registryByVersion(version: string): RuleRegistry | undefined {
  return bundledRegistries().find((r) => r.version === version);
}
