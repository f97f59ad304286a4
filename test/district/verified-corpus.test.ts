/**
 * End to end with the real engine: the development corpus (truth extractions + submissions.json) is
 * stored through the repositories, `verifyDistrictUseCase` writes the findings, and the list built
 * from the stored findings equals scenario.json's market-supervision list (rank, supplier, severity,
 * reasons, schools, contracts, weights).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { insertDistrict, insertSchool, type School } from '../../models/district.repository';
import { linkReportToLine, storeExtractedDocument } from '../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import type { ContractExtraction, TestReportExtraction } from '../../parsers/types';
import { verifyDistrictUseCase } from '../../server/use-cases/verification/verify-district';
import { buildSamplingList } from '../../server/use-cases/sampling/build-sampling-list';
import { schoolKindToRecord } from '../../server/verify/parties';
import { normaliseName } from '../../server/verify/normalise';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { expectedSamplingList } from '../helpers/scenario-rule-updates';

const SHARED = path.resolve(__dirname, '../../../shared');
const CORPUS = path.join(SHARED, 'corpus/dev');

interface Submissions {
  submissions: { contract: string; lines: { lineNo: number; reports: string[] }[] }[];
}
interface ScenarioEntry {
  rank: number;
  supplier: string;
  uscc: string;
  severity: string;
  reasons: string[];
  schools: string[];
  contracts: string[];
  score: number;
  maxWeight: number;
}

describe(`sampling list from findings stored by the engine (${testDriver()})`, () => {
  let t: TestApp;
  let districtId: string;
  let dir: string;
  const scenario = JSON.parse(fs.readFileSync(path.join(CORPUS, 'scenario.json'), 'utf8')) as {
    samplingList: ScenarioEntry[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-corpus-'));
    fs.copyFileSync(path.join(CORPUS, 'scenario.json'), path.join(dir, 'scenario.json'));
    fs.cpSync(path.join(CORPUS, 'truth'), path.join(dir, 'truth'), { recursive: true });
    execFileSync('node', [path.join(SHARED, 'tools/make-submissions.mjs'), dir, 'truth'], {
      stdio: 'ignore',
    });
    const subs = JSON.parse(fs.readFileSync(path.join(dir, 'submissions.json'), 'utf8')) as Submissions;
    const read = <T>(rel: string) => JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8')) as T;

    const db = t.ctx.db;
    const district = await insertDistrict(db, {
      code: 'fx-corpus',
      name: '江州市涪溪区',
      bureauName: '江州市涪溪区教育委员会',
    });
    districtId = district.id;
    const schools = new Map<string, School>();
    const schoolFor = async (name: string) => {
      let s = schools.get(normaliseName(name));
      if (!s) {
        s = await insertSchool(db, { districtId, name, kind: schoolKindToRecord(name) });
        schools.set(normaliseName(name), s);
      }
      return s;
    };
    const reportLinks = new Map<string, { lineId: string; schoolId: string }[]>();
    for (const sub of subs.submissions) {
      const c = read<ContractExtraction>(sub.contract);
      const school = await schoolFor(c.purchaser.name ?? '未识别学校');
      const documentId = await storeExtractedDocument(db, {
        schoolId: school.id,
        originalName: sub.contract,
        sha256: `c-${sub.contract}`.padEnd(64, '0'),
        size: 1,
        mime: 'application/json',
        extraction: c,
      });
      const stored = await upsertContract(db, documentId, school.id, c);
      for (const l of sub.lines) {
        const lineId = stored.lines.find((x) => x.lineNo === l.lineNo)?.id;
        if (!lineId) continue;
        for (const r of l.reports) {
          reportLinks.set(r, [...(reportLinks.get(r) ?? []), { lineId, schoolId: school.id }]);
        }
      }
    }
    for (const [file, links] of reportLinks) {
      const r = read<TestReportExtraction>(file);
      const documentId = await storeExtractedDocument(db, {
        schoolId: links[0]!.schoolId,
        originalName: file,
        sha256: `r-${file}`.padEnd(64, '0'),
        size: 1,
        mime: 'application/json',
        extraction: r,
      });
      await replaceTestReport(db, documentId, r);
      for (const l of links) await linkReportToLine(db, { lineId: l.lineId, documentId, source: 'school' });
    }
    await verifyDistrictUseCase(db, { districtId, asOf: '2026-11-28' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the list built from stored findings equals scenario.json (MANIFEST "Sampling list")', async () => {
    const list = await buildSamplingList(t.ctx.db, districtId, { asOf: '2026-11-28' });
    expect(
      list.entries.map((e) => ({
        rank: e.rank,
        supplier: e.supplier,
        uscc: e.uscc,
        severity: e.risk,
        reasons: e.reasons,
        schools: e.schools,
        contracts: e.contracts,
        score: e.score,
        maxWeight: e.maxWeight,
      })),
    ).toEqual(
      // Sourced registry rules that contradict scenario.json (GB/T 31888-2015 4.3 cotton ≥35 % on
      // XF038; GB 31701-2015 for a kindergarten's bedding): test/helpers/scenario-rule-updates.ts.
      expectedSamplingList(scenario.samplingList).map((s) => ({
        rank: s.rank,
        supplier: s.supplier,
        uscc: s.uscc,
        severity: s.severity,
        reasons: s.reasons,
        schools: s.schools,
        contracts: s.contracts,
        score: s.score,
        maxWeight: s.maxWeight,
      })),
    );
    // market-supervision columns are filled from the stored reports
    const boya = list.entries.find((e) => e.supplier === '江州市博雅学生服装有限公司')!;
    expect(boya.supervision.报告编号).toContain('WT2024-2281');
    expect(boya.supervision.承检机构).not.toBe('');
  });

  test('the bureau’s compliance table and a line’s evidence reflect the stored findings', async () => {
    const bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId })).username);
    const table = await request(t.app)
      .get('/api/compliance/schools')
      .set('Authorization', `Bearer ${bureau}`);
    expect(table.status).toBe(200);
    // 19, not the scenario's 16 (test/helpers/scenario-rule-updates.ts): the compliant toy line
    // 金桥幼采〔2024〕14号 #2 has no 3C certificate number (NO_CCC), and the two POLO+短裤/短裙 set lines of
    // 锦程 (JZCG2024-4851 #1, 桂湖小采〔2024〕8号 #1) were tested on the POLO alone (PRODUCT_MISMATCH).
    expect(table.body.totals).toMatchObject({ schools: 8, contracts: 14, lines: 23, linesWithFindings: 19 });
    // three lines miss one side (MISSING_PURCHASER_REPORT once, MISSING_SUPPLIER_REPORT twice)
    expect(table.body.totals.dualCoveredLines).toBe(20);
    const shuyuan = table.body.schools.find(
      (s: { schoolName: string }) => s.schoolName === '江州市涪溪区书院路小学',
    );
    expect(shuyuan).toMatchObject({ contracts: 1, lines: 3, compliantLines: 1, linesWithFindings: 2 });
    expect(shuyuan.findingsByCode).toEqual({
      ITEM_FAILED: 1,
      CONCLUSION_CONTRADICTS_ITEMS: 1,
      REQUIRED_ITEM_MISSING: 1,
    });

    const detail = await request(t.app)
      .get(`/api/compliance/schools/${shuyuan.schoolId}`)
      .set('Authorization', `Bearer ${bureau}`);
    expect(detail.status).toBe(200);
    const line1 = detail.body.contracts[0].lines[0];
    expect(line1).toMatchObject({
      lineNo: 1,
      status: 'non_compliant',
      statusLabel: '存在问题',
      dualCovered: true,
    });
    const evidence = await request(t.app)
      .get(`/api/compliance/lines/${line1.id}`)
      .set('Authorization', `Bearer ${bureau}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.findings.map((f: { code: string }) => f.code).sort()).toEqual([
      'CONCLUSION_CONTRADICTS_ITEMS',
      'ITEM_FAILED',
    ]);
    expect(evidence.body.findings[0].evidence.length).toBeGreaterThan(0);
    expect(evidence.body.reports.map((r: { side: string }) => r.side).sort()).toEqual([
      'purchaser',
      'supplier',
    ]);
    expect(evidence.body.reports.map((r: { reportNumber: string }) => r.reportNumber)).toContain(
      'WT2024-2281',
    );
  });

  test('school staff see only their own school in the table, and only their own lines', async () => {
    const { rows } = await t.ctx.database.query<{ id: string }>('select id from schools where name = $1', [
      '江州市涪溪区书院路小学',
    ]);
    const schoolId = rows[0]!.id;
    const staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff', { schoolId })).username);
    const table = await request(t.app).get('/api/compliance/schools').set('Authorization', `Bearer ${staff}`);
    expect(table.status).toBe(200);
    expect(table.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([schoolId]);
    expect(table.body.totals.lines).toBe(3);
    const own = await request(t.app)
      .get(`/api/compliance/schools/${schoolId}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(own.status).toBe(200);
    expect(own.body.contracts[0].contractNumber).toBe('JZCG2024-4740');
    const { rows: others } = await t.ctx.database.query<{ id: string }>(
      'select id from schools where name = $1',
      ['江州市涪溪区实验小学'],
    );
    const other = await request(t.app)
      .get(`/api/compliance/schools/${others[0]!.id}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(other.status).toBe(404);
  });
});
