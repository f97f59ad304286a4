/**
 * 本批次 (this batch): the supplier's report must be for the batch delivered. Batch identities (production
 * date and batch code) come from `batch-identity.ts`.
 */
import { reportEvidence, type Issue } from './issues';
import { reportLabel } from './report-checks';
import type { EngineReport, Evidence } from './types';
import { batchIdentity, compareBatches, reportBatch, type BatchIdentity } from './batch-identity';

/** The 本批次 rule as the registry states it (categories it applies to, and its source). */
export interface PerBatchRule {
  categories: string[];
  source: string;
}

interface SideReport {
  report: EngineReport;
  identity: BatchIdentity | null;
}

/**
 * 本批次 (教基一〔2015〕3号; 总局令第119号 from 2026-07-01): the supplier's report must be for the batch
 * delivered. The delivered batch is what the contract line prints, and what the school's sampling report
 * (drawn from the delivered goods) prints. For each of these, when supplier-side reports print something
 * comparable and none of them names the same batch → PRODUCT_MISMATCH naming both values. Nothing
 * comparable printed on either side → no finding.
 */
export function checkBatches(
  supplierReports: EngineReport[],
  purchaserReports: EngineReport[],
  line: { batch?: string | null; productionDate?: string | null; evidence: () => Evidence },
  category: string | null,
  rule: PerBatchRule,
): Issue[] {
  if (!category || !rule.categories.includes(category)) return [];
  const suppliers: SideReport[] = supplierReports.map((report) => ({
    report,
    identity: reportBatch(report.extraction),
  }));
  if (!suppliers.some((s) => s.identity)) return [];
  const references: { identity: BatchIdentity; what: string; evidence: () => Evidence }[] = [];
  const lineIdentity = batchIdentity(line.batch, line.productionDate);
  if (lineIdentity) references.push({ identity: lineIdentity, what: '合同明细', evidence: line.evidence });
  for (const report of purchaserReports) {
    const identity = reportBatch(report.extraction);
    if (!identity) continue;
    references.push({
      identity,
      what: `学校方${reportLabel(report.extraction)}（到货抽样）`,
      evidence: () => batchEvidence(report, identity),
    });
  }
  const issues: Issue[] = [];
  for (const ref of references) {
    const compared = suppliers
      .filter((s): s is { report: EngineReport; identity: BatchIdentity } => !!s.identity)
      .map((s) => ({ ...s, result: compareBatches(s.identity, ref.identity) }))
      .filter((s) => s.result !== 'unknown');
    if (compared.length === 0 || compared.some((s) => s.result === 'match')) continue;
    const printed = compared
      .map((s) => `供应商${reportLabel(s.report.extraction)}为“${s.identity.text}”`)
      .join('、');
    issues.push({
      code: 'PRODUCT_MISMATCH',
      message: `${ref.what}的生产日期/批号为“${ref.identity.text}”，而${printed}，批号或生产日期不一致：供应商的检验报告须为本批次产品的检验（${rule.source}）`,
      evidence: [ref.evidence(), ...compared.map((s) => batchEvidence(s.report, s.identity))],
    });
  }
  return issues;
}

function batchEvidence(report: EngineReport, identity: BatchIdentity): Evidence {
  return reportEvidence(report, `生产日期/批号：${identity.text}`, { field: 'sample.batch' });
}
