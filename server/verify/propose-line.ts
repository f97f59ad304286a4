/**
 * Proposing the contract line a report belongs to, for uploads without an explicit link: the report's
 * supplier (委托单位 or 生产单位) against the contract supplier, the 委托单位 against the school or bureau,
 * and the sample model/name against the line. Every proposal carries its reason.
 */
import type { RuleRegistry } from './registry/registry';
import { normaliseModel } from './normalise';
import { matchName } from './parties';
import { categoriesOfName } from './report-checks';
import { lineCategory } from './line-verifier';
import type { EngineContract, EngineDistrict, EngineReport } from './types';

export interface LineProposal {
  contractId: string;
  lineId: string;
  score: number;
  reason: string;
}

/**
 * All plausible lines for a report, best first. Score: supplier (as client or manufacturer) 40,
 * school/bureau as client 20, same model 50, same product category 10. A model match or a supplier
 * match is required.
 */
export function proposeLines(
  report: EngineReport,
  contracts: EngineContract[],
  district: EngineDistrict,
  registry: RuleRegistry,
): LineProposal[] {
  const r = report.extraction;
  const out: LineProposal[] = [];
  const reportModel = normaliseModel(r.sample.model);
  const reportCats = categoriesOfName(r.sample.name, registry);
  for (const c of contracts) {
    const supplier = c.extraction.supplier.name ?? '';
    const bySupplierClient = matchName(r.client, supplier, c.supplierAliases);
    const bySupplierMaker = matchName(r.manufacturer, supplier, c.supplierAliases);
    const bySchool = matchName(r.client, c.extraction.purchaser.name ?? '');
    const byBureau = matchName(r.client, district.bureauName, district.bureauAliases);
    for (const line of c.lines) {
      const reasons: string[] = [];
      let score = 0;
      if (bySupplierClient.matched || bySupplierMaker.matched) {
        score += 40;
        reasons.push(
          bySupplierClient.matched
            ? `委托单位为供应商（${bySupplierClient.reason}）`
            : `生产单位为供应商（${bySupplierMaker.reason}）`,
        );
      }
      if (bySchool.matched) {
        score += 20;
        reasons.push('委托单位为采购学校');
      } else if (byBureau.matched) {
        score += 10;
        reasons.push('委托单位为区教育主管部门');
      }
      const lineModel = normaliseModel(line.line.model);
      const modelMatch = reportModel !== '' && reportModel === lineModel;
      if (modelMatch) {
        score += 50;
        reasons.push(`样品型号${r.sample.model ?? ''}与合同明细一致`);
      }
      const cat = lineCategory(line.line.product, line.line.category, registry);
      if (cat && reportCats.has(cat)) {
        score += 10;
        reasons.push('产品类别一致');
      }
      const supplierMatch = bySupplierClient.matched || bySupplierMaker.matched;
      if (!modelMatch && !supplierMatch) continue;
      if (!modelMatch && reportModel && lineModel) continue; // both print a model and they differ
      out.push({ contractId: c.id, lineId: line.id, score, reason: reasons.join('；') });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The best proposals: every line sharing the top score (a report may serve several contracts). */
export function bestLines(proposals: LineProposal[]): LineProposal[] {
  const top = proposals[0]?.score;
  return top === undefined ? [] : proposals.filter((p) => p.score === top);
}
