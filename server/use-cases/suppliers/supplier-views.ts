/**
 * What market supervision (and the bureau) sees of suppliers: the suppliers of a district with
 * their findings, and one supplier's history — findings across schools and years, official sampling
 * results, and the lists it appeared on.
 */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { scopeOf, type Principal } from '../../policies/policy';
import type { Db } from '../../../models/db';
import {
  findSupplier,
  findSuppliersByIds,
  findSuppliersByNames,
  supplierDistrictIds,
  type SupplierRow,
} from '../../../models/compliance.repository';
import { findDistrict } from '../../../models/district.repository';
import { districtFilter } from '../../sampling/district-scope';
import { buildSamplingList } from '../sampling/build-sampling-list';
import { listSamplingListSnapshots, listSamplingResults } from '../../../models/sampling.repository';
import { loadLineSummaries, presentFinding, type LineSummary } from '../compliance/compliance-views';
import { reasonLabel } from '../../sampling/labels';
import type { SamplingListSnapshot } from '../../sampling/sampling-list.types';

const SEVERITY_ORDER: Record<string, number> = { high: 3, medium: 2, low: 1 };

function heaviest(severities: string[]): string | null {
  let best: string | null = null;
  for (const s of severities) if (!best || (SEVERITY_ORDER[s] ?? 0) > (SEVERITY_ORDER[best] ?? 0)) best = s;
  return best;
}

/**
 * Whether official sampling within the look-back window found the supplier's goods passing: at least
 * one result, no failed batch (近期抽查合格).
 */
export function passedRecentSampling(
  results: { sampledBatches: number; failedBatches: number; sampledOn: string | null; createdAt: Date }[],
  lookBackYears: number,
  asOf: string,
): { passed: boolean; lastSampledOn: string | null } {
  const from = `${Number(asOf.slice(0, 4)) - lookBackYears}${asOf.slice(4)}`;
  const recent = results.filter((r) => (r.sampledOn ?? r.createdAt.toISOString().slice(0, 10)) >= from);
  const last = recent
    .map((r) => r.sampledOn ?? r.createdAt.toISOString().slice(0, 10))
    .sort()
    .pop();
  return {
    passed: recent.length > 0 && recent.every((r) => r.failedBatches === 0 && r.sampledBatches > 0),
    lastSampledOn: last ?? null,
  };
}

/**
 * Suppliers that have contracts in the scope (all districts when districtId is omitted). The risk tier
 * is the one the supplier list gives (`listed`: the district's list as it would be sent now), so the
 * table and the list never disagree.
 */
