/** verify_rules: recomputes the verification of every contract line this document touches. */
import { recomputeVerificationFor } from '../verification-hook';
import type { Stage } from '../stage';

export const verifyStage: Stage = {
  name: 'verify_rules',
  async run(s) {
    try {
      await recomputeVerificationFor(s.app, s.doc.id);
    } catch (e) {
      // The document itself is stored; a verification failure is logged and recomputed on the next change.
      s.app.logger.error({ err: e, documentId: s.doc.id }, 'verification recompute failed');
    }
  },
};
