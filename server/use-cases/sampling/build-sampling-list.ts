/**
 * Builds the 供货企业名单 for market supervision from what is stored for a district: loads the facts
 * (every contract line with its supplier, stored findings with the weights of the registry each was
 * judged with, the reports handed in and their failed items, official sampling results) and ranks them
 * with THE engine ranker (server/verify/supplier-list.ts), the same one `dsv audit` uses.
 */
import { findDistrict } from '../../../models/district.repository';
import {
  listDistrictFailedItems,
  listDistrictFindingsForList,
  listDistrictLinesForList,
  listDistrictReportsForList,
  type ListFailedItemRow,
  type ListFindingRow,
  type ListReportRow,
} from '../../../models/supplier-list.repository';
import { listSamplingResults } from '../../../models/sampling.repository';
import { loadRegistries } from '../registry/registry-versions';
import type { Db } from '../../../models/db';
import { notFound } from '../../errors';
import { registryForDate, type FindingCode, type RuleRegistry } from '../../verify/registry/registry';
import { rankSuppliers } from '../../verify/supplier-list';
import type { ListLineFacts, ListReportFacts } from '../../verify/supplier-list.types';
import type { ProductCategory } from '../../../parsers/types';
import type { SamplingListSnapshot } from '../../sampling/sampling-list.types';

export { SAMPLING_LOOKBACK_YEARS } from '../../verify/supplier-list';

export interface BuildOptions {
  /** YYYY-MM-DD; default today (UTC). Chooses the default registry and the look-back window. */
  asOf?: string;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function evidenceOf(raw: unknown): ListLineFacts['findings'][number]['evidence'] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e: { documentId?: unknown; item?: unknown; text?: unknown }) => ({
    documentId: typeof e.documentId === 'string' ? e.documentId : null,
    item: typeof e.item === 'string' ? e.item : null,
    text: typeof e.text === 'string' ? e.text : null,
  }));
}

function reportFacts(r: ListReportRow, failed: ListFailedItemRow[] | undefined): ListReportFacts {
  return {
    documentId: r.documentId,
    reportNumber: r.reportNumber,
    lab: r.labName,
    side: null,
    sampleName: r.sampleName,
    trademark: r.trademark,
    batch: r.batch,
    productionDate: r.printed?.productionDate ?? null,
    manufacturer: r.manufacturer,
    cccNumber: r.printed?.cccNumber ?? null,
    items: (failed ?? [])
      .filter((i) => i.name)
      .map((i) => ({ name: i.name!, result: i.result, requirement: i.requirement, unit: i.unit })),
  };
}

/**
 * The ranked list for one district (a preview: not stored). Used by the preview and send routes,
 * the supplier views, and the benchmark (`bench/service.bench.ts`).
 */
const byRecordingOrder = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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
  const [lines, findingRows, reportRows, failedItems, results] = await Promise.all([
    listDistrictLinesForList(db, districtId),
    listDistrictFindingsForList(db, districtId),
    listDistrictReportsForList(db, districtId),
    listDistrictFailedItems(db, districtId),
    listSamplingResults(db, { districtId }),
  ]);

  const byVersion = new Map<string, RuleRegistry>(available.map((r) => [r.version, r]));
  const weightOf = (code: FindingCode, version: string): number =>
    (byVersion.get(version) ?? registry).weights[code]?.weight ?? registry.weights[code]?.weight ?? 0;
  const findingsByLine = groupBy<ListFindingRow>(findingRows, (f) => f.lineId);
  const reportsByLine = groupBy(reportRows, (r) => r.lineId);
  const failedByDoc = groupBy(failedItems, (i) => i.documentId);

  const facts: ListLineFacts[] = lines.map((l) => ({
    lineId: l.lineId,
    supplier: {
      id: l.supplierId,
      name: l.supplierName ?? l.contractSupplierName,
      uscc: l.supplierUscc ?? l.contractSupplierUscc,
      aliases: l.supplierAliases ?? [],
    },
    school: l.schoolName,
    contract: l.contractNumber ?? `合同${l.contractId.slice(0, 8)}`,
    lineNo: l.lineNo,
    product: l.product,
    category: l.category as ProductCategory | null,
    model: l.model,
    quantity: l.quantity === null ? null : Number(l.quantity),
    unit: l.unit,
    cccNumber: l.printed?.cccNumber ?? null,
    batch: l.printed?.batch ?? null,
    productionDate: l.printed?.productionDate ?? null,
    findings: (findingsByLine.get(l.lineId) ?? []).map((f) => ({
      code: f.code as FindingCode,
      weight: weightOf(f.code as FindingCode, f.registryVersion),
      evidence: evidenceOf(f.evidence),
    })),
    reports: (reportsByLine.get(l.lineId) ?? []).map((r) => reportFacts(r, failedByDoc.get(r.documentId))),
  }));

  const list = rankSuppliers({
    district: { name: district.name },
    lines: facts,
    // oldest first, as the results were recorded
    officialSampling: [...results].sort(byRecordingOrder).map((r) => ({
      supplier: { id: r.supplierId, name: r.supplierName, uscc: r.supplierUscc, aliases: r.supplierAliases },
      sampledOn: r.sampledOn ?? r.createdAt.toISOString().slice(0, 10),
      sampledBatches: r.sampledBatches,
      failedBatches: r.failedBatches,
      failingItems: r.failingItems,
      reportNumbers: r.reportNumbers,
    })),
    registry,
    asOf,
  });
  return {
    schemaVersion: 2,
    district: { id: district.id, name: district.name, bureauName: district.bureauName },
    version: null,
    registryVersion: list.registryVersion,
    asOf,
    generatedAt: new Date().toISOString(),
    rules: list.rules,
    entries: list.entries,
  };
}
