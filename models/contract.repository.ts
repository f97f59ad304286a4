/**
 * 采购合同, their lines and suppliers. Returns plain typed objects; verification reads contracts
 * through `listDistrictContracts`.
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { sameSupplier, supplierUsccKey } from '../parsers/party-identity';
import { normaliseUscc } from '../parsers/uscc';
import { storedExtraction } from '../parsers/extraction-schema';
import type { ContractExtraction, ContractLine } from '../parsers/types';
import type { Db, Tx } from './db';
import { contractLines, contracts, documents, lineReports, schools, suppliers } from './schema';

export type Supplier = typeof suppliers.$inferSelect;

/**
 * The supplier of a contract by THE supplier identity rule (parsers/party-identity.ts: valid USCC,
 * else normalised name or registered alias), created when unknown. A valid USCC is filled in on a
 * supplier known only by name. Intake and `dsv audit` both store suppliers through this.
 */
export async function matchOrCreateSupplier(
  db: Db | Tx,
  s: { name: string | null; uscc: string | null },
): Promise<Supplier | null> {
  const name = s.name?.trim() || null;
  const printedUscc = s.uscc?.trim() ? normaliseUscc(s.uscc) : null;
  const validUscc = supplierUsccKey(printedUscc);
  const facts = { name, uscc: printedUscc };
  let found: Supplier | undefined;
  if (validUscc) [found] = await db.select().from(suppliers).where(eq(suppliers.uscc, validUscc)).limit(1);
  if (!found && name) {
    const fast = await db
      .select()
      .from(suppliers)
      .where(or(eq(suppliers.name, name), sql`${name} = any(${suppliers.aliases})`));
    found = fast.find((x) => sameSupplier(facts, x));
    // printed names differ in spacing, brackets and width: compare normalised forms
    found ??= (await db.select().from(suppliers)).find((x) => sameSupplier(facts, x));
  }
  if (found) {
    if (!found.uscc && printedUscc) {
      const [updated] = await db
        .update(suppliers)
        .set({ uscc: printedUscc })
        .where(eq(suppliers.id, found.id))
        .returning();
      return updated ?? found;
    }
    return found;
  }
  if (!name) return null;
  const [created] = await db
    .insert(suppliers)
    .values({ name, uscc: printedUscc })
    .onConflictDoNothing({ target: suppliers.name })
    .returning();
  if (created) return created;
  const [existing] = await db.select().from(suppliers).where(eq(suppliers.name, name));
  return existing ?? null;
}

export interface LineWithReports {
  id: string;
  lineNo: number;
  line: ContractLine;
  reports: { documentId: string; source: string; reason: string | null; clientConfirmed: string | null }[];
  /** 验收/到货日期 set by school staff */
  acceptedDate: string | null;
}

export interface ContractWithLines {
  id: string;
  documentId: string | null;
  /** the contract document's display name (evidence) */
  file: string;
  schoolId: string;
  extraction: ContractExtraction;
  lines: LineWithReports[];
  /** other names the supplier is known by (matched as 委托单位) */
  supplierAliases: string[];
}

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/** Every contract of a district with its lines and linked reports, in the order they were stored. */
export async function listDistrictContracts(db: Db | Tx, districtId: string): Promise<ContractWithLines[]> {
  return selectContracts(db, eq(schools.districtId, districtId));
}

/** Every contract of one school with its lines and linked reports, in the order they were stored. */
export async function listSchoolContracts(db: Db | Tx, schoolId: string): Promise<ContractWithLines[]> {
  return selectContracts(db, eq(contracts.schoolId, schoolId));
}

/** The contracts holding any of the given lines (with all their lines and links), in stored order. */
export async function listContractsOfLines(db: Db | Tx, lineIds: string[]): Promise<ContractWithLines[]> {
  if (lineIds.length === 0) return [];
  const holding = db
    .select({ id: contractLines.contractId })
    .from(contractLines)
    .where(inArray(contractLines.id, lineIds));
  return selectContracts(db, inArray(contracts.id, holding));
}

export interface LineOfDistrict {
  lineId: string;
  districtId: string;
}

/**
 * Lines using any of the documents: linked to them as a report, or belonging to the contract they
 * are (a contract without document counts under its own id). Single-table look-ups, so each is
 * served by its index (line_reports_document_idx, contracts_document_idx, contract_lines_uq)
 * whatever the table statistics say; `listLineDistricts` tells which district they belong to.
 */
export async function listLinesUsingDocuments(db: Db | Tx, documentIds: string[]): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const linked = await db
    .select({ id: lineReports.lineId })
    .from(lineReports)
    .where(inArray(lineReports.documentId, documentIds));
  const owning = (
    await db
      .select({ id: contracts.id })
      .from(contracts)
      .where(
        or(
          inArray(contracts.documentId, documentIds),
          and(isNull(contracts.documentId), inArray(contracts.id, documentIds)),
        ),
      )
  ).map((c) => c.id);
  const owned =
    owning.length === 0
      ? []
      : await db
          .select({ id: contractLines.id })
          .from(contractLines)
          .where(inArray(contractLines.contractId, owning));
  return [...new Set([...linked, ...owned].map((r) => r.id))];
}

/** The district of each given line (ids that are no line are left out). */
export async function listLineDistricts(db: Db | Tx, lineIds: string[]): Promise<LineOfDistrict[]> {
  if (lineIds.length === 0) return [];
  return db
    .select({ lineId: contractLines.id, districtId: schools.districtId })
    .from(contractLines)
    .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .where(inArray(contractLines.id, lineIds));
}

