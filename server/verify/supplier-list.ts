/**
 * THE supplier-list ranker (供货企业名单 for market supervision), used by `dsv audit` and by the service.
 * Pure: facts in, ranked list out.
 *
 * Who is listed: every supplier on a contract line of the district (教基一〔2015〕3号: the bureau reports
 * its 供货企业名单 so market supervision can sample), plus suppliers with a failed official sampling.
 * A supplier with no problem is listed at the bottom, risk low, 列入原因 集中采购供货企业（依通知要求报送）.
 *
 * Order: supplier-side failures (the heaviest weight, then the sum of weights over (line, finding)),
 * then school-side gaps (registry `supplierList.schoolSideCodes`, e.g. no school sampling: it belongs in
 * the bureau's compliance view), then the name. A failed official batch (last SAMPLING_LOOKBACK_YEARS)
 * counts as SAMPLING_FAILED at the registry's heaviest weight. Risk is the tier of the heaviest
 * supplier-side weight (low when there is none). One supplier per THE identity rule
 * (parsers/party-identity.ts): valid USCC, else normalised name or alias.
 */
import { SupplierKeys } from '../../parsers/party-identity';
import type { ProductCategory } from '../../parsers/types';
import { FINDINGS, SAMPLING_FAILED, type ListReasonCode } from '../vocabulary';
import type { RuleRegistry, Severity } from './registry/registry';
import { supplierLocation } from './supplier-location';
import type {
  ListFailedItem,
  ListLine,
  ListReason,
  ListSupplierFacts,
  OfficialSampling,
  SideScore,
  SupplierList,
  SupplierListEntry,
  SupplierListInput,
  SupervisionColumns,
} from './supplier-list.types';
import type { ReportSide } from './report-side';

/** Official sampling failures older than this do not raise a supplier any more. */
export const SAMPLING_LOOKBACK_YEARS = 3;

/** 列入原因 of a supplier listed with no problem found. */
export const LISTED_AS_SUPPLIER = '集中采购供货企业（依通知要求报送）';

interface Acc {
  supplierId: string | null;
  supplier: string;
  uscc: string | null;
  address: string | null;
  reasons: Map<ListReasonCode, ListReason>;
  supplierSide: SideScore;
  schoolSide: SideScore;
  lines: ListLine[];
  schools: Set<string>;
  contracts: Set<string>;
  manufacturers: Set<string>;
  categories: Set<ProductCategory>;
  products: Set<string>;
  trademarks: Set<string>;
  models: Set<string>;
  batches: Set<string>;
  quantities: Map<string, SupplierListEntry['quantities'][number]>;
  reports: Map<string, { reportNumber: string | null; lab: string | null; side: ReportSide | null }>;
  failedItems: ListFailedItem[];
  cccNumbers: Set<string>;
  official: OfficialSampling | null;
}

/** Code-point order, the same on every machine (no locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A production date as the 批号/生产日期 column shows it. */
function producedOn(date: string | null | undefined): string | null {
  return date ? `生产日期${date}` : null;
}

function addTo<T extends string>(set: Set<T>, value: T | null | undefined): void {
  if (value) set.add(value);
}

