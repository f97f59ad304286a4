/**
 * The review flags of a document, with everything they depend on beyond the extraction: the names
 * registered in the district, the uploading school (a contract's 采购人 must be it; its kind tells the
 * pupils' age), the required items of the report's category in the registry in force today, and the
 * paths a person confirmed when finishing the review (核对完成).
 */
import type { Db, Tx } from '../../models/db';
import type { ReviewField } from '../../models/document.repository';
import { findSchool } from '../../models/district.repository';
import type { Extraction } from '../../parsers/types';
import { registryForDate, type RuleRegistry } from '../verify/registry/registry';
import { missingRequiredItems, reportFacts } from '../verify/report-checks';
import { computeReviewFields } from './effective';
import { knownOrganisationNames } from './known-names';

export interface ReviewedDocument {
  schoolId: string;
  districtId: string;
  declaredKind: string | null;
  confirmedPaths: unknown;
}

/**
 * Review flags of `effective`; `corrected` are the paths people corrected; `registries` every registry
 * version available (the caller loads them: use-cases/registry/registry-versions.ts); `names` the
 * district's registered names when the caller has read them already (else they are read here).
 */
export async function reviewFieldsFor(
  db: Db | Tx,
  doc: ReviewedDocument,
  effective: Extraction,
  corrected: readonly string[],
  registries: readonly RuleRegistry[],
  names?: readonly string[],
): Promise<ReviewField[]> {
  const [knownNames, school] = await Promise.all([
    names ?? knownOrganisationNames(db, doc.districtId),
    findSchool(db, doc.schoolId),
  ]);
  const missingItems =
    effective.kind === 'test_report' && registries.length
      ? (() => {
          const registry = registryForDate(new Date().toISOString().slice(0, 10), [...registries]);
          return missingRequiredItems(
            effective.items ?? [],
            reportFacts(effective, school?.kind ?? '', registry),
            registry,
          );
        })()
      : [];
  return computeReviewFields(effective, corrected, {
    declaredKind: doc.declaredKind,
    knownNames,
    ownSchoolName: school?.name,
    missingItems,
    confirmed: Array.isArray(doc.confirmedPaths) ? (doc.confirmedPaths as string[]) : [],
  });
}
