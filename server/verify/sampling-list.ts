/**
 * The supplier list from fresh line results (`dsv audit`, the engine): the line results and the
 * district's reports become the ranker's facts (server/verify/supplier-list.ts ranks them).
 */
import type { ContractLine } from '../../parsers/types';
import type { RuleRegistry } from './registry/registry';
import { displayName } from './normalise';
import { rankSuppliers } from './supplier-list';
import type {
  ListLineFacts,
  ListReportFacts,
  OfficialSamplingFacts,
  SupplierList,
} from './supplier-list.types';
import type { EngineReport, LineResult } from './types';

export interface SamplingListContext {
  district: { name: string };
  asOf: string;
  /** line id → the contract line as extracted (quantity, unit, 3C number) */
  contractLines?: Map<string, ContractLine>;
  /** 监督抽查 results recorded for the district's suppliers */
  officialSampling?: OfficialSamplingFacts[];
}

function reportFacts(
  report: EngineReport | undefined,
  documentId: string,
  side: ListReportFacts['side'],
  cited: Set<string>,
): ListReportFacts {
  const r = report?.extraction;
  return {
    documentId,
    reportNumber: r?.reportNumber ?? null,
    lab: r?.lab.name ?? null,
    side,
    sampleName: r?.sample.name ?? null,
    trademark: r?.sample.trademark ?? null,
    batch: r?.sample.batch ?? null,
    productionDate: r?.sample.productionDate ?? null,
    manufacturer: r?.manufacturer ?? null,
    cccNumber: r?.cccNumber ?? null,
    // only the items a failed-item column cites (the findings' evidence names them)
    items: cited.size
      ? (r?.items ?? [])
          .filter((i) => cited.has(i.name))
          .map((i) => ({ name: i.name, result: i.result, requirement: i.requirement, unit: i.unit }))
      : [],
  };
}

const NONE = new Set<string>();

/** Item names the line's ITEM_FAILED findings cite on one report. */
function citedItems(line: LineResult, documentId: string): Set<string> {
  let out: Set<string> | undefined;
  for (const f of line.findings) {
    if (f.code !== 'ITEM_FAILED') continue;
    for (const e of f.evidence) {
      if (e.documentId === documentId && e.item) (out ??= new Set()).add(e.item);
    }
  }
  return out ?? NONE;
}

/** The ranker's facts of one line result. */
export function lineFacts(
  line: LineResult,
  reports: Map<string, EngineReport>,
  contractLine?: ContractLine,
): ListLineFacts {
  return {
    lineId: line.lineId,
    supplier: { name: displayName(line.supplier) || line.supplier, uscc: line.supplierUscc },
    school: displayName(line.purchaser) || line.purchaser,
    contract: line.contractNumber ?? line.contractFile,
    lineNo: line.lineNo,
    product: line.product,
    category: line.category,
    model: line.model,
    quantity: contractLine?.quantity ?? null,
    unit: contractLine?.unit ?? null,
    cccNumber: contractLine?.cccNumber ?? null,
    batch: contractLine?.batch ?? null,
    productionDate: contractLine?.productionDate ?? null,
    findings: line.findings.map((f) => ({
      code: f.code,
      weight: f.weight,
      evidence: f.evidence.map((e) => ({ documentId: e.documentId, item: e.item ?? null, text: e.text })),
    })),
    reports: line.reports.map((u) =>
      reportFacts(reports.get(u.documentId), u.documentId, u.side, citedItems(line, u.documentId)),
    ),
  };
}

/**
 * Facts per line result object: an incremental update re-verifies a few lines (new result objects)
 * and keeps the others, whose facts need not be rebuilt.
 */
const factsCache = new WeakMap<LineResult, ListLineFacts>();

/** Ranks the district's suppliers from line results (in display order). */
export function buildSamplingList(
  lines: LineResult[],
  registry: RuleRegistry,
  reports: Map<string, EngineReport>,
  context: SamplingListContext,
): SupplierList {
  return rankSuppliers({
    district: context.district,
    lines: lines.map((l) => {
      let facts = factsCache.get(l);
      if (!facts) {
        facts = lineFacts(l, reports, context.contractLines?.get(l.lineId));
        factsCache.set(l, facts);
      }
      return facts;
    }),
    officialSampling: context.officialSampling ?? [],
    registry,
    asOf: context.asOf,
  });
}
