/**
 * Uploaded documents, their stored blobs and people's field corrections. Plain typed objects out.
 */
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { blobs, documents, fieldCorrections, schools, users } from './schema';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentStatus = DocumentRow['status'];
export type DocumentKind = DocumentRow['kind'];
export type CorrectionRow = typeof fieldCorrections.$inferSelect;

/** A document with the district of its school (for tenancy checks). */
export type DocumentWithDistrict = DocumentRow & { districtId: string };

export interface ReviewField {
  path: string;
  reason: string;
  message: string;
  /** the value a reviewer may accept with one click (a registered name near a misread one); never applied by itself */
  suggestion?: string;
}

/**
 * Serialises uploads of the same content across transactions and processes (PostgreSQL and PGlite):
 * the second waits until the first has committed, then sees its rows.
 */
export async function lockContent(tx: Tx, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${sha256}, 7))`);
}

/** Records a blob once; returns true when this call created the row. */
export async function insertBlob(
  tx: Db | Tx,
  b: { sha256: string; size: number; mime: string; pages: number | null },
): Promise<boolean> {
  const rows = await tx.insert(blobs).values(b).onConflictDoNothing().returning({ sha256: blobs.sha256 });
  return rows.length === 1;
}

export async function findBlob(db: Db | Tx, sha256: string) {
  const [row] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
  return row;
}

/**
 * Inserts a queued document unless this school already has the same content;
 * returns the new id or, for a duplicate, the existing id.
 */
export async function insertQueuedDocument(
  tx: Db | Tx,
  d: {
    schoolId: string;
    uploadedBy: string;
    sha256: string;
    originalName: string;
    declaredKind: DocumentKind | null;
    pageCount: number;
  },
): Promise<{ id: string; duplicate: boolean; status: DocumentStatus }> {
  const [created] = await tx
    .insert(documents)
    .values({ ...d, status: 'queued', stage: 'queued' })
    .onConflictDoNothing({ target: [documents.schoolId, documents.sha256] })
    .returning({ id: documents.id, status: documents.status });
  if (created) return { ...created, duplicate: false };
  const [existing] = await tx
    .select({ id: documents.id, status: documents.status })
    .from(documents)
    .where(and(eq(documents.schoolId, d.schoolId), eq(documents.sha256, d.sha256)));
  if (!existing) throw new Error('document vanished during upload');
  return { ...existing, duplicate: true };
}

export async function findDocument(db: Db | Tx, id: string): Promise<DocumentWithDistrict | undefined> {
  const [row] = await db
    .select({ doc: documents, districtId: schools.districtId })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(eq(documents.id, id));
  return row ? { ...row.doc, districtId: row.districtId } : undefined;
}

export interface DocumentListFilter {
  schoolId?: string;
  districtId?: string;
  status?: DocumentStatus;
  kind?: DocumentKind;
  limit: number;
  offset: number;
}

/** Documents in scope, newest first, without the (large) extraction columns. */
export async function listDocuments(db: Db | Tx, f: DocumentListFilter) {
  const conds: SQL[] = [];
  if (f.schoolId) conds.push(eq(documents.schoolId, f.schoolId));
  if (f.districtId) conds.push(eq(schools.districtId, f.districtId));
  if (f.status) conds.push(eq(documents.status, f.status));
  if (f.kind) conds.push(eq(documents.kind, f.kind));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({
      id: documents.id,
      schoolId: documents.schoolId,
      schoolName: schools.name,
      districtId: schools.districtId,
      originalName: documents.originalName,
      declaredKind: documents.declaredKind,
      kind: documents.kind,
      status: documents.status,
      stage: documents.stage,
      page: documents.page,
      pageCount: documents.pageCount,
      failureCode: documents.failureCode,
      failureReason: documents.failureReason,
      reviewFields: documents.reviewFields,
      processingMs: documents.processingMs,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(where)
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>['rows'][number];

/** Progress of a running document: stage and page (also its heartbeat: updated_at). */
export async function setProgress(
  db: Db | Tx,
  id: string,
  p: { status?: DocumentStatus; stage: string; page?: number | null; pageCount?: number | null },
): Promise<void> {
  await db
    .update(documents)
    .set({
      ...(p.status ? { status: p.status } : {}),
      stage: p.stage,
      ...(p.page !== undefined ? { page: p.page } : {}),
      ...(p.pageCount !== undefined ? { pageCount: p.pageCount } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(documents.id, id));
}

/** Heartbeat of a running document. */
export async function touchProcessing(db: Db | Tx, id: string): Promise<void> {
  await db
    .update(documents)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(documents.id, id), eq(documents.status, 'processing')));
}

/** Marks a document as being processed again from the start (clears a previous failure). */
export async function startProcessing(db: Db | Tx, id: string): Promise<void> {
  await db
    .update(documents)
    .set({
      status: 'processing',
      stage: 'detect_type',
      page: null,
      failureCode: null,
      failureReason: null,
      updatedAt: sql`now()`,
    })
    .where(eq(documents.id, id));
}

export async function markFailed(
  db: Db | Tx,
  id: string,
  code: string,
  reason: string,
  processingMs: number,
) {
  await db
    .update(documents)
    .set({ status: 'failed', failureCode: code, failureReason: reason, processingMs, updatedAt: sql`now()` })
    .where(eq(documents.id, id));
}

/** Stores the outcome of extraction and review: extraction, effective, status and review fields. */
export async function saveResult(
  db: Db | Tx,
  id: string,
  r: {
    kind: DocumentKind;
    status: 'parsed' | 'needs_review';
    extraction?: unknown;
    effective: unknown;
    reviewFields: ReviewField[];
    pageCount?: number | null;
    processingMs?: number;
    stage: string;
  },
): Promise<void> {
  await db
    .update(documents)
    .set({
      kind: r.kind,
      status: r.status,
      ...(r.extraction !== undefined ? { extraction: r.extraction } : {}),
      effective: r.effective,
      reviewFields: r.reviewFields,
      ...(r.pageCount !== undefined ? { pageCount: r.pageCount } : {}),
      ...(r.processingMs !== undefined ? { processingMs: r.processingMs } : {}),
      stage: r.stage,
      page: null,
      failureCode: null,
      failureReason: null,
      updatedAt: sql`now()`,
    })
    .where(eq(documents.id, id));
}

/** Documents that should be (re)started: queued, or processing without progress since `staleBefore`. */
/**
 * A person finished the review (核对完成): the confirmed paths and the remaining review flags are
 * stored with who and when; the status follows the flags.
 */
export async function markReviewed(
  db: Db | Tx,
  id: string,
  r: { confirmedPaths: string[]; reviewFields: ReviewField[]; userId: string },
): Promise<void> {
  await db
    .update(documents)
    .set({
      confirmedPaths: r.confirmedPaths,
      reviewFields: r.reviewFields,
      status: r.reviewFields.length ? 'needs_review' : 'parsed',
      reviewedBy: r.userId,
      reviewedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(documents.id, id));
}

export async function listUnfinished(
  db: Db | Tx,
  staleBefore?: Date,
): Promise<{ id: string; status: DocumentStatus }[]> {
  const rows = await db
    .select({ id: documents.id, status: documents.status, updatedAt: documents.updatedAt })
    .from(documents)
    .where(inArray(documents.status, ['queued', 'processing']))
    .orderBy(asc(documents.createdAt));
  return rows.filter((r) => r.status === 'queued' || !staleBefore || r.updatedAt < staleBefore);
}

/** Processing documents whose heartbeat is older than `before`. */
export async function listStaleProcessing(db: Db | Tx, before: Date): Promise<string[]> {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.status, 'processing'), lt(documents.updatedAt, before)));
  return rows.map((r) => r.id);
}

export async function insertCorrections(
  tx: Db | Tx,
  rows: { documentId: string; path: string; before: unknown; after: unknown; userId: string }[],
): Promise<void> {
  // One statement per row with clock_timestamp(): corrections are applied in created_at order, and
  // now() would give every row of the transaction the same time.
  for (const r of rows) {
    // jsonb null (a field set to null) must stay distinguishable from SQL NULL: wrap in { v }.
    await tx.insert(fieldCorrections).values({
      ...r,
      before: { v: r.before ?? null },
      after: { v: r.after ?? null },
      createdAt: sql`clock_timestamp()`,
    });
  }
}

export interface CorrectionView {
  id: string;
  path: string;
  before: unknown;
  after: unknown;
  userId: string;
  userName: string;
  createdAt: Date;
}

/** Corrections of a document, oldest first (the order they are applied in). */
export async function listCorrections(db: Db | Tx, documentId: string): Promise<CorrectionView[]> {
  const rows = await db
    .select({
      id: fieldCorrections.id,
      path: fieldCorrections.path,
      before: fieldCorrections.before,
      after: fieldCorrections.after,
      userId: fieldCorrections.userId,
      userName: users.displayName,
      createdAt: fieldCorrections.createdAt,
    })
    .from(fieldCorrections)
    .innerJoin(users, eq(users.id, fieldCorrections.userId))
    .where(eq(fieldCorrections.documentId, documentId))
    .orderBy(asc(fieldCorrections.createdAt), asc(fieldCorrections.id));
  const unwrap = (v: unknown) => (v && typeof v === 'object' && 'v' in v ? v.v : v);
  return rows.map((r) => ({ ...r, before: unwrap(r.before), after: unwrap(r.after) }));
}
