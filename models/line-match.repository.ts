/**
 * The service's report-to-line matching (自动匹配 / 建议匹配): automatic links are line_reports rows with
 * source 'auto'; suggestions and pairs a person ruled out are line_report_matches rows.
 */
import { and, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import type { TestReportExtraction } from '../parsers/types';
import { storedReport } from './report.repository';
import type { Db, Tx } from './db';
import { contractLines, contracts, documents, lineReportMatches, lineReports, testReports } from './schema';

export interface MatchPlan {
  /** Lines to link automatically (source 'auto'). */
  auto: { lineId: string; reason: string }[];
  /** Lines to suggest for a person to confirm. */
  suggested: { lineId: string; score: number; reason: string }[];
}

/** The school's test reports with an effective extraction (what matching reads). */
export async function listSchoolReports(
  db: Db | Tx,
  schoolId: string,
): Promise<{ documentId: string; file: string; extraction: TestReportExtraction }[]> {
  const rows = await db
    .select({ id: documents.id, file: documents.originalName, effective: documents.effective })
    .from(documents)
    .where(
      and(
        eq(documents.schoolId, schoolId),
        eq(documents.kind, 'test_report'),
        isNotNull(documents.effective),
      ),
    );
  return rows.map((r) => ({
    documentId: r.id,
    file: r.file,
    extraction: storedReport(r.effective),
  }));
}

/** Every link and match row of the given documents. */
export async function matchStateOf(db: Db | Tx, documentIds: string[]) {
  if (documentIds.length === 0) return { links: [], matches: [] };
  const [links, matches] = await Promise.all([
    db
      .select({ lineId: lineReports.lineId, documentId: lineReports.documentId, source: lineReports.source })
      .from(lineReports)
      .where(inArray(lineReports.documentId, documentIds)),
    db
      .select({
        lineId: lineReportMatches.lineId,
        documentId: lineReportMatches.documentId,
        state: lineReportMatches.state,
      })
      .from(lineReportMatches)
      .where(inArray(lineReportMatches.documentId, documentIds)),
  ]);
  return { links, matches };
}

/**
 * Makes a report's automatic links and open suggestions exactly `plan` (school links and dismissed
 * pairs are left as they are). Returns the lines whose automatic links changed.
 */
export async function applyMatchPlan(tx: Tx, documentId: string, plan: MatchPlan): Promise<string[]> {
  const autoIds = plan.auto.map((a) => a.lineId);
  const removed = await tx
    .delete(lineReports)
    .where(
      and(
        eq(lineReports.documentId, documentId),
        eq(lineReports.source, 'auto'),
        autoIds.length ? notInArray(lineReports.lineId, autoIds) : undefined,
      ),
    )
    .returning({ lineId: lineReports.lineId });
  const added = plan.auto.length
    ? await tx
        .insert(lineReports)
        .values(plan.auto.map((a) => ({ lineId: a.lineId, documentId, source: 'auto', reason: a.reason })))
        .onConflictDoNothing()
        .returning({ lineId: lineReports.lineId })
    : [];
  const suggestedIds = plan.suggested.map((s) => s.lineId);
  await tx
    .delete(lineReportMatches)
    .where(
      and(
        eq(lineReportMatches.documentId, documentId),
        eq(lineReportMatches.state, 'suggested'),
        suggestedIds.length ? notInArray(lineReportMatches.lineId, suggestedIds) : undefined,
      ),
    );
  for (const s of plan.suggested) {
    await tx
      .insert(lineReportMatches)
      .values({ lineId: s.lineId, documentId, state: 'suggested', score: s.score, reason: s.reason })
      .onConflictDoUpdate({
        target: [lineReportMatches.lineId, lineReportMatches.documentId],
        set: { score: s.score, reason: s.reason },
        setWhere: eq(lineReportMatches.state, 'suggested'),
      });
  }
  return [...new Set([...removed, ...added].map((r) => r.lineId))];
}

/** A person ruled the pair out: the link (if any) is removed and the pair is never proposed again. */
export async function dismissMatch(
  tx: Tx,
  p: { lineId: string; documentId: string; userId: string },
): Promise<{ removedSource: string | null; wasSuggested: boolean }> {
  const [link] = await tx
    .delete(lineReports)
    .where(and(eq(lineReports.lineId, p.lineId), eq(lineReports.documentId, p.documentId)))
    .returning({ source: lineReports.source });
  const [before] = await tx
    .select({ state: lineReportMatches.state })
    .from(lineReportMatches)
    .where(and(eq(lineReportMatches.lineId, p.lineId), eq(lineReportMatches.documentId, p.documentId)));
  await tx
    .insert(lineReportMatches)
    .values({ ...pair(p), state: 'dismissed', decidedBy: p.userId, decidedAt: new Date() })
    .onConflictDoUpdate({
      target: [lineReportMatches.lineId, lineReportMatches.documentId],
      set: { state: 'dismissed', decidedBy: p.userId, decidedAt: new Date() },
    });
  return { removedSource: link?.source ?? null, wasSuggested: before?.state === 'suggested' };
}

/** A person confirmed the pair: a school link (an automatic one becomes the school's), no suggestion. */
export async function confirmMatch(
  tx: Tx,
  p: { lineId: string; documentId: string; userId: string },
): Promise<{ previousSource: string | null }> {
  const [current] = await tx
    .select({ source: lineReports.source })
    .from(lineReports)
    .where(and(eq(lineReports.lineId, p.lineId), eq(lineReports.documentId, p.documentId)));
  await tx
    .insert(lineReports)
    .values({ ...pair(p), source: 'school', linkedBy: p.userId })
    .onConflictDoUpdate({
      target: [lineReports.lineId, lineReports.documentId],
      set: { source: 'school', linkedBy: p.userId },
    });
  await tx
    .delete(lineReportMatches)
    .where(and(eq(lineReportMatches.lineId, p.lineId), eq(lineReportMatches.documentId, p.documentId)));
  return { previousSource: current?.source ?? null };
}

const pair = (p: { lineId: string; documentId: string }) => ({ lineId: p.lineId, documentId: p.documentId });

/** The open suggestions of the given lines, with the report's fields. */
export async function listSuggestions(db: Db | Tx, lineIds: string[]) {
  if (lineIds.length === 0) return [];
  return db
    .select({
      lineId: lineReportMatches.lineId,
      documentId: lineReportMatches.documentId,
      score: lineReportMatches.score,
      reason: lineReportMatches.reason,
      originalName: documents.originalName,
      reportNumber: testReports.reportNumber,
      client: testReports.client,
      sampleName: testReports.sampleName,
      sampleModel: testReports.sampleModel,
      labName: testReports.labName,
      issuedDate: testReports.issuedDate,
      conclusion: testReports.conclusion,
    })
    .from(lineReportMatches)
    .innerJoin(documents, eq(documents.id, lineReportMatches.documentId))
    .leftJoin(testReports, eq(testReports.documentId, lineReportMatches.documentId))
    .where(and(inArray(lineReportMatches.lineId, lineIds), eq(lineReportMatches.state, 'suggested')));
}

/**
 * The school's test report documents (any status) with their report fields, the lines each is linked
 * to and the suggestions naming them: what a school's 关联检验报告 checklist shows.
 */
export async function listReportCandidates(db: Db | Tx, schoolId: string) {
  const docs = await db
    .select({
      documentId: documents.id,
      originalName: documents.originalName,
      status: documents.status,
      kind: documents.kind,
      declaredKind: documents.declaredKind,
      createdAt: documents.createdAt,
      reportNumber: testReports.reportNumber,
      client: testReports.client,
      sampleName: testReports.sampleName,
      sampleModel: testReports.sampleModel,
      labName: testReports.labName,
      issuedDate: testReports.issuedDate,
      conclusion: testReports.conclusion,
    })
    .from(documents)
    .leftJoin(testReports, eq(testReports.documentId, documents.id))
    .where(eq(documents.schoolId, schoolId));
  const ids = docs.map((d) => d.documentId);
  const links = ids.length
    ? await db
        .select({
          documentId: lineReports.documentId,
          lineId: lineReports.lineId,
          source: lineReports.source,
          lineNo: contractLines.lineNo,
          product: contractLines.product,
          contractNumber: contracts.contractNumber,
        })
        .from(lineReports)
        .innerJoin(contractLines, eq(contractLines.id, lineReports.lineId))
        .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
        .where(inArray(lineReports.documentId, ids))
    : [];
  return { docs, links };
}