/** The report links of the given lines, oldest first. */
async function listLinksOfLines(db: Db | Tx, lineIds: string[]) {
  if (lineIds.length === 0) return [];
  return (
    db
      .select({
        lineId: lineReports.lineId,
        documentId: lineReports.documentId,
        source: lineReports.source,
        reason: lineReports.reason,
        clientConfirmed: lineReports.clientConfirmed,
      })
      .from(lineReports)
      .where(inArray(lineReports.lineId, lineIds))
      // links made in one statement share created_at: the document id keeps their order stable
      .orderBy(asc(lineReports.createdAt), asc(lineReports.documentId))
  );
}

async function selectContracts(db: Db | Tx, where: SQL | undefined): Promise<ContractWithLines[]> {
  const rows = await db
    .select({
      contract: contracts,
      file: documents.originalName,
      effective: documents.effective,
      supplierAliases: suppliers.aliases,
    })
    .from(contracts)
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .leftJoin(documents, eq(documents.id, contracts.documentId))
    .leftJoin(suppliers, eq(suppliers.id, contracts.supplierId))
    .where(where)
    .orderBy(asc(contracts.createdAt), asc(contracts.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.contract.id);
  const lines = await db
    .select()
    .from(contractLines)
    .where(inArray(contractLines.contractId, ids))
    .orderBy(asc(contractLines.lineNo));
  const links = await listLinksOfLines(
    db,
    lines.map((l) => l.id),
  );
  const linksByLine = new Map<string, LineWithReports['reports']>();
  for (const l of links) {
    const list = linksByLine.get(l.lineId) ?? [];
    list.push({
      documentId: l.documentId,
      source: l.source,
      reason: l.reason,
      clientConfirmed: l.clientConfirmed,
    });
    linksByLine.set(l.lineId, list);
  }
  const linesByContract = new Map<string, LineWithReports[]>();
  for (const l of lines) {
    const list = linesByContract.get(l.contractId) ?? [];
    list.push({
      id: l.id,
      lineNo: l.lineNo,
      line: {
        lineNo: l.lineNo,
        product: l.product,
        category: l.category,
        model: l.model,
        quantity: toNumber(l.quantity),
        unit: l.unit,
        unitPrice: toNumber(l.unitPrice),
        amount: toNumber(l.amount),
      },
      reports: linksByLine.get(l.id) ?? [],
      acceptedDate: l.acceptedDate,
    });
    linesByContract.set(l.contractId, list);
  }
  return rows.map(({ contract: c, file, effective, supplierAliases }) => {
    const stored = storedExtraction(effective);
    const printed = stored?.kind === 'contract' ? stored : null;
    const fields = printed?.fields;
    const contractLinesOf = withPrintedExtras(linesByContract.get(c.id) ?? [], printed?.lines);
    const extraction: ContractExtraction = {
      kind: 'contract',
      contractNumber: c.contractNumber,
      purchaser: { name: c.purchaserName },
      supplier: { name: c.supplierName, uscc: c.supplierUscc },
      signedDate: c.signedDate,
      deliveryDate: c.deliveryDate,
      lines: contractLinesOf.map((l) => l.line),
      totalAmount: toNumber(c.totalAmount),
      standards: c.standards,
      ...(fields ? { fields } : {}),
    };
    return {
      id: c.id,
      documentId: c.documentId,
      file: file ?? c.contractNumber ?? c.id,
      schoolId: c.schoolId,
      extraction,
      lines: contractLinesOf,
      supplierAliases: supplierAliases ?? [],
    };
  });
}

/**
 * The extras a line's document states beyond the stored columns (3C certificate number, batch and
 * production date), taken from the effective extraction's line of the same number.
 */
function withPrintedExtras(lines: LineWithReports[], printed: ContractLine[] | undefined): LineWithReports[] {
  if (!printed?.length) return lines;
  return lines.map((l) => {
    const p = printed.find((x, i) => (x.lineNo ?? i + 1) === l.lineNo);
    if (!p) return l;
    const extras: Partial<ContractLine> = {};
    if (p.cccNumber) extras.cccNumber = p.cccNumber;
    if (p.batch) extras.batch = p.batch;
    if (p.productionDate) extras.productionDate = p.productionDate;
    return Object.keys(extras).length > 0 ? { ...l, line: { ...l.line, ...extras } } : l;
  });
}

/** The contract line ids of a district (for recomputing findings). */
export async function listDistrictLineIds(db: Db | Tx, districtId: string): Promise<string[]> {
  const rows = await db
    .select({ id: contractLines.id })
    .from(contractLines)
    .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .where(and(eq(schools.districtId, districtId)));
  return rows.map((r) => r.id);
}

/** Sets (or clears) a line's 验收/到货日期; returns the previous value. */
export async function setLineAcceptedDate(
  tx: Db | Tx,
  s: { lineId: string; acceptedDate: string | null; userId: string | null },
): Promise<string | null> {
  const [before] = await tx
    .select({ acceptedDate: contractLines.acceptedDate })
    .from(contractLines)
    .where(eq(contractLines.id, s.lineId));
  await tx
    .update(contractLines)
    .set({ acceptedDate: s.acceptedDate, acceptedDateSetBy: s.userId })
    .where(eq(contractLines.id, s.lineId));
  return before?.acceptedDate ?? null;
}
