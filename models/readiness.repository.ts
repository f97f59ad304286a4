/**
 * How finished a district's reading is: documents still being read or awaiting a person's review,
 * and contract lines whose evidence (the contract or a linked report) still awaits review. The
 * supplier list warns with these counts before it is sent.
 */
import { and, count, countDistinct, eq, inArray, or } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { contractLines, contracts, documents, lineReports, schools } from './schema';

export interface DistrictReadiness {
  /** queued or processing */
  documentsInProgress: number;
  /** needs_review */
  documentsAwaitingReview: number;
  /** lines whose contract or a linked (counted) report is still being read or awaits review */
  linesAwaitingReview: number;
}

const UNFINISHED = ['queued', 'processing', 'needs_review'] as const;

export async function districtReadiness(db: Db | Tx, districtId: string): Promise<DistrictReadiness> {
  const byStatus = await db
    .select({ status: documents.status, n: count() })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(and(eq(schools.districtId, districtId), inArray(documents.status, [...UNFINISHED])))
    .groupBy(documents.status);
  const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const [lines] = await db
    .select({ n: countDistinct(contractLines.id) })
    .from(contractLines)
    .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .leftJoin(lineReports, eq(lineReports.lineId, contractLines.id))
    .leftJoin(documents, or(eq(documents.id, contracts.documentId), eq(documents.id, lineReports.documentId)))
    .where(and(eq(schools.districtId, districtId), inArray(documents.status, [...UNFINISHED])));
  return {
    documentsInProgress: n('queued') + n('processing'),
    documentsAwaitingReview: n('needs_review'),
    linesAwaitingReview: Number(lines?.n ?? 0),
  };
}

/** Whether anything in the district is unfinished (sending then needs an explicit confirmation). */
export function hasUnfinished(r: DistrictReadiness): boolean {
  return r.documentsInProgress + r.documentsAwaitingReview + r.linesAwaitingReview > 0;
}
