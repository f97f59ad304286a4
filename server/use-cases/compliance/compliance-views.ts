/**
 * What schools and the bureau see of verification: the per-school compliance table of a district,
 * one school's contracts and lines, and one line's evidence. Read-only over the tables the
 * verification use case writes (findings, line_reports, test_reports).
 *
 * A line is dual-covered (双送检齐全) when at least one report is linked to it and verification found
 * neither MISSING_SUPPLIER_REPORT nor MISSING_PURCHASER_REPORT (a report from a third party raises
 * CLIENT_MISMATCH together with the missing side, so it does not count).
 */
import type { Db } from '../../../models/db';
import {
  countLineReports,
  listFindings,
  listLineReports,
  listLines,
  type FindingRow,
  type LineFilter,
  type LineReportRow,
  type LineRow,
} from '../../../models/compliance.repository';
import { findDistrict, findSchool, listSchools } from '../../../models/district.repository';
import { decideSide, matchName } from '../../verify/parties';
import { reasonLabel } from '../../sampling/labels';
import { LINE_STATUSES } from '../../vocabulary';
import { listSuggestions } from '../../../models/line-match.repository';

export type LineStatus = 'compliant' | 'non_compliant' | 'awaiting_reports';
export const LINE_STATUS_LABELS: Record<LineStatus, string> = {
  compliant: LINE_STATUSES.compliant.label,
  non_compliant: LINE_STATUSES.non_compliant.label,
  awaiting_reports: LINE_STATUSES.awaiting_reports.label,
};

const MISSING = new Set(['MISSING_SUPPLIER_REPORT', 'MISSING_PURCHASER_REPORT']);

