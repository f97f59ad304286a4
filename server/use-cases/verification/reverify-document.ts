/**
 * After one document changed (uploaded, corrected, linked or unlinked), recomputes only the contract
 * lines whose findings can depend on it — the lines using it, and the lines using any report with
 * the same report number (before or after the change) — and stores their findings. Only what those
 * lines need is read from the database (`loadAffectedLines`); the findings equal a full recompute's.
 */
import type { Db } from '../../../models/db';
import { lockDistrictFindings, replaceLineFindings } from '../../../models/finding.repository';
import { prepareDistrict, verifyLines } from '../../verify/engine';
import type { LineResult } from '../../verify/types';
import { loadAffectedLines, type AffectedLinesCommand } from './load-affected-lines';
import { findingsByLine } from './findings-by-line';

export type ReverifyDocumentCommand = AffectedLinesCommand;

export interface ReverifyResult {
  registryVersion: string;
  affectedLineIds: string[];
  lines: LineResult[];
}

export async function reverifyDocumentUseCase(db: Db, cmd: ReverifyDocumentCommand): Promise<ReverifyResult> {
  // One transaction holding the district's findings lock: the facts read are the latest committed
  // and no other recompute of the district interleaves (lockDistrictFindings).
  return db.transaction(async (tx) => {
    await lockDistrictFindings(tx, cmd.districtId);
    const { input, lineIds: affected } = await loadAffectedLines(tx, cmd);
    const results = verifyLines(prepareDistrict(input), affected);
    const byLine = findingsByLine(results.values());
    await replaceLineFindings(tx, affected, byLine, input.registry.version);
    return {
      registryVersion: input.registry.version,
      affectedLineIds: affected,
      lines: [...results.values()],
    };
  });
}
