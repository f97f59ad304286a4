/** Which reports were handed in for which contract line (line_reports), by the school or proposed. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { documents, lineReports } from './schema';

export type LineReportRow = typeof lineReports.$inferSelect;

/** Adds school links (existing links are kept as they are). */
export async function addSchoolLinks(
  tx: Db | Tx,
  links: { lineId: string; documentId: string; linkedBy: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await tx
    .insert(lineReports)
    .values(links.map((l) => ({ ...l, source: 'school' })))
    .onConflictDoNothing();
}

/** Links of the given lines with the linked document's name, kind and status. */
export async function listLinks(db: Db | Tx, lineIds: string[]) {
  if (lineIds.length === 0) return [];
  return db
    .select({
      lineId: lineReports.lineId,
      documentId: lineReports.documentId,
      source: lineReports.source,
      reason: lineReports.reason,
      linkedBy: lineReports.linkedBy,
      clientConfirmed: lineReports.clientConfirmed,
      clientConfirmedBy: lineReports.clientConfirmedBy,
      clientConfirmedAt: lineReports.clientConfirmedAt,
      createdAt: lineReports.createdAt,
      originalName: documents.originalName,
      kind: documents.kind,
      status: documents.status,
    })
    .from(lineReports)
    .innerJoin(documents, eq(documents.id, lineReports.documentId))
    .where(inArray(lineReports.lineId, lineIds));
}

/** Lines a document is linked to. */
export async function linesOfDocument(
  db: Db | Tx,
  documentId: string,
): Promise<{ lineId: string; source: string }[]> {
  return db
    .select({ lineId: lineReports.lineId, source: lineReports.source })
    .from(lineReports)
    .where(eq(lineReports.documentId, documentId));
}

/**
 * Records that a person confirmed the report's printed 委托单位 as this line's party (a near-miss
 * name). Returns false when the report is not linked to the line.
 */
export async function confirmLinkClient(
  tx: Db | Tx,
  c: { lineId: string; documentId: string; client: string; userId: string },
): Promise<boolean> {
  const rows = await tx
    .update(lineReports)
    .set({ clientConfirmed: c.client, clientConfirmedBy: c.userId, clientConfirmedAt: new Date() })
    .where(and(eq(lineReports.lineId, c.lineId), eq(lineReports.documentId, c.documentId)))
    .returning({ lineId: lineReports.lineId });
  return rows.length > 0;
}
