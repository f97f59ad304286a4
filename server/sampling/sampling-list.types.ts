/**
 * The 供货企业名单 as previewed, stored (sampling_lists.snapshot), exported and delivered: the engine's
 * ranked list (server/verify/supplier-list.ts) with the district and the version around it.
 * `schemaVersion` changes when this shape changes; stored snapshots keep the shape they were sent in
 * (version 1: only suppliers with findings, without the inspection columns — readers tolerate both).
 */
import type { SupplierListEntry, SupplierListRules } from '../verify/supplier-list.types';

export type {
  ListFailedItem,
  ListLine,
  ListReason,
  OfficialSampling,
  SupplierListEntry as SamplingListEntry,
} from '../verify/supplier-list.types';

export interface SamplingListSnapshot {
  schemaVersion: 1 | 2;
  district: { id: string; name: string; bureauName: string };
  /** Set when stored (1, 2, …); null in a preview. */
  version: number | null;
  /** Registry whose weights ranked the list */
  registryVersion: string;
  asOf: string;
  generatedAt: string;
  /** How the list is ranked (documentation for the reader of the list). */
  rules: Pick<SupplierListRules, 'samplingFailureWeight' | 'samplingLookBackYears'> &
    Partial<SupplierListRules>;
  entries: SupplierListEntry[];
}