export async function listSupplierSummaries(
  db: Db,
  districtId: string | undefined,
  listed?: SamplingListSnapshot,
) {
  const summaries = await loadLineSummaries(db, districtId ? { districtId } : {}, { reports: 'count' });
  const names = [
    ...new Set(
      summaries.filter((s) => !s.line.supplierId && s.line.supplierName).map((s) => s.line.supplierName!),
    ),
  ];
  const byName = new Map((await findSuppliersByNames(db, names)).map((s) => [s.name, s]));
  const ids = new Set<string>();
  const groups = new Map<string, LineSummary[]>();
  for (const s of summaries) {
    const id = s.line.supplierId ?? byName.get(s.line.supplierName ?? '')?.id;
    const key = id ?? `name:${s.line.supplierName ?? ''}`;
    if (id) ids.add(id);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const rows = new Map((await findSuppliersByIds(db, [...ids])).map((s) => [s.id, s]));
  const results = await listSamplingResults(db, districtId ? { districtId } : {});
  return [...groups.entries()]
    .map(([key, lines]) => {
      const supplier = key.startsWith('name:') ? undefined : rows.get(key);
      const findings = lines.flatMap((l) => l.findings);
      const byCode: Record<string, number> = {};
      for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
      const mine = supplier ? results.filter((r) => r.supplierId === supplier.id) : [];
      const entry = listed?.entries.find((e) => (supplier ? e.supplierId === supplier.id : false));
      const sampling = passedRecentSampling(
        mine,
        listed?.rules.samplingLookBackYears ?? 3,
        listed?.asOf ?? new Date().toISOString().slice(0, 10),
      );
      return {
        id: supplier?.id ?? null,
        name: supplier?.name ?? lines[0]!.line.supplierName ?? '（未识别供应商）',
        uscc: supplier?.uscc ?? lines[0]!.line.supplierUscc,
        schools: new Set(lines.map((l) => l.line.schoolId)).size,
        contracts: new Set(lines.map((l) => l.line.contractId)).size,
        lines: lines.length,
        linesWithFindings: lines.filter((l) => l.findings.length > 0).length,
        findings: findings.length,
        findingsByCode: byCode,
        risk: listed ? (entry?.risk ?? null) : heaviest(findings.map((f) => f.severity)),
        rank: entry?.rank ?? null,
        recentSamplingPassed: sampling.passed,
        lastSampledOn: sampling.lastSampledOn,
        samplingResults: mine.length,
        sampledBatches: mine.reduce((n, r) => n + r.sampledBatches, 0),
        failedBatches: mine.reduce((n, r) => n + r.failedBatches, 0),
      };
    })
    .sort((a, b) => b.findings - a.findings || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One supplier's history within the scope. */
export async function supplierHistory(db: Db, supplier: SupplierRow, districtId: string | undefined) {
  const summaries = await loadLineSummaries(
    db,
    {
      ...(districtId ? { districtId } : {}),
      supplier: { id: supplier.id, name: supplier.name },
    },
    { reports: 'count' },
  );
  const findings = summaries.flatMap((s) =>
    s.findings.map((f) => ({
      ...presentFinding(f, false),
      year: (s.line.signedDate ?? f.createdAt.toISOString()).slice(0, 4),
      schoolId: s.line.schoolId,
      school: s.line.schoolName,
      contractId: s.line.contractId,
      contractNumber: s.line.contractNumber,
      lineId: s.line.lineId,
      lineNo: s.line.lineNo,
      product: s.line.product,
      model: s.line.model,
    })),
  );
  findings.sort((a, b) => (a.year < b.year ? 1 : a.year > b.year ? -1 : 0));
  const byYear: Record<string, number> = {};
  for (const f of findings) byYear[f.year] = (byYear[f.year] ?? 0) + 1;
  const results = await listSamplingResults(db, {
    ...(districtId ? { districtId } : {}),
    supplierId: supplier.id,
  });
  const lists = [];
  for (const list of await listSamplingListSnapshots(db, districtId ? { districtId } : {})) {
    const entry = (list.snapshot as SamplingListSnapshot).entries.find(
      (e) => e.supplierId === supplier.id || e.supplier === supplier.name,
    );
    if (entry) {
      lists.push({
        listId: list.id,
        districtId: list.districtId,
        version: list.version,
        sentAt: list.sentAt.toISOString(),
        rank: entry.rank,
        risk: entry.risk,
        reasons: entry.reasons,
        reasonLabels: entry.reasons.map(reasonLabel),
      });
    }
  }
  return {
    id: supplier.id,
    name: supplier.name,
    uscc: supplier.uscc,
    aliases: supplier.aliases,
    schools: [...new Map(summaries.map((s) => [s.line.schoolId, s.line.schoolName])).values()],
    contracts: new Set(summaries.map((s) => s.line.contractId)).size,
    lines: summaries.length,
    findingsByYear: byYear,
    findings,
    samplingResults: results.map((r) => ({
      id: r.id,
      districtId: r.districtId,
      listId: r.listId,
      sampledBatches: r.sampledBatches,
      failedBatches: r.failedBatches,
      failingItems: r.failingItems,
      reportNumbers: r.reportNumbers,
      sampledOn: r.sampledOn,
      note: r.note,
      recordedAt: r.createdAt.toISOString(),
    })),
    lists,
  };
}

/** The suppliers of one district (every district when undefined); `meta` null when the district does not exist. */
export async function districtSuppliers(db: Db, districtId: string | undefined) {
  if (districtId && !(await findDistrict(db, districtId))) return { body: null, meta: null };
  const listed = districtId ? await buildSamplingList(db, districtId) : undefined;
  return {
    body: await listSupplierSummaries(db, districtId, listed),
    meta: { districtId: districtId ?? null },
  };
}

/**
 * One supplier's history as `user` may see it: within a district, only a supplier that delivered or
 * was sampled there; contract lines are linked only for readers who may open them (market supervision
 * does not).
 */
export async function supplierHistoryFor(
  ctx: AppContext,
  user: Principal,
  supplierId: string,
  requestedDistrictId: string | undefined,
) {
  const districtId = await districtFilter(ctx, user, 'supplier.read', requestedDistrictId);
  const supplier = await findSupplier(ctx.db, supplierId);
  if (!supplier) throw notFound('供货企业');
  if (districtId) {
    const districts = await supplierDistrictIds(ctx.db, supplier);
    const sampledHere =
      (await listSamplingResults(ctx.db, { districtId, supplierId: supplier.id })).length > 0;
    if (!districts.includes(districtId) && !sampledHere) throw notFound('供货企业');
  }
  const history = await supplierHistory(ctx.db, supplier, districtId);
  if (!scopeOf(user, 'compliance.read')) {
    return { ...history, findings: history.findings.map((f) => ({ ...f, lineId: null })) };
  }
  return history;
}
