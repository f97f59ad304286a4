/**
 * Read model of a district's contract lines, their findings and the reports handed in for them.
 * Everything the compliance views, the supplier list and the statistics read comes from these few
 * set-based queries (no per-line queries: a district has thousands of lines).
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './db';
import {
  contractLines,
  contracts,
  districts,
  documents,
  findings,
  lineReports,
  schools,
  suppliers,
  testReports,
} from './schema';

export interface LineRow {
  lineId: string;
  lineNo: number;
  product: string;
  model: string | null;
  category: string | null;
  contractId: string;
  contractNumber: string | null;
  signedDate: string | null;
  deliveryDate: string | null;
  /** 验收/到货日期 set by school staff */
  acceptedDate: string | null;
  supplierId: string | null;
  supplierName: string | null;
  supplierUscc: string | null;
  /** 采购人 (甲方) as the contract reads */
  purchaserName: string | null;
  quantity: string | null;
  unit: string | null;
  schoolId: string;
  schoolName: string;
  schoolKind: string;
  districtId: string;
}

export interface FindingRow {
  id: string;
  lineId: string;
  code: string;
  severity: string;
  message: string;
  evidence: unknown;
  registryVersion: string;
  createdAt: Date;
}

export interface LineReportRow {
  lineId: string;
  documentId: string;
  originalName: string;
  source: string;
  /** why the service matched it (automatic links) */
  reason: string | null;
  /** a near-miss 委托单位 confirmed by a person for this line: the printed name, who, when */
  clientConfirmed: string | null;
  clientConfirmedBy: string | null;
  clientConfirmedAt: Date | null;
  /** when the report document last changed (verification ran on it then) */
  documentUpdatedAt: Date;
  reportNumber: string | null;
  labName: string | null;
  cmaNumber: string | null;
  sampleName: string | null;
  sampleModel: string | null;
  trademark: string | null;
  batch: string | null;
  client: string | null;
  manufacturer: string | null;
  inspectionType: string | null;
  receivedDate: string | null;
  issuedDate: string | null;
  conclusion: string | null;
  standards: string[] | null;
}

/** Which lines to read: a whole district, one school, one line, or lines of one supplier. */
export interface LineFilter {
  districtId?: string;
  schoolId?: string;
  lineId?: string;
  /** Lines whose contract names this supplier (by id, or by name when the id is not linked). */
  supplier?: { id: string; name: string };
}

function lineWhere(f: LineFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.districtId) conds.push(eq(schools.districtId, f.districtId));
  if (f.schoolId) conds.push(eq(schools.id, f.schoolId));
  if (f.lineId) conds.push(eq(contractLines.id, f.lineId));
  if (f.supplier) {
    conds.push(or(eq(contracts.supplierId, f.supplier.id), eq(contracts.supplierName, f.supplier.name)));
  }
  return conds.length ? and(...conds) : undefined;
}

const lineColumns = {
  lineId: contractLines.id,
  lineNo: contractLines.lineNo,
  product: contractLines.product,
  model: contractLines.model,
  category: contractLines.category,
  contractId: contracts.id,
  contractNumber: contracts.contractNumber,
  signedDate: contracts.signedDate,
  deliveryDate: contracts.deliveryDate,
  acceptedDate: contractLines.acceptedDate,
  supplierId: contracts.supplierId,
  supplierName: contracts.supplierName,
  supplierUscc: contracts.supplierUscc,
  purchaserName: contracts.purchaserName,
  quantity: contractLines.quantity,
  unit: contractLines.unit,
  schoolId: schools.id,
  schoolName: schools.name,
  schoolKind: schools.kind,
  districtId: schools.districtId,
};

/** Contract lines in upload order (contract creation, then line number). */
export async function listLines(db: Db | Tx, f: LineFilter): Promise<LineRow[]> {
  return db
    .select(lineColumns)
    .from(contractLines)
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(lineWhere(f))
    .orderBy(
      asc(contracts.createdAt),
      asc(contracts.contractNumber),
      asc(contracts.id),
      asc(contractLines.lineNo),
    );
}

