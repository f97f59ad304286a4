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
  /** 监督抽查 */
  supervision: {
    /** 企业数 */
    enterprises: number;
    /** 批次数 */
    batches: number;
    /** 发现不合格批次数 */
    failedBatches: number;
    /** 不合格批次率 (%) */
    failedPct: number;
    failingItems: { item: string; batches: number }[];
  };
}
