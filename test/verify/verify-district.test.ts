/**
 * The verification use cases against a real database: a full recompute stores each line's findings;
 * after one document is corrected, only the lines it affects are recomputed.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../models/db';
import { insertDistrict, insertSchool } from '../../models/district.repository';
import {
  linkReportToLine,
  storeExtractedDocument,
  updateEffectiveExtraction,
} from '../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import { listLineFindings } from '../../models/finding.repository';
import type { Extraction } from '../../parsers/types';
import { verifyDistrictUseCase } from '../../server/use-cases/verification/verify-district';
import { reverifyDocumentUseCase } from '../../server/use-cases/verification/reverify-document';
import { recomputeForDocument } from '../../server/use-cases/verification/recompute';
import type { AppContext } from '../../server/context';
import { BUREAU, contract, report, SCHOOL, schoolReport } from '../../server/verify/testing/builders';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

async function store(
  db: Database['db'],
  schoolId: string,
  name: string,
  extraction: Extraction,
): Promise<string> {
  return storeExtractedDocument(db, {
    schoolId,
    originalName: name,
    sha256: sha(extraction),
    size: 1,
    mime: 'application/json',
    extraction,
  });
}

describe('verify-district and reverify-document use cases', () => {
  let t: TestDatabase;
  let districtId: string;
  let lineIds: string[];
  let supplierReportId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.database.db;
    const district = await insertDistrict(db, { code: 'test-verify', name: '测试区', bureauName: BUREAU });
    districtId = district.id;
    const school = await insertSchool(db, { districtId, name: SCHOOL, kind: 'primary' });
    const twoLines = contract();
    twoLines.lines.push({ ...twoLines.lines[0]!, product: '冬季校服', model: 'TS-002' });
    const contractDoc = await store(db, school.id, 'contract.json', twoLines);
    const stored = await upsertContract(db, contractDoc, school.id, twoLines);
    lineIds = stored.lines.map((l) => l.id);
    const docs: [string, Extraction, number][] = [
      ['supplier-1.json', report(), 0],
      ['school-1.json', schoolReport(), 0],
      [
        'supplier-2.json',
        report({ reportNumber: 'R-0003', sample: { ...report().sample, model: 'TS-002' } }),
        1,
      ],
      [
        'school-2.json',
        schoolReport({ reportNumber: 'R-0004', sample: { ...report().sample, model: 'TS-002' } }),
        1,
      ],
    ];
    for (const [name, extraction, line] of docs) {
      const id = await store(db, school.id, name, extraction);
      if (extraction.kind === 'test_report') await replaceTestReport(db, id, extraction);
      await linkReportToLine(db, { lineId: lineIds[line]!, documentId: id, source: 'school' });
      if (name === 'supplier-1.json') supplierReportId = id;
    }
  });
  afterAll(async () => t.drop());

  it('When a compliant district is verified, then no findings are stored', async () => {
    const result = await verifyDistrictUseCase(t.database.db, { districtId, asOf: '2024-12-31' });
    expect(result.lines.map((l) => l.compliant)).toEqual([true, true]);
    expect(await listLineFindings(t.database.db, lineIds)).toEqual([]);
  });

  it('When one report is corrected to show no CMA, then only its line is recomputed and gets NO_CMA', async () => {
    const corrected = report({ lab: { name: '某检测服务部', cmaNumber: null, cnasNumber: null } });
    await updateEffectiveExtraction(t.database.db, supplierReportId, corrected);
    const out = await reverifyDocumentUseCase(t.database.db, {
      districtId,
      asOf: '2024-12-31',
      documentId: supplierReportId,
    });
    expect(out.affectedLineIds).toEqual([lineIds[0]]);
    const stored = await listLineFindings(t.database.db, lineIds);
    expect(stored.map((f) => [f.lineId, f.code, f.registryVersion])).toEqual([
      [lineIds[0], 'NO_CMA', '2024.1'],
    ]);
    expect(stored[0]?.message).toContain('CMA');
  });

  it('When intake reports the correction undone through recomputeForDocument, then the line is compliant again', async () => {
    await updateEffectiveExtraction(t.database.db, supplierReportId, report());
    const ctx = { db: t.database.db, logger: { debug: () => undefined } } as unknown as AppContext;
    const out = await recomputeForDocument(ctx, supplierReportId);
    expect(out?.affectedLineIds).toEqual([lineIds[0]]);
    expect(await listLineFindings(t.database.db, lineIds)).toEqual([]);
  });

  it('When one line is re-verified several times at once, then its findings are stored once', async () => {
    const db = t.database.db;
    const noCma = report({ lab: { name: '某检测服务部', cmaNumber: null, cnasNumber: null } });
    const codes = async () => (await listLineFindings(db, lineIds)).map((f) => [f.lineId, f.code]);
    const atOnce = (full: boolean) =>
      Promise.all(
        [0, 1, 2].map((i) =>
          full && i === 0
            ? verifyDistrictUseCase(db, { districtId, asOf: '2024-12-31' })
            : reverifyDocumentUseCase(db, { districtId, asOf: '2024-12-31', documentId: supplierReportId }),
        ),
      );
    // each round starts from a line whose stored findings differ from what it will find
    for (let round = 0; round < 10; round++) {
      await updateEffectiveExtraction(db, supplierReportId, noCma);
      await atOnce(round % 2 === 1);
      expect(await codes()).toEqual([[lineIds[0], 'NO_CMA']]);
      await updateEffectiveExtraction(db, supplierReportId, report());
      await atOnce(round % 2 === 0);
      expect(await codes()).toEqual([]);
    }
  });
});
