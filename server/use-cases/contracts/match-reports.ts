/**
 * 自动匹配: the service links a school's test reports to the school's contract lines with the
 * verification engine's proposals (server/verify/propose-line.ts, so its matching rules apply here
 * too). A confident match is linked (line_reports source 'auto', shown as 自动匹配, one click undoes
 * it); anything less is a suggestion a person confirms or dismisses. Only the school's own contracts
 * are candidates — nothing is linked across schools — and a report the school has handed in by hand,
 * or a pair a person ruled out, is never matched again.
 */
import type { AppContext } from '../../context';
import { findDocument } from '../../../models/document.repository';
import { findSchool } from '../../../models/district.repository';
import { matchName } from '../../verify/parties';
import { listSchoolContracts } from '../../../models/contract.repository';
import {
  applyMatchPlan,
  listSchoolReports,
  matchStateOf,
  type MatchPlan,
} from '../../../models/line-match.repository';
import { bestLines, proposeLines } from '../../verify/engine';
import type { RuleRegistry } from '../../verify/registry/registry';
import type { EngineContract, EngineDistrict, EngineReport } from '../../verify/types';
import { loadDistrictSetting, toEngineContract } from '../verification/verify-district';

/** At most this many suggestions per report (the tied best proposals). */
const MAX_SUGGESTIONS = 3;

export interface MatchState {
  /** The school handed the report in for some line by hand: the service leaves it alone. */
  schoolLinked: boolean;
  /** Lines a person ruled out for this report. */
  dismissed: ReadonlySet<string>;
}

/**
 * What the service does with one report: link the single best line when the engine calls it
 * confident, else suggest the best lines (ties) for a person to decide.
 */
export function planMatches(
  report: EngineReport,
  contracts: EngineContract[],
  district: EngineDistrict,
  registry: RuleRegistry,
  state: MatchState,
): MatchPlan {
  if (state.schoolLinked) return { auto: [], suggested: [] };
  const proposals = proposeLines(report, contracts, district, registry).filter(
    (p) => !state.dismissed.has(p.lineId),
  );
  const best = bestLines(proposals);
  if (best.length === 1 && best[0]!.confident) {
    return { auto: [{ lineId: best[0]!.lineId, reason: best[0]!.reason }], suggested: [] };
  }
  return {
    auto: [],
    suggested: best
      .slice(0, MAX_SUGGESTIONS)
      .map((p) => ({ lineId: p.lineId, score: p.score, reason: p.reason })),
  };
}

/**
 * Re-matches after `documentId` was read or corrected: a test report against the school's contracts,
 * or, for a contract, every report of the school against them. Returns the lines whose automatic
 * links changed (their verification must be recomputed).
 */
export async function matchDocumentToLines(
  ctx: AppContext,
  documentId: string,
): Promise<{ changedLineIds: string[] }> {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc?.effective || (doc.status !== 'parsed' && doc.status !== 'needs_review')) {
    return { changedLineIds: [] };
  }
  if (doc.kind !== 'test_report' && doc.kind !== 'contract') return { changedLineIds: [] };
  const reports = (await listSchoolReports(ctx.db, doc.schoolId)).filter(
    (r) => doc.kind === 'contract' || r.documentId === doc.id,
  );
  // A new contract adds matches; it does not take away a report's automatic link a person has seen.
  return matchReports(ctx, doc.schoolId, doc.districtId, reports, {
    keepAutoLinked: doc.kind === 'contract',
  });
}

/** Re-matches the given reports of one school (after a person linked or ruled out a pair). */
export async function rematchReports(
  ctx: AppContext,
  schoolId: string,
  districtId: string,
  documentIds: string[],
): Promise<{ changedLineIds: string[] }> {
  const wanted = new Set(documentIds);
  const reports = (await listSchoolReports(ctx.db, schoolId)).filter((r) => wanted.has(r.documentId));
  return matchReports(ctx, schoolId, districtId, reports);
}

async function matchReports(
  ctx: AppContext,
  schoolId: string,
  districtId: string,
  reports: Awaited<ReturnType<typeof listSchoolReports>>,
  opts: { keepAutoLinked?: boolean } = {},
): Promise<{ changedLineIds: string[] }> {
  if (reports.length === 0) return { changedLineIds: [] };
  const [school, contracts, setting, state] = await Promise.all([
    findSchool(ctx.db, schoolId),
    listSchoolContracts(ctx.db, schoolId),
    loadDistrictSetting(ctx.db, { districtId, asOf: new Date().toISOString().slice(0, 10) }),
    matchStateOf(
      ctx.db,
      reports.map((r) => r.documentId),
    ),
  ]);
  // A contract whose 采购人 is another school (flagged for review, review/effective.ts: a name a few
  // characters off counts as another school until a person corrects it) is no candidate.
  const engineContracts = contracts
    .filter(
      (c) =>
        !c.extraction.purchaser.name ||
        matchName(c.extraction.purchaser.name, school?.name ?? '', [], { nearMiss: false }).matched,
    )
    .map(toEngineContract);
  const changed = new Set<string>();
  for (const r of reports) {
    if (
      opts.keepAutoLinked &&
      state.links.some((l) => l.documentId === r.documentId && l.source === 'auto')
    ) {
      continue;
    }
    const plan = planMatches(
      { id: r.documentId, file: r.file, extraction: r.extraction },
      engineContracts,
      setting.district,
      setting.registry,
      {
        schoolLinked: state.links.some((l) => l.documentId === r.documentId && l.source === 'school'),
        dismissed: new Set(
          state.matches
            .filter((m) => m.documentId === r.documentId && m.state === 'dismissed')
            .map((m) => m.lineId),
        ),
      },
    );
    const lines = await ctx.db.transaction((tx) => applyMatchPlan(tx, r.documentId, plan));
    lines.forEach((l) => changed.add(l));
  }
  if (changed.size) ctx.logger.info({ schoolId, lines: changed.size }, 'reports matched to contract lines');
  return { changedLineIds: [...changed] };
}
