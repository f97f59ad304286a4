/**
 * Verifies a district: loads contracts, lines, links and reports from the database, runs the
 * verification engine, stores each line's findings and returns the result (per-line findings and
 * the ranked sampling list). The CLI audit and the service run exactly this.
 */
import type { Db } from '../../../models/db';
import { findDistrict, listDistricts, listSchools } from '../../../models/district.repository';
import { listDistrictContracts, type ContractWithLines } from '../../../models/contract.repository';
import { listDistrictReports, type StoredReport } from '../../../models/report.repository';
import {
  ensureRegistryVersion,
  lockDistrictFindings,
  replaceLineFindings,
} from '../../../models/finding.repository';
import { notFound } from '../../errors';
import { verifyDistrict } from '../../verify/engine';
import { resolvePolicy } from '../../verify/policy';
import { registryForDate, type RuleRegistry } from '../../verify/registry/registry';
import { loadRegistries } from '../registry/registry-versions';
import type { DistrictResult, EngineContract, EngineReport, VerifyDistrictInput } from '../../verify/types';
import { findingsByLine } from './findings-by-line';

export interface VerifyDistrictCommand {
  districtId: string;
  /** YYYY-MM-DD: the date rules depending on "today" use */
  asOf: string;
  /** A specific registry; by default the newest one in force on `asOf`. */
  registry?: RuleRegistry;
}

/** What verification reads besides contracts and reports. */
export type DistrictSetting = Omit<VerifyDistrictInput, 'contracts' | 'reports'>;

/** The district, its schools, the registry in force on `asOf` and the district's resolved policy. */
export async function loadDistrictSetting(db: Db, cmd: VerifyDistrictCommand): Promise<DistrictSetting> {
  const district = await findDistrict(db, cmd.districtId);
  if (!district) throw notFound('区县');
  const [allSchools, allDistricts] = await Promise.all([listSchools(db, {}), listDistricts(db)]);
  const registry = cmd.registry ?? registryForDate(cmd.asOf, await loadRegistries(db));
  return {
    district: { name: district.name, bureauName: district.bureauName },
    schools: allSchools
      .filter((s) => s.districtId === district.id)
      .map((s) => ({ name: s.name, kind: s.kind })),
    otherParties: [
      ...allSchools
        .filter((s) => s.districtId !== district.id)
        .map((s) => ({ name: s.name, role: 'school' as const })),
      ...allDistricts
        .filter((d) => d.id !== district.id)
        .map((d) => ({ name: d.bureauName, role: 'bureau' as const })),
    ],
    registry,
    policy: resolvePolicy(district.policy, registry),
    asOf: cmd.asOf,
  };
}

/** A stored contract as the engine reads it (evidence names the contract document when there is one). */
export function toEngineContract(c: ContractWithLines): EngineContract {
  return {
    id: c.documentId ?? c.id,
    file: c.file,
    extraction: c.extraction,
    supplierAliases: c.supplierAliases,
    lines: c.lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      line: l.line,
      reportIds: l.reports.map((r) => r.documentId),
      guessedReportIds: l.reports
        .filter((r) => r.source === 'proposed' || r.source === 'auto')
        .map((r) => r.documentId),
      acceptedDate: l.acceptedDate,
      confirmedClients: Object.fromEntries(
        l.reports.flatMap((r) => (r.clientConfirmed ? [[r.documentId, r.clientConfirmed]] : [])),
      ),
    })),
  };
}

export function toEngineReport(r: StoredReport): EngineReport {
  return { id: r.documentId, file: r.file, extraction: r.extraction };
}

/** Reads everything the engine needs for a district. */
export async function loadVerificationInput(
  db: Db,
  cmd: VerifyDistrictCommand,
): Promise<VerifyDistrictInput> {
  const setting = await loadDistrictSetting(db, cmd);
  const [contractRows, reportRows] = await Promise.all([
    listDistrictContracts(db, cmd.districtId),
    listDistrictReports(db, cmd.districtId),
  ]);
  return {
    ...setting,
    contracts: contractRows.map(toEngineContract),
    reports: reportRows.map(toEngineReport),
  };
}

/**
 * Full recompute of a district's findings: in one transaction holding the district's findings lock,
 * so the facts read are the latest committed and no other recompute of the district interleaves.
 */
export async function verifyDistrictUseCase(db: Db, cmd: VerifyDistrictCommand): Promise<DistrictResult> {
  return db.transaction(async (tx) => {
    await lockDistrictFindings(tx, cmd.districtId);
    const input = await loadVerificationInput(tx, cmd);
    const result = verifyDistrict(input);
    await ensureRegistryVersion(tx, {
      version: input.registry.version,
      rules: input.registry,
      note: input.registry.note,
    });
    const byLine = findingsByLine(result.lines);
    await replaceLineFindings(tx, [...byLine.keys()], byLine, result.registryVersion);
    return result;
  });
}