/** Findings of the selected lines. */
export async function listFindings(db: Db | Tx, f: LineFilter): Promise<FindingRow[]> {
  return db
    .select({
      id: findings.id,
      lineId: findings.lineId,
      code: findings.code,
      severity: findings.severity,
      message: findings.message,
      evidence: findings.evidence,
      registryVersion: findings.registryVersion,
      createdAt: findings.createdAt,
    })
    .from(findings)
    .innerJoin(contractLines, eq(findings.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(lineWhere(f))
    .orderBy(asc(findings.createdAt), asc(findings.id));
}

/** Reports handed in (or proposed) for the selected lines, with their structured fields. */
export async function listLineReports(db: Db | Tx, f: LineFilter): Promise<LineReportRow[]> {
  return db
    .select({
      lineId: lineReports.lineId,
      documentId: lineReports.documentId,
      originalName: documents.originalName,
      source: lineReports.source,
      reason: lineReports.reason,
      clientConfirmed: lineReports.clientConfirmed,
      clientConfirmedBy: lineReports.clientConfirmedBy,
      clientConfirmedAt: lineReports.clientConfirmedAt,
      documentUpdatedAt: documents.updatedAt,
      reportNumber: testReports.reportNumber,
      labName: testReports.labName,
      cmaNumber: testReports.cmaNumber,
      sampleName: testReports.sampleName,
      sampleModel: testReports.sampleModel,
      trademark: testReports.trademark,
      batch: testReports.batch,
      client: testReports.client,
      manufacturer: testReports.manufacturer,
      inspectionType: testReports.inspectionType,
      receivedDate: testReports.receivedDate,
      issuedDate: testReports.issuedDate,
      conclusion: testReports.conclusion,
      standards: testReports.standards,
    })
    .from(lineReports)
    .innerJoin(contractLines, eq(lineReports.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .innerJoin(documents, eq(lineReports.documentId, documents.id))
    .leftJoin(testReports, eq(testReports.documentId, lineReports.documentId))
    .where(lineWhere(f))
    .orderBy(asc(lineReports.createdAt), asc(lineReports.documentId));
}

export type SupplierRow = typeof suppliers.$inferSelect;

export async function findSupplier(db: Db | Tx, id: string): Promise<SupplierRow | undefined> {
  const [row] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  return row;
}

export async function findSuppliersByIds(db: Db | Tx, ids: string[]): Promise<SupplierRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(suppliers).where(inArray(suppliers.id, ids));
}

export async function findSuppliersByNames(db: Db | Tx, names: string[]): Promise<SupplierRow[]> {
  if (names.length === 0) return [];
  return db.select().from(suppliers).where(inArray(suppliers.name, names));
}

/** Districts in which a supplier has contracts (through its schools). */
export async function supplierDistrictIds(
  db: Db | Tx,
  supplier: { id: string; name: string },
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ districtId: schools.districtId })
    .from(contracts)
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(or(eq(contracts.supplierId, supplier.id), eq(contracts.supplierName, supplier.name)));
  return rows.map((r) => r.districtId);
}

/** Names of the suppliers holding contracts with the district's schools (registered name and aliases). */
export async function districtSupplierNames(db: Db | Tx, districtId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: suppliers.name, aliases: suppliers.aliases })
    .from(contracts)
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .innerJoin(suppliers, eq(contracts.supplierId, suppliers.id))
    .where(eq(schools.districtId, districtId));
  return [...new Set(rows.flatMap((r) => [r.name, ...(r.aliases ?? [])]))];
}

export type DistrictRow = typeof districts.$inferSelect;

/** Findings of a district reduced to what ranking needs. */
export async function listFindingCodes(
  db: Db | Tx,
  districtId: string,
): Promise<{ lineId: string; code: string; registryVersion: string }[]> {
  return db
    .select({ lineId: findings.lineId, code: findings.code, registryVersion: findings.registryVersion })
    .from(findings)
    .innerJoin(contractLines, eq(findings.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(findings.createdAt), asc(findings.id));
}

/** How many reports are linked to each selected line (lines without reports are absent). */
export async function countLineReports(db: Db | Tx, f: LineFilter): Promise<{ lineId: string; n: number }[]> {
  return db
    .select({ lineId: lineReports.lineId, n: sql<number>`count(*)::int` })
    .from(lineReports)
    .innerJoin(contractLines, eq(lineReports.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(lineWhere(f))
    .groupBy(lineReports.lineId);
}
