/**
 * Builds the 供货企业名单 for market supervision from the stored findings of a district.
 *
 * Ranking (shared/corpus/dev/MANIFEST.md "Sampling list"): heaviest finding weight, then the sum
 * of weights over (line, finding), then the supplier name. Weights come from the rule registry the
 * finding was judged with (findings.registry_version), never from numbers copied here.
 *
 * Official sampling failures rise: every failed batch recorded by market supervision for the
 * supplier in this district (sampling_results.failed_batches, sampled within the last
 * SAMPLING_LOOKBACK_YEARS) counts as one SAMPLING_FAILED reason whose weight is the registry's
 * heaviest weight (that of ITEM_FAILED: an item failed in an official test). So the supplier enters
 * the high tier, and among high-tier suppliers it ranks above those with the same findings but no
 * official failure. A supplier with no findings but a failed official sampling is listed as well
 * (follow-up sampling).
 */
import { findDistrict } from '../../../models/district.repository';
import {
  findSuppliersByIds,
  findSuppliersByNames,
  listFindingCodes,
  listLineReportFacts,
  listListedLines,
  type LineReportFacts,
  type LineRow,
} from '../../../models/compliance.repository';
import { listSamplingResults } from '../../../models/sampling.repository';
import { loadRegistries } from '../registry/registry-versions';
import {
  byCodePoint,
  compareSuppliers,
  pushUnique,
  riskTier,
  supervisionColumns,
} from '../../verify/supplier-ranking';
import type { Db } from '../../../models/db';
import { notFound } from '../../errors';
import { registryForDate, type RuleRegistry, type Severity } from '../../verify/registry/registry';
import { normaliseName } from '../../verify/normalise';
import { reasonLabel, SAMPLING_FAILED, type ListReasonCode } from '../../sampling/labels';
import type { ListLine, SamplingListEntry, SamplingListSnapshot } from '../../sampling/sampling-list.types';

/** Official sampling failures older than this do not raise a supplier any more. */
export const SAMPLING_LOOKBACK_YEARS = 3;

export interface BuildOptions {
  /** YYYY-MM-DD; default today (UTC). Chooses the default registry and the look-back window. */
  asOf?: string;
}

