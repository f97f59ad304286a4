/** Public JSON shapes for accounts and tenancy (STYLE.md G8): no hashes, no internal flags. */
import { z } from 'zod';
import type { District, School } from '../../models/district.repository';
import type { ApiToken, User } from '../../models/user.repository';
import type { Principal } from '../policies/policy';
import { ROLES, SCHOOL_KINDS } from '../vocabulary';

export const ROLE_LABELS = ROLES;
export const SCHOOL_KIND_LABELS = SCHOOL_KINDS;

export const RoleSchema = z.enum(['school_staff', 'bureau', 'regulator', 'admin']);
export const SchoolKindSchema = z.enum([
  'kindergarten',
  'primary',
  'junior',
  'senior',
  'complete_secondary',
  'nine_year',
]);

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
  return { ...p, roleLabel: ROLE_LABELS[p.role], mustChangePassword };
}

export function presentUser(u: User): z.infer<typeof UserView> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
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
    kindLabel: SCHOOL_KIND_LABELS[s.kind],
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
