/**
 * After one document changed (uploaded, corrected, linked or unlinked), recomputes only the contract
 * lines whose findings can depend on it — the lines using it, and the lines using any report with
 * the same report number (before or after the change) — and stores their findings.
 */
import type { Db } from '../../models/db';
import { replaceLineFindings } from '../../models/finding.repository';
import { linesAffectedByDocument, prepareDistrict, verifyLines } from '../verify/engine';
import type { LineResult } from '../verify/types';
import { loadVerificationInput, type VerifyDistrictCommand } from './verify-district';

export interface ReverifyDocumentCommand extends VerifyDistrictCommand {
  documentId: string;
  /** The report number before a correction, when it changed (its old duplicates are re-checked). */
  previousReportNumber?: string | null;
  /** Lines to recompute as well (e.g. lines the document was just unlinked from). */
  alsoLineIds?: string[];
}

export interface ReverifyResult {
  registryVersion: string;
  affectedLineIds: string[];
  lines: LineResult[];
}

export async function reverifyDocumentUseCase(db: Db, cmd: ReverifyDocumentCommand): Promise<ReverifyResult> {
  const input = await loadVerificationInput(db, cmd);
  const prepared = prepareDistrict(input);
  const affected = [
    ...new Set([
      ...linesAffectedByDocument(prepared.ctx.index, cmd.documentId, cmd.previousReportNumber),
      ...(cmd.alsoLineIds ?? []).filter((id) => prepared.lines.has(id)),
    ]),
  ];
  const results = verifyLines(prepared, affected);
  const byLine = new Map(
    [...results].map(([lineId, l]) => [
      lineId,
      l.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence,
      })),
    ]),
  );
  await db.transaction(async (tx) => {
    await replaceLineFindings(tx, affected, byLine, input.registry.version);
  });
  return { registryVersion: input.registry.version, affectedLineIds: affected, lines: [...results.values()] };
}
