/**
 * 规则库 versions: the bundled ones (server/verify/registry/data) plus those an admin publishes.
 * A published version is validated with the registry schema, stored once (immutable), recorded in
 * the audit log, and every district is re-verified; findings name the version they were judged with.
 */
import { ZodError } from 'zod';
import type { Db } from '../../../models/db';
import { listDistricts } from '../../../models/district.repository';
import {
  findRegistryVersionRow,
  insertRegistryVersion,
  listRegistryVersions,
} from '../../../models/registry.repository';
import { recordAudit } from '../../../models/audit.repository';
import { AppError } from '../../errors';
import {
  bundledRegistries,
  registryForDate,
  registrySchema,
  type RuleRegistry,
} from '../../verify/registry/registry';
import { loadRegistries, today } from './registry-versions';
import type { Principal } from '../../policies/policy';
import { verifyDistrictUseCase } from '../verification/verify-district';

export interface RegistryVersionInfo {
  version: string;
  effectiveFrom: string;
  note: string;
  source: 'bundled' | 'published';
  publishedAt: string | null;
  active: boolean;
}

export async function listRegistryInfo(db: Db, asOf = today()): Promise<RegistryVersionInfo[]> {
  const all = await loadRegistries(db);
  const active = registryForDate(asOf, all).version;
  const rows = new Map((await listRegistryVersions(db)).map((r) => [r.version, r]));
  const bundled = new Set(bundledRegistries().map((r) => r.version));
  return all.map((r) => ({
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    note: r.note,
    source: bundled.has(r.version) ? 'bundled' : 'published',
    publishedAt: bundled.has(r.version) ? null : (rows.get(r.version)?.createdAt.toISOString() ?? null),
    active: r.version === active,
  }));
}

export async function getRegistryVersion(db: Db, version: string): Promise<RuleRegistry | undefined> {
  return (await loadRegistries(db)).find((r) => r.version === version);
}

/** Publishes a new registry version and re-verifies every district with the registry then in force. */
export async function publishRegistryVersion(
  db: Db,
  user: Principal,
  doc: unknown,
): Promise<{ version: RegistryVersionInfo; reverifiedDistricts: number }> {
  const parsed = registrySchema.safeParse(doc);
  // the error handler names each field from the request body (body.rules.…)
  if (!parsed.success) {
    throw new ZodError(parsed.error.issues.map((i) => ({ ...i, path: ['rules', ...i.path] })));
  }
  const rules = parsed.data;
  const exists =
    bundledRegistries().some((r) => r.version === rules.version) ||
    (await findRegistryVersionRow(db, rules.version));
  if (exists) {
    throw new AppError(
      'CONFLICT',
      `规则库版本 ${rules.version} 已存在，版本发布后不可修改，请使用新的版本号`,
    );
  }
  await db.transaction(async (tx) => {
    await insertRegistryVersion(tx, { version: rules.version, rules, note: rules.note, createdBy: user.id });
    await recordAudit(tx, {
      userId: user.id,
      action: 'registry.publish',
      resourceType: 'rule_registry',
      resourceId: rules.version,
      details: { effectiveFrom: rules.effectiveFrom, note: rules.note },
    });
  });
  const districts = await listDistricts(db);
  const asOf = today();
  for (const d of districts) await verifyDistrictUseCase(db, { districtId: d.id, asOf });
  const info = (await listRegistryInfo(db, asOf)).find((r) => r.version === rules.version)!;
  return { version: info, reverifiedDistricts: districts.length };
}
