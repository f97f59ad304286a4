/**
 * Proposing the contract line a report belongs to, for uploads without an explicit link: the report's
 * supplier (委托单位 or 生产单位) against the contract supplier, the 委托单位 against the school or bureau,
 * and the sample model/name against the line. Every proposal carries its reason.
 */
import type { RuleRegistry } from './registry/registry';
import type { TestReportExtraction } from '../../parsers/types';
import { compact, normaliseModel } from './normalise';
import { decideSide, matchName, type NameMatch, type RegisteredParty } from './parties';

const NO_NAME_MATCH: NameMatch = { matched: false, how: 'none', reason: '' };
import { categoriesOfName } from './report-checks';
import { lineCategory } from './line-verifier';
import type { EngineContract, EngineDistrict, EngineReport } from './types';

/** Dice coefficient of character bigrams (brackets and punctuation ignored). */
function nameSimilarity(a: string | null, b: string | null): number {
  const grams = (s: string | null) => {
    const c = compact(s).replace(/[()（）+、，,/·-]/g, '');
    const out = new Set<string>();
    for (let i = 0; i + 1 < c.length; i++) out.add(c.slice(i, i + 2));
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/**
 * Supplier reports issued before delivery; school-side reports issued after it. Null when either date
 * is unknown (nothing contradicts the match).
 */
function datesFit(r: TestReportExtraction, c: EngineContract, supplierSide: boolean): boolean | null {
  const issued = r.dates.issued;
  const delivery = c.extraction.deliveryDate;
  if (!issued || !delivery) return null;
  return supplierSide ? issued <= delivery : issued >= delivery;
}

/** What agreed between a report and a line: the facts behind a proposal's score and reason. */
export interface ProposalFacts {
  /** The supplier appears on the report as 委托单位 or 生产单位, and how its name matched. */
  supplier: { as: 'client' | 'manufacturer'; how: NameMatch['how'] } | null;
  /** The 委托单位 is the purchasing school or the district's bureau, and how its name matched. */
  party: { as: 'purchaser' | 'bureau'; how: NameMatch['how'] } | null;
  /** The sample model equals the line's model. */
  model: boolean;
  /** The sample name names the line's product category. */
  category: boolean;
  /** The issue date fits the side's time (null: a date is unknown). */
  datesFit: boolean | null;
}

export interface LineProposal {
  contractId: string;
  lineId: string;
  score: number;
  reason: string;
  facts: ProposalFacts;
  /**
   * Safe to link without asking: the supplier matched by exact name or registered alias, the
   * 委托单位 is a party of this contract (the supplier, the school or the bureau, by exact name or
   * alias), the models agree, and the dates do not contradict the side. Anything less is a suggestion
   * for a person to confirm.
   */
  confident: boolean;
}

const firm = (how: NameMatch['how'] | undefined) => how === 'exact' || how === 'alias';

/** Whether the facts are enough to link a report to a line without a person confirming. */
export function isConfident(f: ProposalFacts): boolean {
  const clientIsParty = f.supplier?.as === 'client' || f.party !== null;
  const partyFirm = f.supplier?.as === 'client' ? firm(f.supplier.how) : firm(f.party?.how);
  return firm(f.supplier?.how) && clientIsParty && partyFirm && f.model && f.datesFit !== false;
}

/**
 * All plausible lines for a report, best first. Score: supplier (as client or manufacturer) 40,
 * school/bureau as client 20 / 10, same model 50, same product category 10, name similarity 0–10,
 * dates fitting the contract 5. A model match, or a supplier match with the same category, is required.
 */
export function proposeLines(
  report: EngineReport,
  contracts: EngineContract[],
  district: EngineDistrict,
  registry: RuleRegistry,
  /** Registered schools and authorities: a 委托单位 that is (or is nearest to) another one is not this line's school. */
  registered: RegisteredParty[] = [],
): LineProposal[] {
  const r = report.extraction;
  const out: LineProposal[] = [];
  const reportModel = normaliseModel(r.sample.model);
  const reportCats = categoriesOfName(r.sample.name, registry);
  for (const c of contracts) {
    const supplier = c.extraction.supplier.name ?? '';
    const bySupplierClient = matchName(r.client, supplier, c.supplierAliases);
    const bySupplierMaker = matchName(r.manufacturer, supplier, c.supplierAliases);
    const purchaser = c.extraction.purchaser.name ?? '';
    const borrowed =
      registered.length > 0 &&
      decideSide(r.client, { supplier, supplierAliases: c.supplierAliases, purchaser }, district, registered)
        .otherParty !== undefined;
    const bySchool = borrowed ? NO_NAME_MATCH : matchName(r.client, purchaser);
    const byBureau = borrowed
      ? NO_NAME_MATCH
      : matchName(r.client, district.bureauName, district.bureauAliases);
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
      // Both print a model and they differ: only a same-category product of the supplier, weakly.
      if (!modelMatch && reportModel && lineModel && !(cat && reportCats.has(cat))) continue;
      const similarity = nameSimilarity(r.sample.name, line.line.product);
      score += Math.round(similarity * 10);
      const fit = datesFit(r, c, bySupplierClient.matched);
      if (fit) {
        score += 5;
        reasons.push('报告日期符合该合同的送检时间要求');
      } else if (fit === false) {
        reasons.push('报告日期与该合同的送检时间要求不符');
      }
      const facts: ProposalFacts = {
        supplier: bySupplierClient.matched
          ? { as: 'client', how: bySupplierClient.how }
          : bySupplierMaker.matched
            ? { as: 'manufacturer', how: bySupplierMaker.how }
            : null,
        party: bySchool.matched
          ? { as: 'purchaser', how: bySchool.how }
          : byBureau.matched
            ? { as: 'bureau', how: byBureau.how }
            : null,
        model: modelMatch,
        category: Boolean(cat && reportCats.has(cat)),
        datesFit: fit,
      };
      out.push({
        contractId: c.id,
        lineId: line.id,
        score,
        reason: reasons.join('；'),
        facts,
        confident: isConfident(facts),
      });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The best proposals: every line sharing the top score (a report may serve several contracts). */
export function bestLines(proposals: LineProposal[]): LineProposal[] {
  const top = proposals[0]?.score;
  return top === undefined ? [] : proposals.filter((p) => p.score === top);
}
