/**
 * The tenancy fixture: district A with schools A1 and A2, district B with school B1, and one
 * account per role (school staff of A1, bureau and regulator of A, admin).
 * "own" = A1 / district A; "sameDistrict" = A2 (another school, same district); "otherDistrict" = B1 / B.
 */
import type { Role } from '../../models/user.repository';
import type { District, School } from '../../models/district.repository';
import { buildDistrict, buildSchool, buildUser, tokenFor, type TestApp } from '../helpers/test-app';

export const ROLES: Role[] = ['school_staff', 'bureau', 'regulator', 'admin'];
export type Target = 'own' | 'sameDistrict' | 'otherDistrict';
export const TARGETS: Target[] = ['own', 'sameDistrict', 'otherDistrict'];

export interface TenancyFixture {
  districtA: District;
  districtB: District;
  schools: Record<Target, School>;
  /** Bearer tokens per role */
  tokens: Record<Role, string>;
  usernames: Record<Role, string>;
  t: TestApp;
}

export async function buildTenancyFixture(t: TestApp): Promise<TenancyFixture> {
  const districtA = await buildDistrict(t.ctx);
  const districtB = await buildDistrict(t.ctx);
  const schools = {
    own: await buildSchool(t.ctx, { districtId: districtA.id }),
    sameDistrict: await buildSchool(t.ctx, { districtId: districtA.id }),
    otherDistrict: await buildSchool(t.ctx, { districtId: districtB.id }),
  };
  const users = {
    school_staff: await buildUser(t.ctx, 'school_staff', { schoolId: schools.own.id }),
    bureau: await buildUser(t.ctx, 'bureau', { districtId: districtA.id }),
    regulator: await buildUser(t.ctx, 'regulator', { districtId: districtA.id }),
    admin: await buildUser(t.ctx, 'admin'),
  };
  const tokens = {} as Record<Role, string>;
  const usernames = {} as Record<Role, string>;
  for (const role of ROLES) {
    tokens[role] = await tokenFor(t.app, users[role].username);
    usernames[role] = users[role].username;
  }
  return { districtA, districtB, schools, tokens, usernames, t };
}

/** The district of a target. */
export function districtOf(f: TenancyFixture, target: Target): District {
  return target === 'otherDistrict' ? f.districtB : f.districtA;
}
