/**
 * The organisation names registered in a district: its schools, its education bureau and the suppliers
 * holding contracts with its schools (names and aliases). OCR readings of party names are decoded against these (parsers/text/party-lexicon.ts) and near ones prompted for review.
 */
import { districtSupplierNames } from '../../models/compliance.repository';
import type { Db, Tx } from '../../models/db';
import { findDistrict, listSchools } from '../../models/district.repository';

export async function knownOrganisationNames(db: Db | Tx, districtId: string): Promise<string[]> {
  const [district, schools, suppliers] = await Promise.all([
    findDistrict(db, districtId),
    listSchools(db, { districtId }),
    districtSupplierNames(db, districtId),
  ]);
  return [...(district ? [district.bureauName] : []), ...schools.map((s) => s.name), ...suppliers];
}
