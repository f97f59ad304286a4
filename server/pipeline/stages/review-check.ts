/**
 * review_check: applies any corrections people made before (a re-processed document keeps them) and
 * lists the fields that need a person's look: missing required fields, low confidence, parser flags, and
 * party names one or two characters away from a school or bureau registered in the district, a
 * contract whose 采购人 is not the uploading school, required items missing from a report's item table.
 */
import type { Extraction } from '../../../parsers/types';
import { listCorrections, type ReviewField } from '../../../models/document.repository';
import { applyCorrections } from '../../review/effective';
import { reviewFieldsFor } from '../../review/review-fields';
import type { ReadInput } from '../stage';

export interface Reviewed {
  /** The extraction with people's corrections applied (what the structured rows are built from). */
  effective: Extraction;
  reviewFields: ReviewField[];
}

/** `knownNames`: the district's registered names when the caller has read them already. */
export async function checkForReview(
  input: ReadInput,
  extraction: Extraction,
  knownNames?: readonly string[],
): Promise<Reviewed> {
  const corrections = await listCorrections(input.db, input.doc.id);
  const effective = applyCorrections(extraction, corrections);
  const reviewFields = await reviewFieldsFor(
    input.db,
    input.doc,
    effective,
    corrections.map((c) => c.path),
    effective.kind === 'test_report' ? await input.registries() : [],
    knownNames,
  );
  return { effective, reviewFields };
}
