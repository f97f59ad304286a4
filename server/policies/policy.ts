/**
 * Who may do what (STYLE.md G7): role × action → scope. Checked in one place, authorize().
 * Scopes: 'own_school' (school staff: their school), 'own_district' (bureau/regulator: their district),
 * 'any' (admin). A role absent from an action's row may not perform it at all.
 */
import { AppError } from '../errors';
import type { Role } from '../../models/user.repository';

export const SCOPES = ['own_school', 'own_district', 'any'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a user of each role belongs to: the scopes below are relative to it (own_school: the user's
 * school; own_district: the user's district). An administrator belongs to none and sees every district.
 */
export const ROLE_TENANCY = {
  school_staff: 'school',
  bureau: 'district',
  regulator: 'district',
  admin: null,
} as const satisfies Record<Role, 'school' | 'district' | null>;

export const POLICY = {
  // 区县与学校
  'district.read': { bureau: 'own_district', regulator: 'own_district', admin: 'any' },
  'district.manage': { admin: 'any' },
  'district.policy.update': { admin: 'any' },
  'school.read': {
    school_staff: 'own_school',
    bureau: 'own_district',
    regulator: 'own_district',
    admin: 'any',
  },
  'school.manage': { admin: 'any' },
  'user.read': { bureau: 'own_district', admin: 'any' },
  'user.manage': { admin: 'any' },
  // 文档（合同、检验报告）
  'document.upload': { school_staff: 'own_school' },
  'document.read': { school_staff: 'own_school', bureau: 'own_district', admin: 'any' },
  'document.correct': { school_staff: 'own_school', bureau: 'own_district' },
  'document.link': { school_staff: 'own_school' },
  // 合同与核验
  'contract.read': { school_staff: 'own_school', bureau: 'own_district', admin: 'any' },
  'contract.manage': { school_staff: 'own_school' },
  'compliance.read': { school_staff: 'own_school', bureau: 'own_district', admin: 'any' },
  // 供货企业名单与监督抽查
  'supplier.read': { bureau: 'own_district', regulator: 'own_district', admin: 'any' },
  'samplingList.preview': { bureau: 'own_district', admin: 'any' },
  'samplingList.send': { bureau: 'own_district' },
  'samplingList.read': { bureau: 'own_district', regulator: 'own_district', admin: 'any' },
  'samplingList.acknowledge': { regulator: 'own_district' },
  'samplingResult.record': { regulator: 'own_district' },
  'samplingResult.read': { bureau: 'own_district', regulator: 'own_district', admin: 'any' },
  'webhook.manage': { regulator: 'own_district', admin: 'any' },
  'webhookDelivery.resend': { bureau: 'own_district', admin: 'any' },
  'statistics.read': { bureau: 'own_district', regulator: 'own_district', admin: 'any' },
  /** 成果统计表: the cells market supervision types (监督检查, 执法办案, …) for its district */
  'statistics.enter': { regulator: 'own_district' },
  'notification.read': {
    school_staff: 'own_school',
    bureau: 'own_district',
    regulator: 'own_district',
    admin: 'any',
  },
  // 规则库
  'registry.read': { school_staff: 'any', bureau: 'any', regulator: 'any', admin: 'any' },
  'registry.update': { admin: 'any' },
  'audit.read': { bureau: 'own_district', admin: 'any' },
  // 个人
  'token.manage': { school_staff: 'any', bureau: 'any', regulator: 'any', admin: 'any' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof POLICY;

/** Every action of the table, in its order. */
export const ACTIONS = Object.keys(POLICY) as Action[];

/** What this role may do: every action with the role's scope for it, or null where it may not. */
export function permissionsOf(role: Role): Record<Action, Scope | null> {
  return Object.fromEntries(
    ACTIONS.map((a) => [a, (POLICY[a] as Partial<Record<Role, Scope>>)[role] ?? null]),
  ) as Record<Action, Scope | null>;
}

/** The authenticated principal as handlers see it. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  schoolId: string | null;
  /** The user's district (for school staff: their school's district). */
  districtId: string | null;
}

/** A resource's tenancy: the district it belongs to and, when it belongs to a school, the school. */
export interface Tenancy {
  districtId: string | null;
  schoolId?: string | null;
}

export function scopeOf(user: Principal, action: Action): Scope | undefined {
  return (POLICY[action] as Partial<Record<Role, Scope>>)[user.role];
}

/** Whether `user` may perform `action` on a resource with this tenancy. */
export function can(user: Principal, action: Action, resource?: Tenancy): boolean {
  const scope = scopeOf(user, action);
  if (!scope) return false;
  if (scope === 'any' || !resource) return true;
  if (scope === 'own_school') return !!user.schoolId && resource.schoolId === user.schoolId;
  return !!user.districtId && resource.districtId === user.districtId;
}

/**
 * Throws FORBIDDEN unless allowed. A resource outside the user's tenancy is reported as
 * NOT_FOUND, so that ids of other schools' records cannot be probed.
 */
export function authorize(user: Principal, action: Action, resource?: Tenancy): void {
  const scope = scopeOf(user, action);
  if (!scope) throw new AppError('FORBIDDEN');
  if (!can(user, action, resource)) throw new AppError('NOT_FOUND');
}

/** Row filter for list endpoints: what this user may see for `action`. Throws FORBIDDEN if nothing. */
export function listScope(user: Principal, action: Action): { schoolId?: string; districtId?: string } {
  const scope = scopeOf(user, action);
  if (!scope) throw new AppError('FORBIDDEN');
  if (scope === 'own_school') return { schoolId: user.schoolId ?? '00000000-0000-0000-0000-000000000000' };
  if (scope === 'own_district') {
    return { districtId: user.districtId ?? '00000000-0000-0000-0000-000000000000' };
  }
  return {};
}
