import type { Db } from '../../models/db';
import { findSchool } from '../../models/district.repository';
import type { User } from '../../models/user.repository';
import type { Principal } from '../policies/policy';

/** The user as authorization sees it (school staff get their school's district). */
export async function toPrincipal(db: Db, user: User): Promise<Principal> {
  let districtId = user.districtId;
  if (user.schoolId && !districtId) districtId = (await findSchool(db, user.schoolId))?.districtId ?? null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    schoolId: user.schoolId,
    districtId,
  };
}
