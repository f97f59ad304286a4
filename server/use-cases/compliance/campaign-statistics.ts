/**
 * Campaign statistics of a district (成果统计表) for a campaign period (起止日期): the table in the
 * attachment's layout — 监督抽查 and 风险监测 counted from market supervision's recorded results of
 * each kind sampled within the period, the other groups as market supervision typed them for this
 * district and period — plus what the verification data supports (schools, contracts, lines, dual
 * coverage, findings by code, lists sent).
 */
import type { Db } from '../../../models/db';
import { findDistrict, listSchools } from '../../../models/district.repository';
import {
  listSamplingLists,
  listSamplingResults,
  type SamplingResultView,
} from '../../../models/sampling.repository';
import { findCampaignEntry } from '../../../models/campaign-statistics.repository';
import { notFound } from '../../errors';
import { loadLineSummaries, pct } from './compliance-views';
import { reasonLabel } from '../../sampling/labels';
import { FINDING_CODES } from '../../verify/registry/registry';
import type { CampaignStatistics, SamplingBlock } from '../../sampling/statistics.types';
import { countsIn, defaultPeriod, type CampaignPeriod } from '../../sampling/campaign-period';
import { STATISTICS_LAYOUT, type ResultCellKey } from '../../sampling/statistics.layout';

export type { CampaignStatistics };

/** 填报单位 before market supervision saves its own: the district's 市场监督管理局. */
export const defaultReportingUnit = (districtName: string) => `${districtName}市场监督管理局`;

function samplingBlock(results: SamplingResultView[]): SamplingBlock {
  const items = new Map<string, number>();
  for (const r of results) for (const item of r.failingItems) items.set(item, (items.get(item) ?? 0) + 1);
  const batches = results.reduce((n, r) => n + r.sampledBatches, 0);
  const failedBatches = results.reduce((n, r) => n + r.failedBatches, 0);
  return {
    enterprises: new Set(results.map((r) => r.supplierId)).size,
    batches,
    failedBatches,
    failedPct: pct(failedBatches, batches),
    failingItems: [...items.entries()].sort((a, b) => b[1] - a[1]).map(([item, n]) => ({ item, batches: n })),
  };
}

/** The cells counted from results; a rate over no batches is left blank, not 0 %. */
function resultCells(sup: SamplingBlock, risk: SamplingBlock): Record<ResultCellKey, number | null> {
  return {
    supervisionEnterprises: sup.enterprises,
    supervisionBatches: sup.batches,
    supervisionFailedBatches: sup.failedBatches,
    supervisionFailedPct: sup.batches ? sup.failedPct : null,
    riskEnterprises: risk.enterprises,
    riskBatches: risk.batches,
    riskFailedBatches: risk.failedBatches,
    riskFailedPct: risk.batches ? risk.failedPct : null,
  };
}

export async function campaignStatistics(
  db: Db,
  districtId: string,
  opts: { period?: CampaignPeriod; now?: Date } = {},
): Promise<CampaignStatistics> {
  const district = await findDistrict(db, districtId);
  if (!district) throw notFound('区县');
  const now = opts.now ?? new Date();
  const period = opts.period ?? defaultPeriod(now);
  const schools = await listSchools(db, { districtId });
  const summaries = await loadLineSummaries(db, { districtId }, { reports: 'count' });
  const supplierKey = (s: (typeof summaries)[number]) =>
    s.line.supplierId ?? `name:${s.line.supplierName ?? ''}`;

  const byCode = new Map<string, { findings: number; lines: Set<string>; suppliers: Set<string> }>();
  let findings = 0;
  for (const s of summaries) {
    for (const f of s.findings) {
      findings++;
      const c = byCode.get(f.code) ?? { findings: 0, lines: new Set(), suppliers: new Set() };
      c.findings++;
      c.lines.add(s.line.lineId);
      c.suppliers.add(supplierKey(s));
      byCode.set(f.code, c);
    }
  }
  const order = (code: string) => {
    const i = (FINDING_CODES as readonly string[]).indexOf(code);
    return i < 0 ? 999 : i;
  };
  const lists = await listSamplingLists(db, { districtId });
  const results = (await listSamplingResults(db, { districtId })).filter((r) =>
    countsIn(period, r.sampledOn, r.createdAt),
  );
  const supervision = samplingBlock(results.filter((r) => r.kind === 'supervision'));
  const riskMonitoring = samplingBlock(results.filter((r) => r.kind === 'risk_monitoring'));
  const entry = await findCampaignEntry(db, { districtId, periodStart: period.start, periodEnd: period.end });
  const typed = (entry?.cells ?? {}) as Record<string, unknown>;
  const counted: Record<string, number | null> = resultCells(supervision, riskMonitoring);
  const value = (key: string, filledBy: string): number | null => {
    if (filledBy === 'results') return counted[key] ?? null;
    const v = typed[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const dual = summaries.filter((s) => s.dualCovered).length;
  return {
    district: { id: district.id, name: district.name, bureauName: district.bureauName },
    generatedAt: now.toISOString(),
    schools: schools.length,
    schoolsWithContracts: new Set(summaries.map((s) => s.line.schoolId)).size,
    contracts: new Set(summaries.map((s) => s.line.contractId)).size,
    lines: summaries.length,
    suppliers: new Set(summaries.map(supplierKey)).size,
    dualCoveredLines: dual,
    dualCoveredPct: pct(dual, summaries.length),
    compliantLines: summaries.filter((s) => s.status === 'compliant').length,
    linesWithFindings: summaries.filter((s) => s.status === 'non_compliant').length,
    linesAwaitingReports: summaries.filter((s) => s.status === 'awaiting_reports').length,
    findings,
    findingsByCode: [...byCode.entries()]
      .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1))
      .map(([code, c]) => ({
        code,
        label: reasonLabel(code),
        findings: c.findings,
        lines: c.lines.size,
        suppliers: c.suppliers.size,
      })),
    samplingLists: {
      sent: lists.length,
      acknowledged: lists.filter((l) => l.acknowledgedAt).length,
      lastVersion: lists[0]?.version ?? null,
      lastSentAt: lists[0]?.sentAt.toISOString() ?? null,
    },
    supervision,
    riskMonitoring,
    campaign: {
      period,
      reportingUnit: entry?.reportingUnit ?? defaultReportingUnit(district.name),
      groups: STATISTICS_LAYOUT.map((g) => ({
        key: g.key,
        title: g.title,
        filledBy: g.filledBy,
        columns: g.columns.map((col) => ({ ...col, value: value(col.key, g.filledBy) })),
      })),
      savedBy: entry ? (entry.updatedByName ?? null) : null,
      savedAt: entry ? entry.updatedAt.toISOString() : null,
    },
  };
}
