/**
 * The structured rows a document produces (test_reports + items, or contracts + lines), rebuilt from
 * its effective extraction whenever it changes. Contract line ids are kept stable across rebuilds
 * (matched by line number), because report links and findings refer to them.
 */
import { and, eq, gt, inArray } from 'drizzle-orm';
import { PRODUCT_CATEGORIES, type ContractExtraction, type TestReportExtraction } from '../parsers/types';
import type { Db, Tx } from './db';
import { contractLines, contracts, testReportItems, testReports } from './schema';
import { matchOrCreateSupplier } from './contract.repository';

const isoDate = (v: string | null | undefined): string | null => {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
};
/** numeric(14,2): finite and below 10^12, else null. */
const money = (v: number | null | undefined): string | null =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e12 ? v.toFixed(2) : null;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

const CATEGORIES = new Set<string>(PRODUCT_CATEGORIES);

/** Removes every structured row of a document (before a rebuild, or when its kind changed). */
export async function deleteDocumentRows(tx: Db | Tx, documentId: string): Promise<void> {
  await tx.delete(testReports).where(eq(testReports.documentId, documentId));
  await tx.delete(contracts).where(eq(contracts.documentId, documentId));
}

/** Rebuilds the test report row and its item table. Returns the report id. */
export async function replaceTestReport(
  tx: Db | Tx,
  documentId: string,
  r: TestReportExtraction,
): Promise<string> {
  await deleteDocumentRows(tx, documentId);
  const [row] = await tx
    .insert(testReports)
    .values({
      documentId,
      reportNumber: str(r.reportNumber),
      labName: str(r.lab?.name),
      cmaNumber: str(r.lab?.cmaNumber),
      cnasNumber: str(r.lab?.cnasNumber),
      sampleName: str(r.sample?.name),
      sampleModel: str(r.sample?.model),
      trademark: str(r.sample?.trademark),
      batch: str(r.sample?.batch),
      safetyClass: str(r.sample?.safetyClass),
      client: str(r.client),
      manufacturer: str(r.manufacturer),
      inspectionType: str(r.inspectionType),
      receivedDate: isoDate(r.dates?.received),
      testedDate: isoDate(r.dates?.tested),
      issuedDate: isoDate(r.dates?.issued),
      standards: strings(r.standards),
      conclusion: str(r.conclusion),
      pages: Number.isInteger(r.pages) ? r.pages : null,
    })
    .returning({ id: testReports.id });
  const reportId = row!.id;
  const items = Array.isArray(r.items) ? r.items : [];
  if (items.length) {
    await tx.insert(testReportItems).values(
      items.map((it, i) => ({
        reportId,
        seq: i + 1,
        name: str(it.name),
        unit: str(it.unit),
        requirement: str(it.requirement),
        result: str(it.result),
        verdict: str(it.verdict),
        page: Number.isInteger(it.page) ? it.page : null,
      })),
    );
  }
  return reportId;
}

/** A stored contract: its id and its lines' ids by line number (1, 2, … in the extraction's order). */
export interface StoredContract {
  id: string;
  lines: { id: string; lineNo: number }[];
}

/**
 * Creates or updates the contract of a document and its lines (line ids kept by line number; lines
 * beyond the new count are removed with their links). The supplier is matched by the one identity rule
 * (matchOrCreateSupplier: USCC, then normalised name or registered alias).
 */
export async function upsertContract(
  tx: Db | Tx,
  documentId: string,
  schoolId: string,
  e: ContractExtraction,
): Promise<StoredContract> {
  await tx.delete(testReports).where(eq(testReports.documentId, documentId));
  const supplierId =
    (
      await matchOrCreateSupplier(tx, {
        name: str(e.supplier?.name),
        uscc: str(e.supplier?.uscc),
      })
    )?.id ?? null;
  const values = {
    documentId,
    schoolId,
    supplierId,
    contractNumber: str(e.contractNumber),
    purchaserName: str(e.purchaser?.name),
    supplierName: str(e.supplier?.name),
    supplierUscc: str(e.supplier?.uscc),
    signedDate: isoDate(e.signedDate),
    deliveryDate: isoDate(e.deliveryDate),
    totalAmount: money(e.totalAmount),
    standards: strings(e.standards),
  };
  const [existing] = await tx
    .select({ id: contracts.id })
    .from(contracts)
    .where(eq(contracts.documentId, documentId));
  let contractId: string;
  if (existing) {
    await tx.update(contracts).set(values).where(eq(contracts.id, existing.id));
    contractId = existing.id;
  } else {
    const [row] = await tx.insert(contracts).values(values).returning({ id: contracts.id });
    contractId = row!.id;
  }
  const lines = Array.isArray(e.lines) ? e.lines : [];
  const current = await tx
    .select({ id: contractLines.id, lineNo: contractLines.lineNo })
    .from(contractLines)
    .where(eq(contractLines.contractId, contractId));
  const byNo = new Map(current.map((l) => [l.lineNo, l.id]));
  const stored: StoredContract['lines'] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const lineNo = i + 1;
    const v = {
      product: str(l.product) ?? '（未识别）',
      category: CATEGORIES.has(l.category ?? '') ? l.category : null,
      model: str(l.model),
      quantity: money(l.quantity),
      unit: str(l.unit),
      unitPrice: money(l.unitPrice),
      amount: money(l.amount),
    };
    const id = byNo.get(lineNo);
    if (id) {
      await tx.update(contractLines).set(v).where(eq(contractLines.id, id));
      stored.push({ id, lineNo });
    } else {
      const [row] = await tx
        .insert(contractLines)
        .values({ ...v, contractId, lineNo })
        .returning({ id: contractLines.id });
      stored.push({ id: row!.id, lineNo });
    }
  }
  await tx
    .delete(contractLines)
    .where(and(eq(contractLines.contractId, contractId), gt(contractLines.lineNo, lines.length)));
  return { id: contractId, lines: stored };
}

/** Contract lines by id with their contract's school (for link validation). */
export async function findLinesWithSchool(db: Db | Tx, lineIds: string[]) {
  if (lineIds.length === 0) return [];
  return db
    .select({ id: contractLines.id, contractId: contracts.id, schoolId: contracts.schoolId })
    .from(contractLines)
    .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
    .where(inArray(contractLines.id, lineIds));
}
