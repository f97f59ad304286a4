/**
 * What the two supplier lists share — the one the engine builds from fresh line results (dsv audit)
 * and the one the service builds from stored findings (server/use-cases/sampling/build-sampling-list.ts):
 * the order (heaviest finding weight, then the sum of weights over (line, finding), then name),
 * the risk tier of a weight, and the columns market supervision publishes.
 */
import type { RuleRegistry, Severity } from './registry/registry';

export interface RankKey {
  supplier: string;
  maxWeight: number;
  score: number;
}

/** Code-point order, the same on every machine (no locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort order of the supplier list. */
export function compareSuppliers(a: RankKey, b: RankKey): number {
  return b.maxWeight - a.maxWeight || b.score - a.score || byCodePoint(a.supplier, b.supplier);
}

/** Risk tier of the heaviest weight: the tier of the registry code carrying it (or the next lighter one). */
export function riskTier(registry: RuleRegistry, weight: number): Severity {
  const weights = Object.values(registry.weights);
  const exact = weights.find((w) => w.weight === weight);
  if (exact) return exact.tier;
  const lighter = weights.filter((w) => w.weight <= weight).sort((a, b) => b.weight - a.weight)[0];
  return lighter?.tier ?? 'low';
}

export function pushUnique(list: string[], value: string | null | undefined): void {
  if (value && !list.includes(value)) list.push(value);
}

/** The facts gathered per supplier for the market-supervision columns. */
export interface SupervisionFacts {
  supplier: string;
  uscc: string | null;
  products: string[];
  trademarks: string[];
  models: string[];
  batches: string[];
  schools: string[];
  labs: string[];
  reportNumbers: string[];
}

/** 企业名称, 统一社会信用代码, 产品名称, 商标, 规格型号, 生产日期/批号, 抽样场所, 承检机构, 报告编号 */
export function supervisionColumns(a: SupervisionFacts) {
  return {
    企业名称: a.supplier,
    统一社会信用代码: a.uscc,
    产品名称: a.products.join('、'),
    商标: a.trademarks.join('、'),
    规格型号: a.models.join('、'),
    '生产日期/批号': a.batches.join('、'),
    抽样场所: a.schools.join('、'),
    承检机构: a.labs.join('、'),
    报告编号: a.reportNumbers.join('、'),
  };
}
