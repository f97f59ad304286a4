/**
 * The supplier list for market supervision: suppliers with at least one finding, ranked by the
 * heaviest finding weight, then the sum of weights over (line, finding), then name. A supplier is
 * recognised by THE supplier identity rule: its valid USCC or, failing that, its normalised name.
 */
import type { RuleRegistry } from './registry/registry';
import { compareSuppliers, pushUnique, riskTier, supervisionColumns } from './supplier-ranking';
import { displayName } from './normalise';
import { SupplierKeys } from '../../parsers/party-identity';
import type { EngineReport, FindingCode, LineResult, SamplingEntry } from './types';

interface Acc {
  supplier: string;
  uscc: string | null;
  maxWeight: number;
  score: number;
  codes: Set<FindingCode>;
  schools: string[];
  contracts: string[];
  lines: SamplingEntry['lines'];
  products: string[];
  models: string[];
  trademarks: string[];
  batches: string[];
  labs: string[];
  reportNumbers: string[];
}

/**
 * Builds the ranked list from line results (in display order: schools and contracts keep their
 * first-appearance order). `reports` fills the market-supervision columns.
 */
export function buildSamplingList(
  lines: LineResult[],
  registry: RuleRegistry,
  reports: Map<string, EngineReport>,
): SamplingEntry[] {
  const bySupplier = new Map<string, Acc>();
  // One supplier by THE identity rule (parsers/party-identity.ts): valid USCC, else normalised name.
  const keys = new SupplierKeys();
  const keyOf = (line: LineResult): string => keys.keyOf({ name: line.supplier, uscc: line.supplierUscc });
  for (const line of lines) {
    if (line.findings.length === 0) continue;
    const key = keyOf(line);
    let acc = bySupplier.get(key);
    if (!acc) {
      acc = {
        supplier: displayName(line.supplier) || line.supplier,
        uscc: line.supplierUscc,
        maxWeight: 0,
        score: 0,
        codes: new Set(),
        schools: [],
        contracts: [],
        lines: [],
        products: [],
        models: [],
        trademarks: [],
        batches: [],
        labs: [],
        reportNumbers: [],
      };
      bySupplier.set(key, acc);
    }
    acc.uscc ??= line.supplierUscc;
    const contract = line.contractNumber ?? line.contractFile;
    for (const f of line.findings) {
      acc.maxWeight = Math.max(acc.maxWeight, f.weight);
      acc.score += f.weight;
      acc.codes.add(f.code);
    }
    pushUnique(acc.schools, displayName(line.purchaser) || line.purchaser);
    pushUnique(acc.contracts, contract);
    pushUnique(acc.products, line.product);
    pushUnique(acc.models, line.model);
    acc.lines.push({
      contractNumber: contract,
      lineNo: line.lineNo,
      school: displayName(line.purchaser) || line.purchaser,
      findings: line.findings.map((f) => f.code),
    });
    for (const use of line.reports) {
      const r = reports.get(use.documentId)?.extraction;
      if (!r) continue;
      pushUnique(acc.trademarks, r.sample.trademark);
      pushUnique(acc.batches, r.sample.batch);
      pushUnique(acc.labs, r.lab.name);
      pushUnique(acc.reportNumbers, r.reportNumber);
    }
  }
  const weight = (c: FindingCode) => registry.weights[c]?.weight ?? 0;
  const sorted = [...bySupplier.values()].sort(compareSuppliers);
  return sorted.map((a, i) => ({
    rank: i + 1,
    supplier: a.supplier,
    uscc: a.uscc,
    risk: riskTier(registry, a.maxWeight),
    maxWeight: a.maxWeight,
    score: a.score,
    reasons: [...a.codes].sort((x, y) => weight(y) - weight(x) || x.localeCompare(y)),
    schools: a.schools,
    contracts: a.contracts,
    lines: a.lines,
    supervision: supervisionColumns(a),
  }));
}
