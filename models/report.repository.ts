/**
 * Stored documents (by content hash), structured test reports and the report ↔ contract-line links.
 */
import { and, asc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { storedExtraction } from '../parsers/extraction-schema';
import type { Extraction, TestReportExtraction } from '../parsers/types';
import type { Db, Tx } from './db';
import { blobs, documents, lineReports, reportNumberDigits, schools } from './schema';

export interface NewExtractedDocument {
  schoolId: string;
  /** display name (a path relative to an audited folder, or the uploaded file's name) */
  originalName: string;
  sha256: string;
  size: number;
  mime: string;
  extraction: Extraction;
}

/**
 * Stores documents that have already been extracted (status `parsed`, extraction = effective), in
 * chunks; returns their ids in the order given. The same content handed in twice by one school is
 * stored once: the existing id is returned.
 */
export async function storeExtractedDocuments(db: Db | Tx, ds: NewExtractedDocument[]): Promise<string[]> {
  const CHUNK = 500;
  const ids = new Map<string, string>();
  const key = (schoolId: string, sha256: string) => `${schoolId}/${sha256}`;
  for (let i = 0; i < ds.length; i += CHUNK) {
    const chunk = ds.slice(i, i + CHUNK).map((d) => ({
      ...d,
      pages: d.extraction.kind === 'test_report' ? d.extraction.pages : (d.extraction.pages ?? null),
    }));
    await db
      .insert(blobs)
      .values(chunk.map((d) => ({ sha256: d.sha256, size: d.size, mime: d.mime, pages: d.pages })))
      .onConflictDoNothing();
    const stored = await db
      .insert(documents)
      .values(
        chunk.map((d) => ({
          schoolId: d.schoolId,
          sha256: d.sha256,
          originalName: d.originalName,
          declaredKind: d.extraction.kind,
          kind: d.extraction.kind,
          status: 'parsed' as const,
          pageCount: d.pages,
          extraction: d.extraction,
          effective: d.extraction,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: documents.id, schoolId: documents.schoolId, sha256: documents.sha256 });
    for (const r of stored) ids.set(key(r.schoolId, r.sha256), r.id);
    const known = chunk.filter((d) => !ids.has(key(d.schoolId, d.sha256)));
    if (known.length === 0) continue;
    const existing = await db
      .select({ id: documents.id, schoolId: documents.schoolId, sha256: documents.sha256 })
      .from(documents)
      .where(
        and(
          inArray(documents.schoolId, [...new Set(known.map((d) => d.schoolId))]),
          inArray(
            documents.sha256,
            known.map((d) => d.sha256),
          ),
        ),
      );
    for (const r of existing) ids.set(key(r.schoolId, r.sha256), r.id);
  }
  return ds.map((d) => {
    const id = ids.get(key(d.schoolId, d.sha256));
    if (!id) throw new Error('document vanished');
    return id;
  });
}

/** `storeExtractedDocuments` for one document. */
export async function storeExtractedDocument(db: Db | Tx, d: NewExtractedDocument): Promise<string> {
  const [id] = await storeExtractedDocuments(db, [d]);
  return id!;
}

/** Links a report to a contract line ('school' = handed in by staff, 'proposed' = the service's guess). */
export async function linkReportToLine(
  db: Db | Tx,
  l: { lineId: string; documentId: string; source: 'school' | 'proposed'; reason?: string | null },
): Promise<void> {
  await db
    .insert(lineReports)
    .values({ lineId: l.lineId, documentId: l.documentId, source: l.source, reason: l.reason ?? null })
    .onConflictDoNothing();
}

export interface StoredReport {
  documentId: string;
  file: string;
  extraction: TestReportExtraction;
}

/** A stored effective extraction of a test report, checked against the spec's schema (parsers/extraction-schema.ts). */
export function storedReport(value: unknown): TestReportExtraction {
  const e = storedExtraction(value);
  if (e?.kind !== 'test_report') throw new Error('stored extraction of a test report is not a test report');
  return e;
}

/** What verification reads as reports: parsed test reports (with an effective extraction). */
const parsedReports = and(eq(documents.kind, 'test_report'), isNotNull(documents.effective));

/**
 * Every parsed test report of a district, with its effective extraction (what verification uses), in
 * the order they were stored (created_at, then id). The rows come unordered and are ordered here: a
 * sort in the database would carry every extraction (megabytes for a district) through the sort.
 * The extraction comes as text and is parsed once here.
 */
export async function listDistrictReports(db: Db | Tx, districtId: string): Promise<StoredReport[]> {
  const rows = await db
    .select({
      id: documents.id,
      file: documents.originalName,
      // microseconds since 1970 (16 digits until the year 2286): compared as text of equal length
      at: sql<string>`(extract(epoch from ${documents.createdAt}) * 1000000)::bigint::text`,
      effective: sql<string | null>`(${documents.effective})::text`,
    })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(and(eq(schools.districtId, districtId), parsedReports));
  rows.sort((a, b) => compareText(a.at, b.at) || compareText(a.id, b.id));
  return rows.flatMap((r) =>
    r.effective === null
      ? []
      : [{ documentId: r.id, file: r.file, extraction: JSON.parse(r.effective) as TestReportExtraction }],
  );
}

/** Orders like the database orders these keys (digits of one length, lower-case UUIDs): shorter first, then by code unit. */
function compareText(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `reportNumberDigits` (schema.ts, the index key) in TypeScript: the digits of a report number after
 * NFKC. Numbers verification treats as equal always have equal digits.
 */
export function reportNumberDigitsOf(reportNumber: string | null | undefined): string {
  return (reportNumber ?? '').normalize('NFKC').replace(/[^0-9]/g, '');
}

/**
 * Which parsed reports to read: by document id, or by the digits of their number. Only these
 * conditions go to the database (each served by an index whatever the table statistics); the
 * results name their district for the caller to keep its own.
 */
export interface ReportLookup {
  documentIds?: string[];
  /** `reportNumberDigitsOf` values (documents_report_number_digits_idx) */
  numberDigits?: string[];
}

function lookupCondition(q: ReportLookup): SQL | undefined {
  const ids = q.documentIds ?? [];
  const digits = q.numberDigits ?? [];
  return or(
    ids.length > 0 ? inArray(documents.id, ids) : undefined,
    digits.length > 0 ? inArray(reportNumberDigits(documents.effective), digits) : undefined,
  );
}

/** The report numbers (as stored) of the parsed reports matching the look-up. */
export async function findReportNumbers(
  db: Db | Tx,
  q: ReportLookup,
): Promise<{ documentId: string; districtId: string; reportNumber: string | null }[]> {
  const match = lookupCondition(q);
  if (!match) return [];
  return db
    .select({
      documentId: documents.id,
      districtId: schools.districtId,
      reportNumber: sql<string | null>`${documents.effective} ->> 'reportNumber'`,
    })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(and(match, parsedReports));
}

/** The parsed reports matching the look-up, in the order of `listDistrictReports`. */
export async function findReports(
  db: Db | Tx,
  q: ReportLookup,
): Promise<(StoredReport & { districtId: string })[]> {
  const match = lookupCondition(q);
  if (!match) return [];
  const rows = await db
    .select({
      id: documents.id,
      districtId: schools.districtId,
      file: documents.originalName,
      effective: documents.effective,
    })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(and(match, parsedReports))
    .orderBy(asc(documents.createdAt), asc(documents.id));
  return rows
    .filter((r) => r.effective !== null)
    .map((r) => ({
      documentId: r.id,
      districtId: r.districtId,
      file: r.file,
      extraction: storedReport(r.effective),
    }));
}

/** Replaces a document's effective extraction (a correction) — verification reads this one. */
export async function updateEffectiveExtraction(
  db: Db | Tx,
  documentId: string,
  extraction: Extraction,
): Promise<void> {
  await db
    .update(documents)
    .set({ effective: extraction, updatedAt: new Date() })
    .where(eq(documents.id, documentId));
}

/** The district a document belongs to (through the school that handed it in), if any. */
export async function findDocumentDistrictId(db: Db | Tx, documentId: string): Promise<string | null> {
  const [row] = await db
    .select({ districtId: schools.districtId })
    .from(documents)
    .innerJoin(schools, eq(schools.id, documents.schoolId))
    .where(eq(documents.id, documentId));
  return row?.districtId ?? null;
}
