import type { CampaignPeriod } from './campaign-period';
import type { FilledBy, StatisticsColumn } from './statistics.layout';

/** A district's campaign statistics (成果统计表) as data: built by use-cases/compliance/campaign-statistics.ts, exported by statistics.export.ts. */
export interface CampaignStatistics {
  district: { id: string; name: string; bureauName: string };
  generatedAt: string;
  schools: number;
  schoolsWithContracts: number;
  contracts: number;
  lines: number;
  suppliers: number;
  dualCoveredLines: number;
  dualCoveredPct: number;
  compliantLines: number;
  linesWithFindings: number;
  linesAwaitingReports: number;
  findings: number;
  findingsByCode: { code: string; label: string; findings: number; lines: number; suppliers: number }[];
  samplingLists: {
    sent: number;
    acknowledged: number;
    lastVersion: number | null;
    lastSentAt: string | null;
  };
  /** 监督抽查 within the campaign period (results of kind supervision) */
  supervision: SamplingBlock;
  /** 风险监测 within the campaign period (results of kind risk_monitoring) */
  riskMonitoring: SamplingBlock;
  /** The 成果统计表 in the attachment's layout (server/sampling/statistics.layout.ts). */
  campaign: {
    period: CampaignPeriod;
    /** 填报单位: the market-supervision office, as saved for the period (default: the district's 市场监督管理局) */
    reportingUnit: string;
    groups: {
      key: string;
      title: string;
      filledBy: FilledBy;
      columns: (StatisticsColumn & { value: number | null })[];
    }[];
    /** Who saved the typed cells of this period last, and when (null: nothing typed yet). */
    savedBy: string | null;
    savedAt: string | null;
  };
}

/** Counts of recorded sampling results of one kind. */
export interface SamplingBlock {
  /** 企业数 */
  enterprises: number;
  /** 批次数 */
  batches: number;
  /** 发现不合格批次数 */
  failedBatches: number;
  /** 不合格批次率 (%) */
  failedPct: number;
  failingItems: { item: string; batches: number }[];
}
