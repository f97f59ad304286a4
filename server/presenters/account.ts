/** Public JSON shapes for accounts and tenancy (STYLE.md G8): no hashes, no internal flags. */
import { z } from 'zod';
import type { District, School } from '../../models/district.repository';
import type { ApiToken, User } from '../../models/user.repository';
import { ACTIONS, permissionsOf, SCOPES, type Action, type Principal } from '../policies/policy';
import { codesOf, ROLES, SCHOOL_KINDS } from '../vocabulary';

export const RoleSchema = z.enum(codesOf(ROLES));
export const SchoolKindSchema = z.enum(codesOf(SCHOOL_KINDS));

export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
  schoolId: z.uuid().nullable(),
  districtId: z.uuid().nullable(),
  disabled: z.boolean().optional(),
  /** An administrator reset the password: the user must choose a new one before anything else. */
  mustChangePassword: z.boolean().optional(),
});

export function presentPrincipal(p: Principal, mustChangePassword = false): z.infer<typeof UserView> {
  return { ...p, roleLabel: ROLES[p.role], mustChangePassword };
}

/**
 * What the signed-in user may do, from the policy table (server/policies/policy.ts): every action with
 * the user's scope for it (own_school, own_district, any), or null where the user may not. The pages
 * decide what to show from this, never from the role's name.
 */
const ScopeView = z
  .enum(SCOPES)
  .nullable()
  .describe('own_school 本校 / own_district 本区县 / any 全部；null 表示无此权限');
export const MayView = z
  .object(Object.fromEntries(ACTIONS.map((a) => [a, ScopeView])) as Record<Action, typeof ScopeView>)
  .describe('当前用户可执行的操作（来自权限表）：操作 → 范围');

/** The session as the pages receive it: who is signed in, what they may do, and the CSRF token. */
export const SessionView = z.object({ user: UserView, may: MayView, csrfToken: z.string().nullable() });

export function presentSession(
  p: Principal,
  mustChangePassword: boolean,
  csrfToken: string | null,
): z.infer<typeof SessionView> {
  return { user: presentPrincipal(p, mustChangePassword), may: permissionsOf(p.role), csrfToken };
}

export function presentUser(u: User): z.infer<typeof UserView> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: ROLES[u.role],
    schoolId: u.schoolId,
    districtId: u.districtId,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
  };
}

export const DistrictView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  bureauName: z.string(),
  policy: z.record(z.string(), z.unknown()),
});

export function presentDistrict(d: District): z.infer<typeof DistrictView> {
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    bureauName: d.bureauName,
    policy: d.policy as Record<string, unknown>,
  };
}

export const SchoolView = z.object({
  id: z.uuid(),
  districtId: z.uuid(),
  name: z.string(),
  kind: SchoolKindSchema,
  kindLabel: z.string(),
  address: z.string().nullable(),
});

export function presentSchool(s: School): z.infer<typeof SchoolView> {
  return {
    id: s.id,
    districtId: s.districtId,
    name: s.name,
    kind: s.kind,
    kindLabel: SCHOOL_KINDS[s.kind],
    address: s.address,
  };
}

export const TokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});

export function presentToken(t: ApiToken): z.infer<typeof TokenView> {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
  };
}
