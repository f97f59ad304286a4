/** store: saves extraction, effective and status, and rebuilds the structured rows in one transaction. */
import { storeDocumentResult } from '../../use-cases/documents/store-document-result';
import type { Stage } from '../stage';

export const storeStage: Stage = {
  name: 'store',
  async run(s) {
    if (!s.extraction || !s.effective || !s.reviewFields) throw new Error('store needs review_check');
    await storeDocumentResult(s.app.db, s.doc, {
      extraction: s.extraction,
      effective: s.effective,
      reviewFields: s.reviewFields,
      pageCount: s.inspected?.pages ?? null,
      processingMs: Date.now() - s.startedAt,
    });
  },
};
