/**
 * What the supplier-list ranker (供货企业名单) reads and returns. `dsv audit` fills the facts from fresh
 * line results; the service fills them from stored rows (server/use-cases/sampling/build-sampling-list.ts).
 */
import type { ProductCategory } from '../../parsers/types';
import type { ListReasonCode } from '../vocabulary';
import type { FindingCode, RuleRegistry, Severity } from './registry/registry';
import type { SupplierLocation } from './supplier-location';
import type { ReportSide } from './report-side';

export type { SupplierLocation };

/** A supplier as a record shows it; records of one enterprise are grouped by parsers/party-identity.ts. */
export interface ListSupplierFacts {
  /** the service's supplier row, when there is one */
  id?: string | null;
  name: string | null;
  uscc: string | null;
  aliases?: readonly string[];
  /** 住所 when a document or the supplier record shows it */
  address?: string | null;
}

export interface ListReportFacts {
  documentId: string;
  reportNumber: string | null;
  lab: string | null;
  /** supplier / purchaser side when the engine decided it; null when not known */
  side: ReportSide | null;
  sampleName: string | null;
  trademark: string | null;
  batch: string | null;
  /** 生产日期 printed on the report, when any */
  productionDate?: string | null;
  manufacturer: string | null;
  cccNumber: string | null;
  /** items the list may cite (at least those printed 不合格), with value and limit as printed */
  items: { name: string; result: string | null; requirement: string | null; unit: string | null }[];
}

export interface ListFindingFacts {
  code: FindingCode;
  /** weight from the registry the finding was judged with */
  weight: number;
  evidence: { documentId?: string | null; item?: string | null; text?: string | null }[];
}

export interface ListLineFacts {
  lineId: string;
  supplier: ListSupplierFacts;
  school: string;
  /** contract number, or a label when the contract prints none */
  contract: string;
  lineNo: number;
  product: string;
  category: ProductCategory | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  /** 3C certificate number the contract shows for the line */
  cccNumber: string | null;
  /** batch and production date the contract states for the line, when any */
  batch?: string | null;
  productionDate?: string | null;
  findings: ListFindingFacts[];
  reports: ListReportFacts[];
}

/** One 监督抽查 result recorded by market supervision (sampling_results). */
export interface OfficialSamplingFacts {
  supplier: ListSupplierFacts;
  /** YYYY-MM-DD: sampled on, else the day it was recorded */
  sampledOn: string;
  sampledBatches: number;
  failedBatches: number;
  failingItems: string[];
  reportNumbers: string[];
}

export interface SupplierListInput {
  district: { name: string };
  /** In display order: schools and contracts keep their first-appearance order. */
  lines: ListLineFacts[];
  officialSampling: OfficialSamplingFacts[];
  registry: RuleRegistry;
  /** YYYY-MM-DD: the look-back window of official sampling ends here */
  asOf: string;
}

export interface ListReason {
  code: ListReasonCode;
  /** Chinese label */
  label: string;
  weight: number;
  /** Lines with this finding (for SAMPLING_FAILED: failed batches). */
  count: number;
  side: 'supplier' | 'school';
}

export interface ListLine {
  lineId: string;
  school: string;
  contractNumber: string;
  lineNo: number;
  product: string;
  category: ProductCategory | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  findings: string[];
  reportNumbers: string[];
  batches: string[];
}

export interface OfficialSampling {
  /** Results considered (within the look-back window). */
  results: number;
  sampledBatches: number;
  failedBatches: number;
  failingItems: string[];
  reportNumbers: string[];
}

export interface ListFailedItem {
  reportNumber: string | null;
  lab: string | null;
  item: string;
  result: string | null;
  requirement: string | null;
  unit: string | null;
  /** the finding's evidence (limit and standard when the service re-judged the value) */
  detail: string | null;
}

export interface SideScore {
  maxWeight: number;
  score: number;
}

export interface SupplierListEntry {
  rank: number;
  supplierId: string | null;
  supplier: string;
  uscc: string | null;
  risk: Severity;
  /** Heaviest weight among all reasons */
  maxWeight: number;
  /** Sum of weights over (line, finding) plus official sampling failures */
  score: number;
  /** What ranks: supplier-side failures first, school-side gaps after */
  supplierSide: SideScore;
  schoolSide: SideScore;
  /** Reason codes, heaviest first */
  reasons: ListReasonCode[];
  reasonDetails: ListReason[];
  /** 列入原因, Chinese */
  listedBecause: string;
  schools: string[];
  contracts: string[];
  lines: ListLine[];
  officialSampling: OfficialSampling | null;
  /** 住所/所在地 and whether it lies inside the district */
  location: SupplierLocation;
  /** 标称生产企业 printed on reports when it is not the supplier */
  manufacturers: string[];
  categories: ProductCategory[];
  products: string[];
  trademarks: string[];
  models: string[];
  batches: string[];
  /** 供货数量 per product and unit */
  quantities: { product: string; model: string | null; quantity: number; unit: string | null }[];
  /** each report's number with its lab */
  reports: { reportNumber: string | null; lab: string | null; side: ReportSide | null }[];
  failedItems: ListFailedItem[];
  /** 3C证书编号 (toys) */
  cccNumbers: string[];
  /** The published 监督抽查 columns (shared/domain.md §5.2) */
  supervision: SupervisionColumns;
}

export interface SupplierListRules {
  samplingFailureWeight: number;
  samplingLookBackYears: number;
  schoolSideCodes: FindingCode[];
}

export interface SupplierList {
  registryVersion: string;
  rules: SupplierListRules;
  entries: SupplierListEntry[];
}

/** Columns of a published 监督抽查 list (shared/domain.md §5.2, §7.9). */
export interface SupervisionColumns {
  企业名称: string;
  统一社会信用代码: string | null;
  产品名称: string;
  商标: string;
  规格型号: string;
  '生产日期/批号': string;
  抽样场所: string;
  承检机构: string;
  报告编号: string;
}