function pushUnique<T extends string>(list: T[], value: T | null | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

/** Risk tier of a weight: the tier of the registry code carrying it (or the next lighter one). */
export function riskTier(registry: RuleRegistry, weight: number): Severity {
  if (weight <= 0) return 'low';
  const weights = Object.values(registry.weights);
  const exact = weights.find((w) => w.weight === weight);
  if (exact) return exact.tier;
  const lighter = weights.filter((w) => w.weight <= weight).sort((a, b) => b.weight - a.weight)[0];
  return lighter?.tier ?? 'low';
}

/** Sort order of the list. */
export function compareEntries(
  a: Pick<SupplierListEntry, 'supplier' | 'supplierSide' | 'schoolSide'>,
  b: Pick<SupplierListEntry, 'supplier' | 'supplierSide' | 'schoolSide'>,
): number {
  return (
    b.supplierSide.maxWeight - a.supplierSide.maxWeight ||
    b.supplierSide.score - a.supplierSide.score ||
    b.schoolSide.maxWeight - a.schoolSide.maxWeight ||
    b.schoolSide.score - a.schoolSide.score ||
    byCodePoint(a.supplier, b.supplier)
  );
}

function yearsBefore(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
}

function newAcc(s: ListSupplierFacts): Acc {
  return {
    supplierId: s.id ?? null,
    supplier: s.name ?? '（未识别供应商）',
    uscc: s.uscc,
    address: s.address ?? null,
    reasons: new Map(),
    supplierSide: { maxWeight: 0, score: 0 },
    schoolSide: { maxWeight: 0, score: 0 },
    lines: [],
    schools: new Set(),
    contracts: new Set(),
    manufacturers: new Set(),
    categories: new Set(),
    products: new Set(),
    trademarks: new Set(),
    models: new Set(),
    batches: new Set(),
    quantities: new Map(),
    reports: new Map(),
    failedItems: [],
    cccNumbers: new Set(),
    official: null,
  };
}

function addReason(acc: Acc, code: ListReasonCode, weight: number, side: 'supplier' | 'school', count = 1) {
  const r = acc.reasons.get(code) ?? { code, label: FINDINGS[code] ?? code, weight, count: 0, side };
  r.weight = Math.max(r.weight, weight);
  r.count += count;
  acc.reasons.set(code, r);
  const s = side === 'supplier' ? acc.supplierSide : acc.schoolSide;
  s.maxWeight = Math.max(s.maxWeight, weight);
  s.score += weight * count;
}

function sameName(a: string | null, b: string): boolean {
  const n = (x: string) => x.replace(/[\s（）()]/g, '');
  return a !== null && n(a) === n(b);
}

/** 列入原因: the supplier-side reasons, then the school-side ones, in Chinese. */
function listedBecause(reasons: ListReason[]): string {
  const supplier = reasons.filter((r) => r.side === 'supplier').map((r) => r.label);
  const school = reasons.filter((r) => r.side === 'school').map((r) => r.label);
  if (supplier.length === 0 && school.length === 0) return LISTED_AS_SUPPLIER;
  const parts = [];
  if (supplier.length) parts.push(supplier.join('、'));
  else parts.push(LISTED_AS_SUPPLIER);
  if (school.length) parts.push(`学校端：${school.join('、')}`);
  return parts.join('；');
}

/** 企业名称, 统一社会信用代码, 产品名称, 商标, 规格型号, 生产日期/批号, 抽样场所, 承检机构, 报告编号 */
function supervisionColumns(a: Acc): SupervisionColumns {
  const reports = [...a.reports.values()];
  const labs: string[] = [];
  for (const r of reports) pushUnique(labs, r.lab);
  return {
    企业名称: a.supplier,
    统一社会信用代码: a.uscc,
    产品名称: [...a.products].join('、'),
    商标: [...a.trademarks].join('、'),
    规格型号: [...a.models].join('、'),
    '生产日期/批号': [...a.batches].join('、'),
    抽样场所: [...a.schools].join('、'),
    承检机构: labs.join('、'),
    报告编号: reports
      .map((r) => r.reportNumber)
      .filter((n): n is string => !!n)
      .join('、'),
  };
}

export function rankSuppliers(input: SupplierListInput): SupplierList {
  const { registry } = input;
  const schoolSide = new Set<string>(registry.supplierList.schoolSideCodes);
  const samplingFailureWeight = Math.max(...Object.values(registry.weights).map((w) => w.weight));
  const keys = new SupplierKeys();
  const accs = new Map<string, Acc>();
  // one look-up per distinct record (normalising names is the costly part)
  const keyCache = new Map<string, string>();
  const accFor = (s: ListSupplierFacts): Acc => {
    const recordKey = `${s.id ?? ''}\u0000${s.name ?? ''}\u0000${s.uscc ?? ''}\u0000${(s.aliases ?? []).join('\u0000')}`;
    let key = keyCache.get(recordKey);
    if (key === undefined) {
      key = keys.keyOf(s);
      keyCache.set(recordKey, key);
    }
    let acc = accs.get(key);
    if (!acc) {
      acc = newAcc(s);
      accs.set(key, acc);
    }
    acc.supplierId ??= s.id ?? null;
    acc.uscc ??= s.uscc;
    acc.address ??= s.address ?? null;
    return acc;
  };

  for (const l of input.lines) {
    const acc = accFor(l.supplier);
    const codes: string[] = [];
    for (const f of l.findings) {
      addReason(acc, f.code, f.weight, schoolSide.has(f.code) ? 'school' : 'supplier');
      pushUnique(codes, f.code);
    }
    const line: ListLine = {
      lineId: l.lineId,
      school: l.school,
      contractNumber: l.contract,
      lineNo: l.lineNo,
      product: l.product,
      category: l.category,
      model: l.model,
      quantity: l.quantity,
      unit: l.unit,
      findings: codes,
      reportNumbers: [],
      batches: [],
    };
    const byDoc = (documentId: string) => l.reports.find((r) => r.documentId === documentId);
    for (const r of l.reports) {
      pushUnique(line.reportNumbers, r.reportNumber);
      pushUnique(line.batches, r.batch);
      addTo(acc.batches, r.batch);
      addTo(acc.batches, producedOn(r.productionDate));
      addTo(acc.trademarks, r.trademark);
      addTo(acc.cccNumbers, r.cccNumber);
      if (r.manufacturer && !sameName(r.manufacturer, acc.supplier)) {
        addTo(acc.manufacturers, r.manufacturer);
      }
      const key = `${r.lab ?? ''}\u0000${r.reportNumber ?? r.documentId}`;
      if (!acc.reports.has(key)) {
        acc.reports.set(key, { reportNumber: r.reportNumber, lab: r.lab, side: r.side });
      }
    }
    for (const f of l.findings) {
      if (f.code !== 'ITEM_FAILED') continue;
      for (const e of f.evidence) {
        if (!e.item) continue;
        const r = e.documentId ? byDoc(e.documentId) : undefined;
        const printed = r?.items.find((i) => i.name === e.item);
        const seen = acc.failedItems.some(
          (x) =>
            x.item === e.item && x.reportNumber === (r?.reportNumber ?? null) && x.lab === (r?.lab ?? null),
        );
        if (seen) continue;
        acc.failedItems.push({
          reportNumber: r?.reportNumber ?? null,
          lab: r?.lab ?? null,
          item: e.item,
          result: printed?.result ?? null,
          requirement: printed?.requirement ?? null,
          unit: printed?.unit ?? null,
          detail: e.text ?? null,
        });
      }
    }
    addTo(acc.cccNumbers, l.cccNumber);
    addTo(acc.batches, l.batch);
    addTo(acc.batches, producedOn(l.productionDate));
    acc.lines.push(line);
    addTo(acc.schools, l.school);
    addTo(acc.contracts, l.contract);
    addTo(acc.products, l.product);
    addTo(acc.models, l.model);
    addTo(acc.categories, l.category);
    if (l.quantity !== null) {
      const qk = `${l.product}\u0000${l.model ?? ''}\u0000${l.unit ?? ''}`;
      const q = acc.quantities.get(qk) ?? { product: l.product, model: l.model, quantity: 0, unit: l.unit };
      q.quantity += l.quantity;
      acc.quantities.set(qk, q);
    }
  }

  const since = yearsBefore(input.asOf, SAMPLING_LOOKBACK_YEARS);
  for (const r of input.officialSampling) {
    if (r.sampledOn < since || r.sampledOn > input.asOf) continue;
    const acc = accFor(r.supplier);
    const o = (acc.official ??= {
      results: 0,
      sampledBatches: 0,
      failedBatches: 0,
      failingItems: [],
      reportNumbers: [],
    });
    o.results += 1;
    o.sampledBatches += r.sampledBatches;
    o.failedBatches += r.failedBatches;
    r.failingItems.forEach((i) => pushUnique(o.failingItems, i));
    r.reportNumbers.forEach((n) => pushUnique(o.reportNumbers, n));
    if (r.failedBatches > 0) {
      addReason(acc, SAMPLING_FAILED, samplingFailureWeight, 'supplier', r.failedBatches);
    }
  }

  const entries = [...accs.values()]
    .map((a): Omit<SupplierListEntry, 'rank'> => {
      const reasonDetails = [...a.reasons.values()].sort(
        (x, y) =>
          (x.side === y.side ? 0 : x.side === 'supplier' ? -1 : 1) ||
          y.weight - x.weight ||
          byCodePoint(x.code, y.code),
      );
      const reasonsByWeight = [...reasonDetails].sort(
        (x, y) => y.weight - x.weight || byCodePoint(x.code, y.code),
      );
      return {
        supplierId: a.supplierId,
        supplier: a.supplier,
        uscc: a.uscc,
        risk: riskTier(registry, a.supplierSide.maxWeight),
        maxWeight: Math.max(a.supplierSide.maxWeight, a.schoolSide.maxWeight),
        score: a.supplierSide.score + a.schoolSide.score,
        supplierSide: a.supplierSide,
        schoolSide: a.schoolSide,
        reasons: reasonsByWeight.map((r) => r.code),
        reasonDetails: reasonsByWeight,
        listedBecause: listedBecause(reasonDetails),
        schools: [...a.schools],
        contracts: [...a.contracts],
        lines: a.lines,
        officialSampling: a.official,
        location: supplierLocation({ name: a.supplier, address: a.address }, input.district.name),
        manufacturers: [...a.manufacturers],
        categories: [...a.categories],
        products: [...a.products],
        trademarks: [...a.trademarks],
        models: [...a.models],
        batches: [...a.batches],
        quantities: [...a.quantities.values()],
        reports: [...a.reports.values()],
        failedItems: a.failedItems,
        cccNumbers: [...a.cccNumbers],
        supervision: supervisionColumns(a),
      };
    })
    .sort(compareEntries)
    .map((e, i) => ({ rank: i + 1, ...e }));
  return {
    registryVersion: registry.version,
    rules: {
      samplingFailureWeight,
      samplingLookBackYears: SAMPLING_LOOKBACK_YEARS,
      schoolSideCodes: registry.supplierList.schoolSideCodes,
    },
    entries,
  };
}
