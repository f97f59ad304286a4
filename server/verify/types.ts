/**
 * What the verification engine reads and returns. The engine is pure: no I/O, no clock — the caller
 * passes `asOf`, the registry and the resolved policy.
 */
import type {
  ContractExtraction,
  ContractLine,
  ProductCategory,
  TestReportExtraction,
} from '../../parsers/types';
import type { FindingCode, RuleRegistry, Severity } from './registry/registry';
import type { VerificationPolicy } from './policy';
import type { SupplierListEntry } from './supplier-list.types';

export type { FindingCode, Severity };

export type SchoolKind =
  'kindergarten' | 'primary' | 'junior' | 'senior' | 'complete_secondary' | 'nine_year';

export interface EngineDistrict {
  name: string;
  /** 教育行政部门, e.g. 江州市涪溪区教育委员会 */
  bureauName: string;
  bureauAliases?: string[];
}

export interface EngineSchool {
  name: string;
  kind: SchoolKind;
  aliases?: string[];
}

/** A test report as stored: its document id, a file name for evidence, the (effective) extraction. */
export interface EngineReport {
  id: string;
  file: string;
  extraction: TestReportExtraction;
}

export interface EngineLine {
  id: string;
  lineNo: number;
  line: ContractLine;
  /** Documents handed in for this line (by the school, or proposed by the service). */
  reportIds: string[];
  /** The subset of `reportIds` the service guessed (no explicit link). */
  guessedReportIds?: string[];
  /** 验收/到货日期 when the school recorded it (falls back to the contract's delivery date). */
  acceptedDate?: string | null;
  /**
   * document id → the printed 委托单位 a person confirmed as this line's supplier, school or bureau
   * (a near-miss name, likely misread). The confirmation holds only while the report prints that name.
   */
  confirmedClients?: Record<string, string>;
}

export interface EngineContract {
  id: string;
  file: string;
  extraction: ContractExtraction;
  lines: EngineLine[];
  /** Supplier aliases known to the service (also matched as 委托单位). */
  supplierAliases?: string[];
}

export interface VerifyDistrictInput {
  district: EngineDistrict;
  schools: EngineSchool[];
  /**
   * Other registered schools and education authorities (other districts' schools and bureaus): a
   * 委托单位 equal or nearer to one of them is that party, never this line's.
   */
  otherParties?: RegisteredParty[];
  /** In display order: the sampling list keeps first-appearance order of schools and contracts. */
  contracts: EngineContract[];
  /** Every report of the district (also those not linked to a line: they count for duplicates). */
  reports: EngineReport[];
  registry: RuleRegistry;
  policy: VerificationPolicy;
  /** YYYY-MM-DD */
  asOf: string;
}

export interface Evidence {
  file: string;
  documentId: string;
  page: number | null;
  item?: string;
  text: string;
  /**
   * A near-miss 委托单位 a person may confirm with one click (PUT /api/contract-lines/:id/reports/
   * :documentId/client-confirmation): the printed name and the party it is near.
   */
  confirmClient?: { client: string; party: string; role: string };
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  weight: number;
  /** Chinese, for a school clerk */
  message: string;
  evidence: Evidence[];
}

export type { ReportSide } from './report-side';
import type { ReportSide } from './report-side';

export interface LineReportUse {
  documentId: string;
  file: string;
  reportNumber: string | null;
  side: ReportSide;
  /** Why the 委托单位 was put on that side (exact name, alias, fuzzy match …). */
  sideReason: string;
  guessed: boolean;
}

export interface LineResult {
  lineId: string;
  contractId: string;
  contractFile: string;
  contractNumber: string | null;
  purchaser: string;
  supplier: string;
  supplierUscc: string | null;
  lineNo: number;
  product: string;
  model: string | null;
  category: ProductCategory | null;
  compliant: boolean;
  findings: Finding[];
  reports: LineReportUse[];
  /** Points a person must check before the line can be judged (not findings: the facts are missing). */
  reviews?: string[];
}

export interface DistrictResult {
  registryVersion: string;
  asOf: string;
  lines: LineResult[];
  samplingList: SupplierListEntry[];
}

/** An organisation registered with the service (a school, an education authority) that a report may name. */
export interface RegisteredParty {
  name: string;
  aliases?: string[];
  role: 'school' | 'bureau';
}
