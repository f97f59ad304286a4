/** Creating districts, schools and users — shared by the admin API and the CLI. */
import type { Db } from '../../../models/db';
import {
  findDistrict,
  findSchool,
  insertDistrict,
  insertSchool,
  type SchoolKind,
} from '../../../models/district.repository';
import { insertUser, type Role, type User } from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';
import { AppError } from '../../errors';
import { hashPassword, passwordProblem } from '../../auth/passwords';
import { ROLE_TENANCY } from '../../policies/policy';
import { ROLES } from '../../vocabulary';

export async function createDistrict(
  db: Db,
  actorId: string | null,
  d: { code: string; name: string; bureauName: string },
) {
  const row = await insertDistrict(db, d);
  await recordAudit(db, {
    userId: actorId,
    action: 'district.create',
    resourceType: 'district',
    resourceId: row.id,
    districtId: row.id,
    details: d,
  });
  return row;
}

export async function createSchool(
  db: Db,
  actorId: string | null,
  s: { districtId: string; name: string; kind: SchoolKind; address?: string | null },
) {
  if (!(await findDistrict(db, s.districtId))) throw new AppError('VALIDATION_FAILED', '所属区县不存在');
  const row = await insertSchool(db, s);
  await recordAudit(db, {
    userId: actorId,
    action: 'school.create',
    resourceType: 'school',
    resourceId: row.id,
    districtId: s.districtId,
    details: { name: s.name },
  });
  return row;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  schoolId?: string | null;
  districtId?: string | null;
}

/** A user's tenancy must fit the role (policy.ts ROLE_TENANCY): one school, one district, or none. */
export async function createUser(db: Db, actorId: string | null, u: NewUser): Promise<User> {
  const problem = passwordProblem(u.password);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem, [{ field: 'body.password', message: problem }]);
  }
  let schoolId: string | null = null;
  let districtId: string | null = null;
  const belongsTo = ROLE_TENANCY[u.role];
  if (belongsTo === 'school') {
    if (!u.schoolId) throw new AppError('VALIDATION_FAILED', `${ROLES[u.role]}必须指定所属学校`);
    const school = await findSchool(db, u.schoolId);
    if (!school) throw new AppError('VALIDATION_FAILED', '所属学校不存在');
    schoolId = school.id;
    districtId = school.districtId;
  } else if (belongsTo === 'district') {
    if (!u.districtId) throw new AppError('VALIDATION_FAILED', `${ROLES[u.role]}账户必须指定所属区县`);
    if (!(await findDistrict(db, u.districtId))) throw new AppError('VALIDATION_FAILED', '所属区县不存在');
    districtId = u.districtId;
  }
  const row = await insertUser(db, {
    username: u.username,
    displayName: u.displayName,
    passwordHash: await hashPassword(u.password),
    role: u.role,
    schoolId,
    districtId,
  });
  await recordAudit(db, {
    userId: actorId,
    action: 'user.create',
    resourceType: 'user',
    resourceId: row.id,
    districtId,
    details: { username: u.username, role: u.role },
  });
  return row;
}
