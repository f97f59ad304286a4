/**
 * Storing a recompute's findings (replaceLineFindings) against a real database: only the difference
 * is written, so findings that did not change keep their rows, and what is stored always equals what
 * the recompute found — duplicates included, nothing left over.
 */
import { createHash } from 'node:crypto';
import { insertDistrict, insertSchool } from '../../models/district.repository';
import { storeExtractedDocument } from '../../models/report.repository';
import { upsertContract } from '../../models/document-rows.repository';
import { listLineFindings, replaceLineFindings, type NewFinding } from '../../models/finding.repository';
import { BUREAU, contract, SCHOOL } from '../../server/verify/testing/builders';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const noCma: NewFinding = {
  code: 'NO_CMA',
  severity: 'error',
  message: '报告R-0001未显示CMA资质认定标志',
  evidence: [{ file: 'r1.pdf', documentId: 'd1', page: null, text: 'CMA：无' }],
};
const failed: NewFinding = {
  code: 'ITEM_FAILED',
  severity: 'error',
  message: '甲醛含量不合格',
  evidence: [
    { file: 'r2.pdf', page: 2, text: '甲醛含量 120', value: 120, limit: { max: 75, unit: 'mg/kg' } },
  ],
};

describe('replaceLineFindings', () => {
  let t: TestDatabase;
  let lineIds: string[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.database.db;
    const district = await insertDistrict(db, { code: 'finding-store', name: '测试区', bureauName: BUREAU });
    const school = await insertSchool(db, { districtId: district.id, name: SCHOOL, kind: 'primary' });
    const twoLines = contract();
    twoLines.lines.push({ ...twoLines.lines[0]!, product: '冬季校服', model: 'TS-002' });
    const doc = await storeExtractedDocument(db, {
      schoolId: school.id,
      originalName: 'contract.json',
      sha256: createHash('sha256').update('finding-store').digest('hex'),
      size: 1,
      mime: 'application/json',
      extraction: twoLines,
    });
    lineIds = (await upsertContract(db, doc, school.id, twoLines)).lines.map((l) => l.id);
  });
  afterAll(async () => t.drop());

  const store = (byLine: Map<string, NewFinding[]>, lines = lineIds, version = '2024.1') =>
    t.database.db.transaction((tx) => replaceLineFindings(tx, lines, byLine, version));
  const stored = async () =>
    (await listLineFindings(t.database.db, lineIds))
      .map((f) => ({
        id: f.id,
        lineId: f.lineId,
        code: f.code,
        evidence: f.evidence,
        version: f.registryVersion,
      }))
      .sort((a, b) => `${a.lineId}${a.code}${a.id}`.localeCompare(`${b.lineId}${b.code}${b.id}`));

  it('When the same findings are stored again, then every row is kept as it was', async () => {
    await store(new Map([[lineIds[0]!, [noCma, failed]]]));
    const first = await stored();
    expect(first.map((f) => [f.lineId, f.code])).toEqual([
      [lineIds[0], 'ITEM_FAILED'],
      [lineIds[0], 'NO_CMA'],
    ]);
    // the same evidence with its keys in another order and an undefined member is the same finding
    const reordered = {
      ...failed,
      evidence: [
        {
          limit: { unit: 'mg/kg', max: 75 },
          value: 120,
          text: '甲醛含量 120',
          page: 2,
          file: 'r2.pdf',
          note: undefined,
        },
      ],
    };
    await store(new Map([[lineIds[0]!, [reordered, noCma]]]));
    expect(await stored()).toEqual(first);
  });

  it('When one finding changes, then only its row is replaced and the other lines are left alone', async () => {
    await store(new Map([[lineIds[1]!, [noCma]]]), [lineIds[1]!]);
    const before = await stored();
    const changed = { ...failed, evidence: [{ ...(failed.evidence[0] as object), value: 130 }] };
    await store(new Map([[lineIds[0]!, [noCma, changed]]]), [lineIds[0]!]);
    const after = await stored();
    const keptIds = (rows: typeof after, code: string, line: string) =>
      rows.filter((f) => f.code === code && f.lineId === line).map((f) => f.id);
    expect(keptIds(after, 'NO_CMA', lineIds[0]!)).toEqual(keptIds(before, 'NO_CMA', lineIds[0]!));
    expect(keptIds(after, 'NO_CMA', lineIds[1]!)).toEqual(keptIds(before, 'NO_CMA', lineIds[1]!));
    expect(keptIds(after, 'ITEM_FAILED', lineIds[0]!)).not.toEqual(
      keptIds(before, 'ITEM_FAILED', lineIds[0]!),
    );
    expect(after.find((f) => f.code === 'ITEM_FAILED')?.evidence).toEqual(changed.evidence);
  });

  it('When a line finds the same thing twice, then it is stored twice, and once when it drops to one', async () => {
    await store(new Map([[lineIds[0]!, [noCma, noCma]]]), [lineIds[0]!]);
    expect((await stored()).filter((f) => f.lineId === lineIds[0]).map((f) => f.code)).toEqual([
      'NO_CMA',
      'NO_CMA',
    ]);
    await store(new Map([[lineIds[0]!, [noCma]]]), [lineIds[0]!]);
    expect((await stored()).filter((f) => f.lineId === lineIds[0]).map((f) => f.code)).toEqual(['NO_CMA']);
  });

  it('When the registry version changes, then the findings are stored under the new version', async () => {
    await store(new Map([[lineIds[0]!, [noCma]]]), [lineIds[0]!], '2025.1');
    expect((await stored()).filter((f) => f.lineId === lineIds[0]).map((f) => f.version)).toEqual(['2025.1']);
  });

  it('When a line is recomputed with no findings (or listed twice), then its findings are gone and none doubled', async () => {
    await store(new Map([[lineIds[1]!, [failed]]]), [lineIds[0]!, lineIds[1]!, lineIds[1]!]);
    expect((await stored()).map((f) => [f.lineId, f.code])).toEqual([[lineIds[1], 'ITEM_FAILED']]);
  });
});
