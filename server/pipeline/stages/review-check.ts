/**
 * review_check: applies any corrections people made before (a re-processed document keeps them) and
 * lists the fields that need a person's look: missing required fields, low confidence, parser flags, and
 * party names one or two characters away from a school or bureau registered in the district, a
 * contract whose 采购人 is not the uploading school, required items missing from a report's item table.
 */
import { listCorrections } from '../../../models/document.repository';
import { applyCorrections } from '../../review/effective';
import { reviewFieldsFor } from '../../review/review-fields';
import { loadRegistries } from '../../use-cases/registry/registry-versions';
import type { Stage } from '../stage';

export const reviewCheckStage: Stage = {
  name: 'review_check',
  async run(s) {
    if (!s.extraction) throw new Error('review_check needs the extraction (parse_fields)');
    const corrections = await listCorrections(s.app.db, s.doc.id);
    s.effective = applyCorrections(s.extraction, corrections);
    s.reviewFields = await reviewFieldsFor(
      s.app.db,
      s.doc,
      s.effective,
      corrections.map((c) => c.path),
      s.effective.kind === 'test_report' ? await loadRegistries(s.app.db) : [],
    );
  },
};