interface Acc {
  key: string;
  supplierId: string | null;
  supplier: string;
  uscc: string | null;
  maxWeight: number;
  score: number;
  reasons: Map<ListReasonCode, { weight: number; count: number }>;
  lines: ListLine[];
  schools: string[];
  contracts: string[];
  products: string[];
  models: string[];
  trademarks: string[];
  batches: string[];
  labs: string[];
  reportNumbers: string[];
  official: SamplingListEntry['officialSampling'];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function yearsBefore(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
}

function contractLabel(l: LineRow): string {
  return l.contractNumber ?? `合同${l.contractId.slice(0, 8)}`;
}

/**
 * The ranked list for one district (a preview: not stored). Used by the preview and send routes,
 * the statistics, and the benchmark (`bench/verify.bench.ts`).
 */
export async function buildSamplingList(
  db: Db,
  districtId: string,
  opts: BuildOptions = {},
): Promise<SamplingListSnapshot> {
  const district = await findDistrict(db, districtId);
  if (!district) throw notFound('区县');
  const asOf = opts.asOf ?? today();
  const available = await loadRegistries(db);
  const registry = registryForDate(asOf, available);
  // Only lines with findings are read (plus, below, lines of suppliers listed for an official failure).
  const findingRows = await listFindingCodes(db, districtId);
  const lines = await listListedLines(db, districtId);
  const facts = await listLineReportFacts(db, districtId);
  const results = await listSamplingResults(db, { districtId });

  const registries = new Map<string, RuleRegistry>();
  const weightOf = (code: string, version: string): { weight: number; tier: Severity } => {
    let r = registries.get(version);
    if (!r) {
      r = available.find((x) => x.version === version) ?? registry;
      registries.set(version, r);
    }
    return (
      r.weights[code as keyof RuleRegistry['weights']] ??
      registry.weights[code as keyof RuleRegistry['weights']] ?? { weight: 0, tier: 'low' }
    );
  };
  const samplingFailureWeight = Math.max(...Object.values(registry.weights).map((w) => w.weight));

  const findingsByLine = new Map<string, { code: string; registryVersion: string }[]>();
  for (const f of findingRows) {
    const list = findingsByLine.get(f.lineId) ?? [];
    list.push(f);
    findingsByLine.set(f.lineId, list);
  }
  const factsByLine = new Map<string, LineReportFacts>(facts.map((f) => [f.lineId, f]));

  // Supplier identity: the linked supplier id, else the supplier row with that exact name, else the name.
  const unlinkedNames = [
    ...new Set(lines.filter((l) => !l.supplierId && l.supplierName).map((l) => l.supplierName!)),
  ];
  const byName = new Map((await findSuppliersByNames(db, unlinkedNames)).map((s) => [s.name, s]));
  const keyOf = (l: LineRow): string =>
    l.supplierId ??
    byName.get(l.supplierName ?? '')?.id ??
    `name:${normaliseName(l.supplierName) || '（未识别供应商）'}`;
  const supplierIds = new Set<string>();
  for (const l of lines) {
    const k = keyOf(l);
    if (!k.startsWith('name:')) supplierIds.add(k);
  }
  for (const r of results) supplierIds.add(r.supplierId);
  const supplierRows = new Map((await findSuppliersByIds(db, [...supplierIds])).map((s) => [s.id, s]));

  const accs = new Map<string, Acc>();
  const accFor = (key: string, fallbackName: string, fallbackUscc: string | null): Acc => {
    let acc = accs.get(key);
    if (!acc) {
      const s = key.startsWith('name:') ? undefined : supplierRows.get(key);
      acc = {
        key,
        supplierId: s?.id ?? null,
        supplier: s?.name ?? fallbackName,
        uscc: s?.uscc ?? fallbackUscc,
        maxWeight: 0,
        score: 0,
        reasons: new Map(),
        lines: [],
        schools: [],
        contracts: [],
        products: [],
        models: [],
        trademarks: [],
        batches: [],
        labs: [],
        reportNumbers: [],
        official: null,
      };
      accs.set(key, acc);
    }
    acc.uscc ??= fallbackUscc;
    return acc;
  };
  const addLine = (acc: Acc, l: LineRow, codes: string[]) => {
    const f = factsByLine.get(l.lineId);
    const line: ListLine = {
      lineId: l.lineId,
      school: l.schoolName,
      contractNumber: contractLabel(l),
      lineNo: l.lineNo,
      product: l.product,
      model: l.model,
      findings: codes,
      reportNumbers: [],
      batches: [],
    };
    if (f) {
      f.reportNumbers.forEach((n) => pushUnique(line.reportNumbers, n));
      f.batches.forEach((b) => pushUnique(line.batches, b));
      f.trademarks.forEach((x) => pushUnique(acc.trademarks, x));
      f.batches.forEach((b) => pushUnique(acc.batches, b));
      f.labs.forEach((x) => pushUnique(acc.labs, x));
      f.reportNumbers.forEach((n) => pushUnique(acc.reportNumbers, n));
    }
    acc.lines.push(line);
    pushUnique(acc.schools, l.schoolName);
    pushUnique(acc.contracts, contractLabel(l));
    pushUnique(acc.products, l.product);
    pushUnique(acc.models, l.model);
  };
  const addReason = (acc: Acc, code: ListReasonCode, weight: number, count = 1) => {
    const r = acc.reasons.get(code) ?? { weight, count: 0 };
    r.weight = Math.max(r.weight, weight);
    r.count += count;
    acc.reasons.set(code, r);
    acc.maxWeight = Math.max(acc.maxWeight, weight);
    acc.score += weight * count;
  };

  for (const l of lines) {
    const fs = findingsByLine.get(l.lineId);
    if (!fs?.length) continue;
    const acc = accFor(keyOf(l), l.supplierName ?? '（未识别供应商）', l.supplierUscc);
    const codes: string[] = [];
    for (const f of fs) {
      addReason(acc, f.code as ListReasonCode, weightOf(f.code, f.registryVersion).weight);
      if (!codes.includes(f.code)) codes.push(f.code);
    }
    addLine(acc, l, codes);
  }

  // Official sampling failures within the look-back window.
  const since = yearsBefore(asOf, SAMPLING_LOOKBACK_YEARS);
  const recent = results.filter((r) => (r.sampledOn ?? r.createdAt.toISOString().slice(0, 10)) >= since);
  const failedOnly = [
    ...new Set(recent.filter((r) => r.failedBatches > 0 && !accs.has(r.supplierId)).map((r) => r.supplierId)),
  ];
  const extraLines = await listListedLines(db, districtId, failedOnly);
  for (const f of await listLineReportFacts(db, districtId, failedOnly)) factsByLine.set(f.lineId, f);
  for (const r of recent) {
    if (r.failedBatches <= 0) continue;
    const fresh = !accs.has(r.supplierId);
    const acc = accFor(r.supplierId, r.supplierName, r.supplierUscc);
    if (fresh) for (const l of extraLines) if (l.supplierId === r.supplierId) addLine(acc, l, []);
    addReason(acc, SAMPLING_FAILED, samplingFailureWeight, r.failedBatches);
  }
  for (const acc of accs.values()) {
    if (!acc.supplierId) continue;
    const mine = recent.filter((r) => r.supplierId === acc.supplierId);
    if (!mine.length) continue;
    const o = {
      results: mine.length,
      sampledBatches: 0,
      failedBatches: 0,
      failingItems: [] as string[],
      reportNumbers: [] as string[],
    };
    for (const r of mine) {
      o.sampledBatches += r.sampledBatches;
      o.failedBatches += r.failedBatches;
      r.failingItems.forEach((i) => pushUnique(o.failingItems, i));
      r.reportNumbers.forEach((n) => pushUnique(o.reportNumbers, n));
    }
    acc.official = o;
  }

  const sorted = [...accs.values()].sort(compareSuppliers);
  const entries: SamplingListEntry[] = sorted.map((a, i) => {
    const reasonDetails = [...a.reasons.entries()]
      .map(([code, r]) => ({ code, label: reasonLabel(code), weight: r.weight, count: r.count }))
      .sort((x, y) => y.weight - x.weight || byCodePoint(x.code, y.code));
    return {
      rank: i + 1,
      supplierId: a.supplierId,
      supplier: a.supplier,
      uscc: a.uscc,
      risk: riskTier(registry, a.maxWeight),
      maxWeight: a.maxWeight,
      score: a.score,
      reasons: reasonDetails.map((r) => r.code),
      reasonDetails,
      schools: a.schools,
      contracts: a.contracts,
      lines: a.lines,
      officialSampling: a.official,
      supervision: supervisionColumns(a),
    };
  });
  return {
    schemaVersion: 1,
    district: { id: district.id, name: district.name, bureauName: district.bureauName },
    version: null,
    registryVersion: registry.version,
    asOf,
    generatedAt: new Date().toISOString(),
    rules: { samplingFailureWeight, samplingLookBackYears: SAMPLING_LOOKBACK_YEARS },
    entries,
  };
}
