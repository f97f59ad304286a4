/**
 * The 供货企业名单 as previewed, stored (sampling_lists.snapshot), exported and delivered.
 * `schemaVersion` changes when this shape changes; stored snapshots keep the shape they were sent in.
 */
import type { Severity, SupervisionColumns } from '../verify/types';
import type { ListReasonCode } from './labels';

export interface ListReason {
  code: ListReasonCode;
  /** Chinese label */
  label: string;
  weight: number;
  /** Lines with this finding (for SAMPLING_FAILED: failed batches). */
  count: number;
}

export interface ListLine {
  lineId: string;
  school: string;
  contractNumber: string;
  lineNo: number;
  product: string;
  model: string | null;
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

export interface SamplingListEntry {
  rank: number;
  supplierId: string | null;
  supplier: string;
  uscc: string | null;
  risk: Severity;
  /** Heaviest weight among the reasons */
  maxWeight: number;
  /** Sum of weights over (line, finding) plus official sampling failures */
  score: number;
  /** Reason codes, heaviest first */
  reasons: ListReasonCode[];
  reasonDetails: ListReason[];
  schools: string[];
  contracts: string[];
  lines: ListLine[];
  officialSampling: OfficialSampling | null;
  /** The published 监督抽查 columns (shared/domain.md §5.2) */
  supervision: SupervisionColumns;
}

export interface SamplingListSnapshot {
  schemaVersion: 1;
  district: { id: string; name: string; bureauName: string };
  /** Set when stored (1, 2, …); null in a preview. */
  version: number | null;
  /** Registry whose weights ranked the list */
  registryVersion: string;
  asOf: string;
  generatedAt: string;
  /** How official sampling failures are weighted (documentation for the reader of the list). */
  rules: { samplingFailureWeight: number; samplingLookBackYears: number };
  entries: SamplingListEntry[];
}
