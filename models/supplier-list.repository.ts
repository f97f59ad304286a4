/**
 * The stored facts the supplier list (供货企业名单) ranks: every contract line of a district with its
 * supplier, the findings, the reports handed in and their failed items, and official sampling results.
 * Set-based (a handful of queries per district, none per line).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from './db';
import {
  contractLines,
  contracts,
  documents,
  findings,
  lineReports,
  schools,
  suppliers,
  testReportItems,
  testReports,
} from './schema';

export interface ListLineRow {
  lineId: string;
  lineNo: number;
  product: string;
  model: string | null;
  category: string | null;
  quantity: string | null;
  unit: string | null;
  contractId: string;
  contractNumber: string | null;
  schoolName: string;
  /** the linked supplier row, else what the contract prints */
  supplierId: string | null;
  supplierName: string | null;
  supplierUscc: string | null;
  supplierAliases: string[] | null;
  contractSupplierName: string | null;
  contractSupplierUscc: string | null;
  /** 3C certificate number, batch, production date the contract states for the line (effective extraction) */
  printed: PrintedExtras | null;
}

export interface PrintedExtras {
  cccNumber: string | null;
  batch: string | null;
  productionDate: string | null;
}

/** The line of the contract's effective extraction with this line's number (its printed extras). */
const printedLine = sql`(
  select l from jsonb_array_elements(
    case when jsonb_typeof(${documents.effective} -> 'lines') = 'array'
         then ${documents.effective} -> 'lines' else '[]'::jsonb end
  ) with ordinality as e(l, n)
  where coalesce((l ->> 'lineNo')::int, n::int) = ${contractLines.lineNo}
  limit 1)`;

/** Every contract line of the district, in upload order (contract creation, then line number). */
export async function listDistrictLinesForList(db: Db | Tx, districtId: string): Promise<ListLineRow[]> {
  return db
    .select({
      lineId: contractLines.id,
      lineNo: contractLines.lineNo,
      product: contractLines.product,
      model: contractLines.model,
      category: contractLines.category,
      quantity: contractLines.quantity,
      unit: contractLines.unit,
      contractId: contracts.id,
      contractNumber: contracts.contractNumber,
      schoolName: schools.name,
      supplierId: suppliers.id,
      supplierName: suppliers.name,
      supplierUscc: suppliers.uscc,
      supplierAliases: suppliers.aliases,
      contractSupplierName: contracts.supplierName,
      contractSupplierUscc: contracts.supplierUscc,
      printed: sql<PrintedExtras | null>`(select jsonb_build_object(
        'cccNumber', l ->> 'cccNumber', 'batch', l ->> 'batch', 'productionDate', l ->> 'productionDate')
        from ${printedLine} as p(l))`,
    })
    .from(contractLines)
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .leftJoin(suppliers, eq(contracts.supplierId, suppliers.id))
    .leftJoin(documents, eq(contracts.documentId, documents.id))
    .where(eq(schools.districtId, districtId))
    .orderBy(
      asc(contracts.createdAt),
      asc(contracts.contractNumber),
      asc(contracts.id),
      asc(contractLines.lineNo),
    );
}

export interface ListFindingRow {
  lineId: string;
  code: string;
  registryVersion: string;
  /** evidence of ITEM_FAILED findings (which item, its value and limit); [] for other codes */
  evidence: unknown;
}

/** Findings of the district's lines (evidence only where the list cites it). */
export async function listDistrictFindingsForList(
  db: Db | Tx,
  districtId: string,
): Promise<ListFindingRow[]> {
  return db
    .select({
      lineId: findings.lineId,
      code: findings.code,
      registryVersion: findings.registryVersion,
      evidence: sql<unknown>`case when ${findings.code} = 'ITEM_FAILED' then ${findings.evidence} else '[]'::jsonb end`,
    })
    .from(findings)
    .innerJoin(contractLines, eq(findings.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(findings.createdAt), asc(findings.id));
}

export interface ListReportRow {
  lineId: string;
  documentId: string;
  reportNumber: string | null;
  labName: string | null;
  sampleName: string | null;
  trademark: string | null;
  batch: string | null;
  manufacturer: string | null;
  printed: { cccNumber: string | null; productionDate: string | null } | null;
}

/** Reports handed in for the district's lines, one row per (line, report), in link order. */
export async function listDistrictReportsForList(db: Db | Tx, districtId: string): Promise<ListReportRow[]> {
  return db
    .select({
      lineId: lineReports.lineId,
      documentId: lineReports.documentId,
      reportNumber: testReports.reportNumber,
      labName: testReports.labName,
      sampleName: testReports.sampleName,
      trademark: testReports.trademark,
      batch: testReports.batch,
      manufacturer: testReports.manufacturer,
      // read from the (large) extraction once, and the 3C number only for toy lines (the CCC catalogue)
      printed: sql<{ cccNumber: string | null; productionDate: string | null } | null>`(
        select jsonb_build_object(
          'cccNumber', case when ${contractLines.category} = 'plastic_toy' then e ->> 'cccNumber' end,
          'productionDate', e -> 'sample' ->> 'productionDate')
        from (select ${documents.effective} as e) x)`,
    })
    .from(lineReports)
    .innerJoin(contractLines, eq(lineReports.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .innerJoin(documents, eq(lineReports.documentId, documents.id))
    .leftJoin(testReports, eq(testReports.documentId, lineReports.documentId))
    .where(eq(schools.districtId, districtId))
    .orderBy(asc(lineReports.createdAt), asc(lineReports.documentId));
}

export interface ListFailedItemRow {
  documentId: string;
  name: string | null;
  result: string | null;
  requirement: string | null;
  unit: string | null;
}

/** Items printed 不合格 on the reports handed in for the district's lines. */
export async function listDistrictFailedItems(db: Db | Tx, districtId: string): Promise<ListFailedItemRow[]> {
  return db
    .selectDistinct({
      documentId: testReports.documentId,
      name: testReportItems.name,
      result: testReportItems.result,
      requirement: testReportItems.requirement,
      unit: testReportItems.unit,
    })
    .from(testReportItems)
    .innerJoin(testReports, eq(testReportItems.reportId, testReports.id))
    .innerJoin(lineReports, eq(lineReports.documentId, testReports.documentId))
    .innerJoin(contractLines, eq(lineReports.lineId, contractLines.id))
    .innerJoin(contracts, eq(contractLines.contractId, contracts.id))
    .innerJoin(schools, eq(contracts.schoolId, schools.id))
    .where(and(eq(schools.districtId, districtId), eq(testReportItems.verdict, 'fail')));
}
