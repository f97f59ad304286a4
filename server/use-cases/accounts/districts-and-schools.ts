/**
 * Reading the district directory (区县, 学校) within the user's scope, and changing a district's
 * verification policy (audited, in one transaction with the change).
 */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, listScope, type Principal } from '../../policies/policy';
import {
  findDistrict,
  findSchool,
  listDistricts,
  listSchools,
  updateDistrictPolicy,
  type District,
  type School,
} from '../../../models/district.repository';
import { recordAudit } from '../../../models/audit.repository';

export async function listVisibleDistricts(ctx: AppContext, user: Principal): Promise<District[]> {
  const scope = listScope(user, 'district.read');
  return listDistricts(ctx.db, { id: scope.districtId });
}

export async function districtFor(
  ctx: AppContext,
  user: Principal,
  id: string,
  action: 'district.read' | 'district.policy.update',
): Promise<District> {
  const d = await findDistrict(ctx.db, id);
  authorize(user, action, { districtId: d?.id ?? null });
  if (!d) throw notFound('区县');
  return d;
}

export async function setDistrictPolicy(
  ctx: AppContext,
  user: Principal,
  id: string,
  policy: Record<string, unknown>,
): Promise<District> {
  const d = await districtFor(ctx, user, id, 'district.policy.update');
  return ctx.db.transaction(async (tx) => {
    const row = await updateDistrictPolicy(tx, d.id, policy);
    await recordAudit(tx, {
      userId: user.id,
      action: 'district.policy.update',
      resourceType: 'district',
      resourceId: d.id,
      districtId: d.id,
      details: { before: d.policy, after: policy },
    });
    return row!;
  });
}

/** Schools in the user's scope; a user who sees every district may narrow to one. */
export async function listVisibleSchools(
  ctx: AppContext,
  user: Principal,
  districtId?: string,
): Promise<School[]> {
  const scope = listScope(user, 'school.read');
  const rows = await listSchools(ctx.db, {
    ...scope,
    ...(scope.districtId || scope.schoolId ? {} : { districtId }),
  });
  return rows.filter((s) => !districtId || s.districtId === districtId);
}

export async function schoolFor(
  ctx: AppContext,
  user: Principal,
  id: string,
  action: 'school.read' | 'compliance.read',
): Promise<School> {
  const s = await findSchool(ctx.db, id);
  authorize(user, action, { districtId: s?.districtId ?? null, schoolId: s?.id ?? null });
  if (!s) throw notFound('学校');
  return s;
}
