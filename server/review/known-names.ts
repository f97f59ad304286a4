/** The organisation names registered in a district: its schools and its education bureau. */
import type { Db, Tx } from '../../models/db';
import { findDistrict, listSchools } from '../../models/district.repository';

export async function knownOrganisationNames(db: Db | Tx, districtId: string): Promise<string[]> {
  const [district, schools] = await Promise.all([
    findDistrict(db, districtId),
    listSchools(db, { districtId }),
  ]);
  return [...(district ? [district.bureauName] : []), ...schools.map((s) => s.name)];
}
