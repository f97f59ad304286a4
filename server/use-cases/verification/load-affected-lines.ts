/**
 * What an incremental recompute reads after one document changed: only the contract lines whose
 * findings can depend on it, and exactly what the engine reads for those lines — their contracts
 * (with supplier aliases), the reports linked to them, every report of the district sharing a number
 * with one of those (DUPLICATE_REPORT_NUMBER), and the district setting (schools, registry, policy).
 * The findings are the ones a full recompute gives. Every look-up is driven by an index
 * (line_reports_document_idx, contracts_document_idx, documents_report_number_digits_idx, primary
 * keys) and rows of other districts are dropped here, so no plan depends on table statistics
 * (PGlite never gathers any).
 */
import type { Db } from '../../../models/db';
import {
  listContractsOfLines,
  listLineDistricts,
  listLinesUsingDocuments,
} from '../../../models/contract.repository';
import { findReportNumbers, findReports, reportNumberDigitsOf } from '../../../models/report.repository';
import { normaliseReportNumber } from '../../verify/normalise';
import type { VerifyDistrictInput } from '../../verify/types';
import {
  loadDistrictSetting,
  toEngineContract,
  toEngineReport,
  type VerifyDistrictCommand,
} from './verify-district';

export interface AffectedLinesCommand extends VerifyDistrictCommand {
  documentId: string;
  /** The report number before a correction, when it changed (its old duplicates are re-checked). */
  previousReportNumber?: string | null;
  /** Lines to recompute as well (e.g. lines the document was just unlinked from). */
  alsoLineIds?: string[];
}

export interface AffectedLines {
  /** The engine input restricted to what the affected lines read. */
  input: VerifyDistrictInput;
  /** In display order (contracts as stored, then line number). */
  lineIds: string[];
}

/** Normalised numbers (as the engine compares them), empty ones dropped. */
function numbersOf(raw: (string | null | undefined)[]): Set<string> {
  return new Set(raw.map((n) => normaliseReportNumber(n)).filter((n) => n !== ''));
}

/** The rows that belong to the district. */
function inDistrict<T extends { districtId: string }>(rows: T[], districtId: string): T[] {
  return rows.filter((r) => r.districtId === districtId);
}

/** The district's reports whose number is one of `numbers` (exact comparison after the index look-up). */
async function reportsNumbered(db: Db, districtId: string, numbers: Set<string>): Promise<string[]> {
  if (numbers.size === 0) return [];
  const candidates = await findReportNumbers(db, { numberDigits: [...numbers].map(reportNumberDigitsOf) });
  return inDistrict(candidates, districtId)
    .filter((r) => numbers.has(normaliseReportNumber(r.reportNumber)))
    .map((r) => r.documentId);
}

/**
 * The lines to recompute — those using the document (as a report or as their contract), those using
 * a report with its number before or after the change, and `alsoLineIds` of the district — and the
 * engine input they need.
 */
export async function loadAffectedLines(db: Db, cmd: AffectedLinesCommand): Promise<AffectedLines> {
  const { districtId } = cmd;
  const setting = await loadDistrictSetting(db, cmd);

  const own = inDistrict(await findReportNumbers(db, { documentIds: [cmd.documentId] }), districtId);
  const sameNumber = await reportsNumbered(
    db,
    districtId,
    numbersOf([own[0]?.reportNumber, cmd.previousReportNumber]),
  );
  const using = await listLinesUsingDocuments(db, [cmd.documentId, ...sameNumber]);
  const candidates = [...new Set([...using, ...(cmd.alsoLineIds ?? [])])];
  const affected = new Set(
    inDistrict(await listLineDistricts(db, candidates), districtId).map((l) => l.lineId),
  );

  const contracts = (await listContractsOfLines(db, [...affected])).map(toEngineContract);
  const lineIds = contracts.flatMap((c) => c.lines.map((l) => l.id).filter((id) => affected.has(id)));
  const linked = new Set(
    contracts.flatMap((c) => c.lines.filter((l) => affected.has(l.id)).flatMap((l) => l.reportIds)),
  );
  const linkedNumbers = numbersOf(
    inDistrict(await findReportNumbers(db, { documentIds: [...linked] }), districtId).map(
      (r) => r.reportNumber,
    ),
  );
  const reports = await findReports(db, {
    documentIds: [...linked],
    numberDigits: [...linkedNumbers].map(reportNumberDigitsOf),
  });
  return {
    input: {
      ...setting,
      contracts,
      reports: inDistrict(reports, districtId)
        .filter(
          (r) =>
            linked.has(r.documentId) || linkedNumbers.has(normaliseReportNumber(r.extraction.reportNumber)),
        )
        .map(toEngineReport),
    },
    lineIds,
  };
}
