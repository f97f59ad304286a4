/**
 * The incremental recompute (reverifyDocumentUseCase) reads only what the affected lines need; what
 * it stores must equal what a full recompute (verifyDistrictUseCase) stores — also for duplicate
 * report numbers (written differently, shared with an unlinked report, or with a report of another
 * district that must not count) and for a report just unlinked from a line.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../models/db';
import { insertDistrict, insertSchool } from '../../models/district.repository';
import { listDistrictLineIds } from '../../models/contract.repository';
import {
  linkReportToLine,
  storeExtractedDocument,
  updateEffectiveExtraction,
} from '../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import { listLineFindings } from '../../models/finding.repository';
import { lineReports } from '../../models/schema';
import type { ContractExtraction, Extraction, TestReportExtraction } from '../../parsers/types';
import { verifyDistrictUseCase } from '../../server/use-cases/verification/verify-district';
import { reverifyDocumentUseCase } from '../../server/use-cases/verification/reverify-document';
import { BUREAU, contract, report, SCHOOL, schoolReport } from '../../server/verify/testing/builders';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const AS_OF = '2024-12-31';
const SCHOOL_2 = '测试区第二初级中学';
const OTHER_SUPPLIER = '另一服饰有限公司';

describe('incremental recompute through the database', () => {
  let t: TestDatabase;
  let db: Database['db'];
  let districtId: string;
  /** contract 1 line 1 and 2, contract 2 line 1 */
  let lines: { c1l1: string; c1l2: string; c2l1: string };
  const docs = new Map<string, string>();

  async function store(schoolId: string, name: string, extraction: Extraction): Promise<string> {
    const id = await storeExtractedDocument(db, {
      schoolId,
      originalName: name,
      sha256: createHash('sha256').update(`${schoolId}/${name}`).digest('hex'),
      size: 1,
      mime: 'application/json',
      extraction,
    });
    docs.set(name, id);
    return id;
  }

  async function storeContract(schoolId: string, name: string, c: ContractExtraction): Promise<string[]> {
    const documentId = await store(schoolId, name, c);
    const stored = await upsertContract(db, documentId, schoolId, c);
    return stored.lines.map((l) => l.id);
  }

  async function storeReport(
    schoolId: string,
    name: string,
    r: TestReportExtraction,
    lineId?: string,
  ): Promise<string> {
    const id = await store(schoolId, name, r);
    await replaceTestReport(db, id, r);
    if (lineId) await linkReportToLine(db, { lineId, documentId: id, source: 'school' });
    return id;
  }

  const doc = (name: string) => docs.get(name)!;

  /** The stored findings of every line of the district, in a stable order. */
  async function storedFindings(of = districtId) {
    const rows = await listLineFindings(db, await listDistrictLineIds(db, of));
    return rows
      .map((f) => ({
        lineId: f.lineId,
        code: f.code,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence,
        registryVersion: f.registryVersion,
      }))
      .sort((a, b) =>
        `${a.lineId}/${a.code}/${a.message}`.localeCompare(`${b.lineId}/${b.code}/${b.message}`),
      );
  }

  /** What the incremental recompute left in the database must be what a full recompute stores. */
  async function expectSameAsFullRecompute() {
    const incremental = await storedFindings();
    await verifyDistrictUseCase(db, { districtId, asOf: AS_OF });
    expect(incremental).toEqual(await storedFindings());
    return incremental;
  }

  const codesOf = (rows: { lineId: string; code: string }[], lineId: string) =>
    rows.filter((r) => r.lineId === lineId).map((r) => r.code);

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.database.db;
    districtId = (await insertDistrict(db, { code: 'reverify', name: '测试区', bureauName: BUREAU })).id;
    const school1 = (await insertSchool(db, { districtId, name: SCHOOL, kind: 'primary' })).id;
    const school2 = (await insertSchool(db, { districtId, name: SCHOOL_2, kind: 'junior' })).id;

    const c1 = contract();
    c1.lines.push({ ...c1.lines[0]!, product: '冬季校服', model: 'TS-002' });
    const [c1l1, c1l2] = await storeContract(school1, 'contract-1.json', c1);
    const [c2l1] = await storeContract(
      school2,
      'contract-2.json',
      contract({
        contractNumber: 'HT-2024-002',
        purchaser: { name: SCHOOL_2 },
        supplier: { name: OTHER_SUPPLIER, uscc: null },
        lines: [{ ...c1.lines[0]!, model: 'TS-009' }],
      }),
    );
    lines = { c1l1: c1l1!, c1l2: c1l2!, c2l1: c2l1! };
    const ts = (model: string) => ({ ...report().sample, model });

    await storeReport(school1, 'supplier-1.json', report(), lines.c1l1);
    await storeReport(school1, 'school-1.json', schoolReport(), lines.c1l1);
    await storeReport(
      school1,
      'supplier-2.json',
      report({ reportNumber: 'R-0003', sample: ts('TS-002') }),
      lines.c1l2,
    );
    await storeReport(
      school1,
      'school-2.json',
      schoolReport({ reportNumber: 'R-0004', sample: ts('TS-002') }),
      lines.c1l2,
    );
    const other = { client: OTHER_SUPPLIER, manufacturer: OTHER_SUPPLIER };
    await storeReport(
      school2,
      'supplier-3.json',
      report({ reportNumber: 'R-0005', sample: ts('TS-009'), ...other }),
      lines.c2l1,
    );
    await storeReport(
      school2,
      'school-3.json',
      schoolReport({ reportNumber: 'R-0006', sample: ts('TS-009'), client: SCHOOL_2 }),
      lines.c2l1,
    );
    // handed in but linked to no line: still counts for duplicate numbers
    const copier = { client: '冒用服饰有限公司', manufacturer: '冒用服饰有限公司' };
    await storeReport(
      school2,
      'unlinked.json',
      report({ reportNumber: 'r－ 0005', sample: ts('TS-777'), ...copier }),
    );

    // another district with a report numbered like supplier-2's: never a duplicate here
    const elsewhere = (
      await insertDistrict(db, { code: 'elsewhere', name: '别区', bureauName: '别区教育局' })
    ).id;
    const school3 = (await insertSchool(db, { districtId: elsewhere, name: '别区第一小学', kind: 'primary' }))
      .id;
    const [e1] = await storeContract(
      school3,
      'contract-e.json',
      contract({ purchaser: { name: '别区第一小学' }, supplier: { name: '别区服饰有限公司', uscc: null } }),
    );
    await storeReport(school3, 'elsewhere.json', report({ reportNumber: 'R-0003', ...copier }), e1);

    await verifyDistrictUseCase(db, { districtId, asOf: AS_OF });
    await verifyDistrictUseCase(db, { districtId: elsewhere, asOf: AS_OF });
  });
  afterAll(async () => t.drop());

  it('When the district is first verified, then only the planted duplicate of R-0005 is found', async () => {
    const rows = await storedFindings();
    expect(codesOf(rows, lines.c1l1)).toEqual([]);
    expect(codesOf(rows, lines.c1l2)).toEqual([]);
    expect(codesOf(rows, lines.c2l1)).toEqual(['DUPLICATE_REPORT_NUMBER']);
  });

  it('When a report number is corrected to another supplier’s number written in full-width, then both lines get the duplicate, exactly as a full recompute', async () => {
    await updateEffectiveExtraction(db, doc('supplier-1.json'), report({ reportNumber: 'ｒ－０００５' }));
    const out = await reverifyDocumentUseCase(db, {
      districtId,
      asOf: AS_OF,
      documentId: doc('supplier-1.json'),
      previousReportNumber: 'R-0001',
    });
    expect(out.affectedLineIds).toEqual([lines.c1l1, lines.c2l1]);
    const rows = await expectSameAsFullRecompute();
    expect(codesOf(rows, lines.c1l1)).toEqual(['DUPLICATE_REPORT_NUMBER']);
    expect(rows.find((r) => r.lineId === lines.c2l1)?.message).toContain('supplier-1.json');
  });

  it('When the number is corrected back, then the other line is re-checked through the previous number, exactly as a full recompute', async () => {
    await updateEffectiveExtraction(db, doc('supplier-1.json'), report());
    const out = await reverifyDocumentUseCase(db, {
      districtId,
      asOf: AS_OF,
      documentId: doc('supplier-1.json'),
      previousReportNumber: 'ｒ－０００５',
    });
    expect(out.affectedLineIds).toEqual([lines.c1l1, lines.c2l1]);
    const rows = await expectSameAsFullRecompute();
    expect(codesOf(rows, lines.c1l1)).toEqual([]);
    expect(codesOf(rows, lines.c2l1)).toEqual(['DUPLICATE_REPORT_NUMBER']);
    expect(rows.find((r) => r.lineId === lines.c2l1)?.message).not.toContain('supplier-1.json');
  });

  it('When a report takes the number of a report in another district, then no duplicate is found', async () => {
    await updateEffectiveExtraction(
      db,
      doc('school-2.json'),
      schoolReport({ reportNumber: 'R-0003', sample: { ...report().sample, model: 'TS-002' } }),
    );
    const out = await reverifyDocumentUseCase(db, {
      districtId,
      asOf: AS_OF,
      documentId: doc('school-2.json'),
      previousReportNumber: 'R-0004',
    });
    expect(out.affectedLineIds).toEqual([lines.c1l2]);
    const rows = await expectSameAsFullRecompute();
    // supplier-2 (same number, same product, other client) conflicts; the other district's copy does not count
    const dup = rows.find((r) => r.lineId === lines.c1l2 && r.code === 'DUPLICATE_REPORT_NUMBER');
    expect(dup?.message).toContain('supplier-2.json');
    expect(dup?.message).not.toContain('elsewhere.json');
  });

  it('When a report is unlinked from its line, then that line is recomputed as well, exactly as a full recompute', async () => {
    await db
      .delete(lineReports)
      .where(and(eq(lineReports.lineId, lines.c1l2), eq(lineReports.documentId, doc('school-2.json'))));
    const out = await reverifyDocumentUseCase(db, {
      districtId,
      asOf: AS_OF,
      documentId: doc('school-2.json'),
      alsoLineIds: [lines.c1l2],
    });
    expect(out.affectedLineIds).toEqual([lines.c1l2]);
    const rows = await expectSameAsFullRecompute();
    expect(codesOf(rows, lines.c1l2)).toContain('MISSING_PURCHASER_REPORT');
  });
});
