/**
 * verify_rules: matches the document's reports to the school's contract lines (自动匹配, see
 * use-cases/match-reports.ts), then recomputes the verification of every contract line it touches.
 */
import { matchDocumentToLines } from '../../use-cases/contracts/match-reports';
import { recomputeVerificationFor } from '../verification-hook';
import type { Stage } from '../stage';

export const verifyStage: Stage = {
  name: 'verify_rules',
  async run(s) {
    try {
      const { changedLineIds } = await matchDocumentToLines(s.app, s.doc.id);
      await recomputeVerificationFor(s.app, s.doc.id, { lineIds: changedLineIds });
    } catch (e) {
      // The document itself is stored; a verification failure is logged and recomputed on the next change.
      s.app.logger.error({ err: e, documentId: s.doc.id }, 'verification recompute failed');
    }
  },
};
