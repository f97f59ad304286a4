/**
 * The verification engine: district in → per-line findings and the ranked sampling list out.
 * Pure: everything it needs (registry, policy, asOf) is passed in.
 *
 * Incremental use: `prepareDistrict` builds the indexes once; after one document changes, update the
 * index (`indexReport`), ask `linesAffectedByDocument` which lines to redo, `verifyLine` those,
 * and `buildSamplingList` over the merged results.
 */
import { buildDistrictIndex, type DistrictIndex } from './district-index';
import { schoolMap, verifyLine, type VerifyContext } from './line-verifier';
import { buildSamplingList } from './sampling-list';
import type { DistrictResult, EngineContract, EngineLine, LineResult, VerifyDistrictInput } from './types';

export { verifyLine, type VerifyContext } from './line-verifier';
export { buildSamplingList, lineFacts } from './sampling-list';
export { rankSuppliers } from './supplier-list';
export { buildDistrictIndex, indexReport, unindexReport, linesAffectedByDocument } from './district-index';
export { proposeLines, bestLines, isConfident, type LineProposal, type ProposalFacts } from './propose-line';

export interface PreparedDistrict {
  ctx: VerifyContext;
  /** line id → its contract and line */
  lines: Map<string, { contract: EngineContract; line: EngineLine }>;
  /** line ids in display order */
  order: string[];
}

export function prepareDistrict(input: VerifyDistrictInput): PreparedDistrict {
  const index: DistrictIndex = buildDistrictIndex(input.contracts, input.reports);
  const ctx: VerifyContext = {
    district: input.district,
    schools: schoolMap(input.schools),
    registered: [
      ...input.schools.map((s) => ({ name: s.name, aliases: s.aliases ?? [], role: 'school' as const })),
      ...(input.otherParties ?? []),
    ],
    registry: input.registry,
    policy: input.policy,
    asOf: input.asOf,
    index,
  };
  const lines = new Map<string, { contract: EngineContract; line: EngineLine }>();
  const order: string[] = [];
  for (const contract of input.contracts) {
    for (const line of contract.lines) {
      lines.set(line.id, { contract, line });
      order.push(line.id);
    }
  }
  return { ctx, lines, order };
}

/** Recomputes the given lines (all when omitted). */
export function verifyLines(prepared: PreparedDistrict, lineIds?: Iterable<string>): Map<string, LineResult> {
  const out = new Map<string, LineResult>();
  for (const id of lineIds ?? prepared.order) {
    const entry = prepared.lines.get(id);
    if (entry) out.set(id, verifyLine(entry.contract, entry.line, prepared.ctx));
  }
  return out;
}

/** Assembles the district result from per-line results (display order kept). */
export function assembleResult(prepared: PreparedDistrict, results: Map<string, LineResult>): DistrictResult {
  const lines = prepared.order.map((id) => results.get(id)).filter((r): r is LineResult => r !== undefined);
  return {
    registryVersion: prepared.ctx.registry.version,
    asOf: prepared.ctx.asOf,
    lines,
    samplingList: buildSamplingList(lines, prepared.ctx.registry, prepared.ctx.index.reports, {
      district: prepared.ctx.district,
      asOf: prepared.ctx.asOf,
      contractLines: new Map([...prepared.lines].map(([id, l]) => [id, l.line.line])),
    }).entries,
  };
}

/** Full verification of a district. */
export function verifyDistrict(input: VerifyDistrictInput): DistrictResult {
  const prepared = prepareDistrict(input);
  return assembleResult(prepared, verifyLines(prepared));
}
