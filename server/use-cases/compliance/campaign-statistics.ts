/**
 * Campaign statistics of a district (成果统计表): the 监督抽查 block (企业数, 批次数, 发现不合格批次数)
 * from market supervision's recorded results, plus what the verification data supports — schools,
 * contracts, lines, dual coverage, findings by code, lists sent.
 */
import type { Db } from '../../../models/db';
import { findDistrict, listSchools } from '../../../models/district.repository';
import { listSamplingLists, listSamplingResults } from '../../../models/sampling.repository';
import { notFound } from '../../errors';
import { loadLineSummaries, pct } from './compliance-views';
import { reasonLabel } from '../../sampling/labels';
import { FINDING_CODES } from '../../verify/registry/registry';
import type { CampaignStatistics } from '../../sampling/statistics.types';

export type { CampaignStatistics };

export async function campaignStatistics(db: Db, districtId: string): Promise<CampaignStatistics> {
  const district = await findDistrict(db, districtId);
  if (!district) throw notFound('区县');
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
  const results = await listSamplingResults(db, { districtId });
  const items = new Map<string, number>();
  for (const r of results) for (const item of r.failingItems) items.set(item, (items.get(item) ?? 0) + 1);
  const batches = results.reduce((n, r) => n + r.sampledBatches, 0);
  const failedBatches = results.reduce((n, r) => n + r.failedBatches, 0);
  const dual = summaries.filter((s) => s.dualCovered).length;
  return {
    district: { id: district.id, name: district.name, bureauName: district.bureauName },
    generatedAt: new Date().toISOString(),
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
    supervision: {
      enterprises: new Set(results.map((r) => r.supplierId)).size,
      batches,
      failedBatches,
      failedPct: pct(failedBatches, batches),
      failingItems: [...items.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([item, n]) => ({ item, batches: n })),
    },
  };
}
