/**
 * Saves a document's result in one transaction: extraction/effective/status/review fields on the row,
 * and the structured rows (report + items, or contract + lines) rebuilt from `effective`.
 * Used by the pipeline's store stage and by corrections.
 */
import type { Extraction } from '../../../parsers/types';
import type { Db, Tx } from '../../../models/db';
import { saveResult, type DocumentWithDistrict, type ReviewField } from '../../../models/document.repository';
import { replaceTestReport, upsertContract } from '../../../models/document-rows.repository';

export interface DocumentResult {
  /** Omitted when only corrections changed (the extraction as read stays). */
  extraction?: Extraction;
  effective: Extraction;
  reviewFields: ReviewField[];
  pageCount?: number | null;
  processingMs?: number;
}

export async function storeDocumentResult(
  db: Db,
  doc: DocumentWithDistrict,
  r: DocumentResult,
): Promise<void> {
  await db.transaction((tx) => saveDocumentResult(tx, doc, r));
}

/** The same inside a caller's transaction. */
export async function saveDocumentResult(
  tx: Tx,
  doc: DocumentWithDistrict,
  r: DocumentResult,
): Promise<void> {
  await saveResult(tx, doc.id, {
    kind: r.effective.kind,
    status: r.reviewFields.length ? 'needs_review' : 'parsed',
    extraction: r.extraction,
    effective: r.effective,
    reviewFields: r.reviewFields,
    pageCount: r.pageCount,
    processingMs: r.processingMs,
    stage: 'store',
  });
  await rebuildRows(tx, doc, r.effective);
}

async function rebuildRows(tx: Tx, doc: DocumentWithDistrict, effective: Extraction): Promise<void> {
  switch (effective.kind) {
    case 'test_report':
      await replaceTestReport(tx, doc.id, effective);
      return;
    case 'contract':
      await upsertContract(tx, doc.id, doc.schoolId, effective);
      return;
  }
}
