/**
 * Re-verification after a document's structured rows changed (processing, corrections, report links):
 * recomputes the findings of every line the document is evidence for.
 */
import type { AppContext } from '../../context';
import { findDocumentDistrictId } from '../../../models/report.repository';
import { reverifyDocumentUseCase, type ReverifyResult } from './reverify-document';

export interface RecomputeHints {
  /** The report number before a correction changed it (its old duplicates need a re-check). */
  previousReportNumber?: string | null;
  /** Lines the document was unlinked from (they no longer reference it). */
  lineIds?: string[];
}

/** Null when the document belongs to no district (nothing to verify). */
export async function recomputeForDocument(
  ctx: AppContext,
  documentId: string,
  hints: RecomputeHints = {},
): Promise<ReverifyResult | null> {
  const districtId = await findDocumentDistrictId(ctx.db, documentId);
  if (!districtId) return null;
  const result = await reverifyDocumentUseCase(ctx.db, {
    districtId,
    documentId,
    asOf: new Date().toISOString().slice(0, 10),
    previousReportNumber: hints.previousReportNumber ?? null,
    alsoLineIds: hints.lineIds ?? [],
  });
  ctx.logger.debug({ documentId, lines: result.affectedLineIds.length }, 'verification recomputed');
  return result;
}
