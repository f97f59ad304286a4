/**
 * The one writer of a document's structured rows (models/document-rows.repository.ts), used by intake,
 * corrections, `dsv audit` and the test districts alike: line ids survive a rebuild, removed lines go,
 * the supplier follows the one identity rule, a report's items are replaced, not appended.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { insertDistrict, insertSchool } from '../../models/district.repository';
import { storeExtractedDocument, storeExtractedDocuments } from '../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import { contractLines, contracts, suppliers, testReportItems, testReports } from '../../models/schema';
import type { Extraction } from '../../parsers/types';
import { contract, report, SCHOOL, SUPPLIER, SUPPLIER_USCC } from '../../server/verify/testing/builders';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('the one writer of document rows', () => {
  let t: TestDatabase;
  let schoolId: string;
  const store = (name: string, extraction: Extraction) =>
    storeExtractedDocument(t.database.db, {
      schoolId,
      originalName: name,
      sha256: createHash('sha256').update(name).digest('hex'),
      size: 1,
      mime: 'application/json',
      extraction,
    });

  beforeAll(async () => {
    t = await createTestDatabase();
    const d = await insertDistrict(t.database.db, {
      code: 'rows',
      name: '测试区',
      bureauName: '测试区教育局',
    });
    schoolId = (await insertSchool(t.database.db, { districtId: d.id, name: SCHOOL, kind: 'primary' })).id;
  });
  afterAll(async () => t.drop());

  test('Rebuilding a contract keeps the ids of the lines that remain and removes the rest', async () => {
    const db = t.database.db;
    const three = contract();
    three.lines.push({ ...three.lines[0]!, product: '冬季校服', model: 'TS-002' });
    three.lines.push({ ...three.lines[0]!, product: '春秋校服', model: 'TS-003' });
    const doc = await store('three-lines.json', three);
    const first = await upsertContract(db, doc, schoolId, three);
    expect(first.lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);

    const corrected = { ...three, lines: three.lines.slice(0, 2) };
    const second = await upsertContract(db, doc, schoolId, corrected);
    expect(second.id).toBe(first.id);
    expect(second.lines).toEqual(first.lines.slice(0, 2));
    const stored = await db.select().from(contractLines).where(eq(contractLines.contractId, first.id));
    expect(stored.map((l) => l.model).sort()).toEqual(['TS-001', 'TS-002']);
  });

  test('A supplier printed under another name but the same USCC is the same supplier; one character off without USCC is a new one', async () => {
    const db = t.database.db;
    const a = await upsertContract(db, await store('a.json', contract()), schoolId, contract());
    const renamed = contract({ supplier: { name: `${SUPPLIER}（江州）`, uscc: SUPPLIER_USCC } });
    const b = await upsertContract(db, await store('b.json', renamed), schoolId, renamed);
    const near = contract({ supplier: { name: SUPPLIER.replace('服饰', '服装'), uscc: null } });
    const c = await upsertContract(db, await store('c.json', near), schoolId, near);
    const supplierOf = async (id: string) =>
      (await db.select().from(contracts).where(eq(contracts.id, id)))[0]!.supplierId;
    expect(await supplierOf(b.id)).toBe(await supplierOf(a.id));
    expect(await supplierOf(c.id)).not.toBe(await supplierOf(a.id));
    const names = (await db.select().from(suppliers)).map((s) => s.name);
    expect(names.filter((n) => n === SUPPLIER)).toHaveLength(1);
  });

  test('Rewriting a report replaces its item table (a corrected report does not keep the old rows)', async () => {
    const db = t.database.db;
    const r = report();
    const doc = await store('report.json', r);
    await replaceTestReport(db, doc, r);
    const fewer = { ...r, items: r.items.slice(0, 2) };
    const reportId = await replaceTestReport(db, doc, fewer);
    const rows = await db.select().from(testReports).where(eq(testReports.documentId, doc));
    expect(rows).toHaveLength(1);
    const items = await db.select().from(testReportItems).where(eq(testReportItems.reportId, reportId));
    expect(items.map((i) => i.name)).toEqual(fewer.items.map((i) => i.name));
  });

  test('Documents stored in one batch get their ids in order; content a school already handed in keeps its id', async () => {
    const db = t.database.db;
    const other = (
      await insertSchool(db, {
        districtId: (await insertDistrict(db, { code: 'rows-2', name: '乙区', bureauName: '乙区教育局' })).id,
        name: '乙区小学',
        kind: 'primary',
      })
    ).id;
    const first = await store('batch-a.json', report());
    const doc = (name: string, school: string) => ({
      schoolId: school,
      originalName: name,
      sha256: createHash('sha256').update(name).digest('hex'),
      size: 1,
      mime: 'application/json',
      extraction: report(),
    });
    const ids = await storeExtractedDocuments(db, [
      doc('batch-b.json', schoolId),
      doc('batch-a.json', schoolId),
      doc('batch-a.json', other),
      doc('batch-b.json', schoolId),
    ]);
    expect(ids[1]).toBe(first);
    expect(ids[3]).toBe(ids[0]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).not.toBe(first);
  });
});