export function lineStatus(
  findingCodes: string[],
  reportCount: number,
): { status: LineStatus; dualCovered: boolean } {
  const dualCovered = reportCount > 0 && !findingCodes.some((c) => MISSING.has(c));
  if (findingCodes.length > 0) return { status: 'non_compliant', dualCovered };
  return { status: reportCount > 0 ? 'compliant' : 'awaiting_reports', dualCovered };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export interface SchoolComplianceRow {
  schoolId: string;
  schoolName: string;
  kind: string;
  contracts: number;
  lines: number;
  compliantLines: number;
  linesWithFindings: number;
  linesAwaitingReports: number;
  dualCoveredLines: number;
  dualCoveredPct: number;
  openFindings: number;
  findingsByCode: Record<string, number>;
}

export interface LineSummary {
  line: LineRow;
  findings: FindingRow[];
  /** The linked reports (empty when loaded with `reports: 'count'`) */
  reports: LineReportRow[];
  reportCount: number;
  status: LineStatus;
  dualCovered: boolean;
}

/**
 * Lines of a scope with their findings, reports and status. Tables and statistics only need the
 * number of reports per line (`reports: 'count'`), which is much cheaper on a large district.
 */
export async function loadLineSummaries(
  db: Db,
  filter: LineFilter,
  opts: { reports: 'rows' | 'count' } = { reports: 'rows' },
): Promise<LineSummary[]> {
  const lines = await listLines(db, filter);
  const fByLine = groupBy(await listFindings(db, filter), (f) => f.lineId);
  const rByLine =
    opts.reports === 'rows'
      ? groupBy(await listLineReports(db, filter), (r) => r.lineId)
      : new Map<string, LineReportRow[]>();
  const counts =
    opts.reports === 'count'
      ? new Map((await countLineReports(db, filter)).map((c) => [c.lineId, c.n]))
      : new Map([...rByLine.entries()].map(([k, v]) => [k, v.length]));
  return lines.map((line) => {
    const findings = fByLine.get(line.lineId) ?? [];
    const reports = rByLine.get(line.lineId) ?? [];
    const reportCount = counts.get(line.lineId) ?? 0;
    return {
      line,
      findings,
      reports,
      reportCount,
      ...lineStatus(
        findings.map((f) => f.code),
        reportCount,
      ),
    };
  });
}

/** The compliance table: one row per school of the scope (schools without contracts included). */
export async function schoolComplianceTable(
  db: Db,
  scope: { districtId?: string; schoolId?: string },
): Promise<SchoolComplianceRow[]> {
  const schools = await listSchools(db, scope);
  const summaries = await loadLineSummaries(db, scope, { reports: 'count' });
  const bySchool = groupBy(summaries, (s) => s.line.schoolId);
  return schools.map((school) => {
    const mine = bySchool.get(school.id) ?? [];
    const findingsByCode: Record<string, number> = {};
    let openFindings = 0;
    for (const s of mine) {
      for (const f of s.findings) {
        findingsByCode[f.code] = (findingsByCode[f.code] ?? 0) + 1;
        openFindings++;
      }
    }
    const dual = mine.filter((s) => s.dualCovered).length;
    return {
      schoolId: school.id,
      schoolName: school.name,
      kind: school.kind,
      contracts: new Set(mine.map((s) => s.line.contractId)).size,
      lines: mine.length,
      compliantLines: mine.filter((s) => s.status === 'compliant').length,
      linesWithFindings: mine.filter((s) => s.status === 'non_compliant').length,
      linesAwaitingReports: mine.filter((s) => s.status === 'awaiting_reports').length,
      dualCoveredLines: dual,
      dualCoveredPct: pct(dual, mine.length),
      openFindings,
      findingsByCode,
    };
  });
}

/**
 * The compliance overview of a district (or, for school staff, of their one school): totals and one
 * row per school. `meta` is the district the body belongs to (for authorisation), null when the
 * district or school does not exist.
 */
export async function complianceOverview(
  db: Db,
  scope: { districtId: string } | { schoolId: string },
): Promise<{ body: unknown; meta: { districtId: string } | null }> {
  let districtId: string;
  if ('schoolId' in scope) {
    const school = await findSchool(db, scope.schoolId);
    if (!school) return { body: null, meta: null };
    districtId = school.districtId;
  } else {
    districtId = scope.districtId;
  }
  const [district, rows] = await Promise.all([
    findDistrict(db, districtId),
    schoolComplianceTable(db, scope),
  ]);
  if (!district) return { body: null, meta: null };
  const lines = rows.reduce((n, r) => n + r.lines, 0);
  const dual = rows.reduce((n, r) => n + r.dualCoveredLines, 0);
  const byCode: Record<string, number> = {};
  for (const r of rows) {
    for (const [c, n] of Object.entries(r.findingsByCode)) byCode[c] = (byCode[c] ?? 0) + n;
  }
  return {
    body: {
      district: { id: district.id, name: district.name, bureauName: district.bureauName },
      totals: {
        schools: rows.length,
        contracts: rows.reduce((n, r) => n + r.contracts, 0),
        lines,
        dualCoveredLines: dual,
        dualCoveredPct: pct(dual, lines),
        linesWithFindings: rows.reduce((n, r) => n + r.linesWithFindings, 0),
        openFindings: rows.reduce((n, r) => n + r.openFindings, 0),
        findingsByCode: byCode,
      },
      schools: rows,
    },
    meta: { districtId: district.id },
  };
}

export function presentFinding(f: FindingRow, withEvidence: boolean) {
  return {
    id: f.id,
    code: f.code,
    label: reasonLabel(f.code),
    severity: f.severity,
    message: f.message,
    registryVersion: f.registryVersion,
    ...(withEvidence ? { evidence: Array.isArray(f.evidence) ? (f.evidence as unknown[]) : [] } : {}),
  };
}

/**
 * The 采购人 check: a contract whose 采购人 (甲方) is not the school it was uploaded by may belong to
 * another school and is flagged wherever its lines are shown.
 */
export function purchaserCheck(l: { purchaserName: string | null; schoolName: string }) {
  // a name a few characters off is another school here, not an OCR misread (review flags it)
  if (!l.purchaserName || matchName(l.purchaserName, l.schoolName, [], { nearMiss: false }).matched) {
    return null;
  }
  return {
    purchaserName: l.purchaserName,
    message: `合同采购人（甲方）为“${l.purchaserName}”，不是“${l.schoolName}”：该合同可能属于其他学校，请核对后再计入本校`,
  };
}

function presentLine(s: LineSummary) {
  return {
    id: s.line.lineId,
    lineNo: s.line.lineNo,
    product: s.line.product,
    model: s.line.model,
    category: s.line.category,
    status: s.status,
    statusLabel: LINE_STATUS_LABELS[s.status],
    dualCovered: s.dualCovered,
    reportCount: s.reportCount,
    findings: s.findings.map((f) => presentFinding(f, false)),
  };
}

/** One school's contracts with their lines, status and findings. */
export async function schoolContracts(db: Db, schoolId: string) {
  const summaries = await loadLineSummaries(db, { schoolId });
  const byContract = groupBy(summaries, (s) => s.line.contractId);
  return [...byContract.values()].map((lines) => {
    const c = lines[0]!.line;
    return {
      id: c.contractId,
      contractNumber: c.contractNumber,
      supplierId: c.supplierId,
      supplierName: c.supplierName,
      signedDate: c.signedDate,
      deliveryDate: c.deliveryDate,
      purchaserName: c.purchaserName,
      purchaserMismatch: purchaserCheck(c),
      lines: lines.map(presentLine),
    };
  });
}

/** One line with its findings (and their evidence) and the reports handed in, with the side each counts for. */
export async function lineEvidence(db: Db, summary: LineSummary) {
  const [district, suggestions] = await Promise.all([
    findDistrict(db, summary.line.districtId),
    listSuggestions(db, [summary.line.lineId]),
  ]);
  const l = summary.line;
  return {
    ...presentLine(summary),
    contract: {
      id: l.contractId,
      contractNumber: l.contractNumber,
      supplierId: l.supplierId,
      supplierName: l.supplierName,
      supplierUscc: l.supplierUscc,
      purchaserName: l.purchaserName,
      signedDate: l.signedDate,
      deliveryDate: l.deliveryDate,
    },
    acceptedDate: l.acceptedDate,
    school: { id: l.schoolId, name: l.schoolName, kind: l.schoolKind },
    purchaserMismatch: purchaserCheck(l),
    findings: summary.findings.map((f) => presentFinding(f, true)),
    reports: summary.reports.map((r) => {
      const side = decideSide(
        r.client,
        { supplier: l.supplierName ?? '', purchaser: l.schoolName },
        { name: district?.name ?? '', bureauName: district?.bureauName ?? '' },
        [],
        r.clientConfirmed,
      );
      return {
        documentId: r.documentId,
        fileName: r.originalName,
        linkedBy: r.source,
        reportNumber: r.reportNumber,
        labName: r.labName,
        cmaNumber: r.cmaNumber,
        client: r.client,
        side: side.side,
        sideReason: side.reason,
        clientConfirmation: r.clientConfirmed
          ? {
              client: r.clientConfirmed,
              by: r.clientConfirmedBy,
              at: r.clientConfirmedAt?.toISOString() ?? null,
            }
          : null,
        sampleName: r.sampleName,
        sampleModel: r.sampleModel,
        trademark: r.trademark,
        batch: r.batch,
        inspectionType: r.inspectionType,
        receivedDate: r.receivedDate,
        issuedDate: r.issuedDate,
        conclusion: r.conclusion,
        standards: r.standards ?? [],
        reason: r.reason,
      };
    }),
    /** Reports the service proposes for this line, for a person to confirm (建议匹配). */
    suggestions: suggestions.map((s) => ({
      documentId: s.documentId,
      fileName: s.originalName,
      reportNumber: s.reportNumber,
      client: s.client,
      sampleName: s.sampleName,
      sampleModel: s.sampleModel,
      labName: s.labName,
      issuedDate: s.issuedDate,
      conclusion: s.conclusion,
      reason: s.reason,
    })),
  };
}

/** One school's compliance row and its contracts; `meta` carries its tenancy for the caller's check. */
export async function schoolCompliance(db: Db, schoolId: string) {
  const school = await findSchool(db, schoolId);
  if (!school) return { body: null, meta: null };
  const [[row], contracts] = await Promise.all([
    schoolComplianceTable(db, { schoolId: school.id }),
    schoolContracts(db, school.id),
  ]);
  return {
    body: { school: row, contracts },
    meta: { districtId: school.districtId, schoolId: school.id },
  };
}
