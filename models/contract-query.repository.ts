/** Reading contracts for the API: lists in a tenancy scope, one contract with its lines. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { contractLines, contracts, documents, schools } from './schema';

export type ContractRow = typeof contracts.$inferSelect;
export type ContractLineRow = typeof contractLines.$inferSelect;

const contractColumns = {
  contract: contracts,
  districtId: schools.districtId,
  schoolName: schools.name,
  documentStatus: documents.status,
  lineCount: sql<number>`(select count(*)::int from contract_lines l where l.contract_id = ${contracts.id})`,
};

export interface ContractListFilter {
  schoolId?: string;
  districtId?: string;
  limit: number;
  offset: number;
}

export async function listContracts(db: Db | Tx, f: ContractListFilter) {
  const conds: SQL[] = [];
  if (f.schoolId) conds.push(eq(contracts.schoolId, f.schoolId));
  if (f.districtId) conds.push(eq(schools.districtId, f.districtId));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select(contractColumns)
    .from(contracts)
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .leftJoin(documents, eq(documents.id, contracts.documentId))
    .where(where)
    .orderBy(desc(contracts.createdAt), desc(contracts.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contracts)
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export type ContractListRow = Awaited<ReturnType<typeof listContracts>>['rows'][number];

export async function findContract(db: Db | Tx, id: string) {
  const [row] = await db
    .select(contractColumns)
    .from(contracts)
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .leftJoin(documents, eq(documents.id, contracts.documentId))
    .where(eq(contracts.id, id));
  if (!row) return undefined;
  const lines = await db
    .select()
    .from(contractLines)
    .where(eq(contractLines.contractId, id))
    .orderBy(asc(contractLines.lineNo));
  return { ...row, lines };
}

/** A contract line with its contract's school and district (tenancy) and source document. */
export async function findLine(db: Db | Tx, lineId: string) {
  const [row] = await db
    .select({
      id: contractLines.id,
      contractId: contracts.id,
      contractDocumentId: contracts.documentId,
      schoolId: contracts.schoolId,
      districtId: schools.districtId,
    })
    .from(contractLines)
    .innerJoin(contracts, eq(contracts.id, contractLines.contractId))
    .innerJoin(schools, eq(schools.id, contracts.schoolId))
    .where(eq(contractLines.id, lineId));
  return row;
}
