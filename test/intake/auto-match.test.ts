/**
 * 自动匹配 in the service: reports read before their contract are linked when the contract arrives
 * (confident: same supplier, model, dates), shown with their reason; a person undoes one in one click
 * and it is not matched again; an ambiguous report becomes a suggestion to confirm; nothing is linked
 * to another school's contract; the checklist shows the report fields and hides reports used elsewhere.
 */
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../models/schema';
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`automatic report-to-line matching (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let otherStaff: string;
  const ids: Record<string, string> = {};

  const get = (url: string, token = staff) => request(t.app).get(url).set('Authorization', `Bearer ${token}`);
  async function uploaded(token: string, file: string, fields: Record<string, string> = {}) {
    const res = await upload(t.app, token, [{ data: corpusFile(file), name: file }], fields);
    expect(res.status).toBe(202);
    const id = res.body.documents[0].id as string;
    await waitForDocument(t.app, token, id);
    await jobsDone();
    return id;
  }
  /**
   * A document is parsed before its reports are matched to lines (verify_rules runs after): wait until
   * the job runner has finished every document, matching included.
   */
  async function jobsDone() {
    await waitFor(
      async () => ((await t.ctx.services.documentJobs.unfinished()) === 0 ? true : undefined),
      60_000,
    );
  }
  async function lines(token: string, contractDocId: string) {
    const list = await get('/api/contracts', token);
    const c = list.body.items.find((x: { documentId: string }) => x.documentId === contractDocId);
    const detail = await get(`/api/contracts/${c.id}`, token);
    return detail.body.lines as {
      id: string;
      lineNo: number;
      reports: { documentId: string; source: string; reason: string | null }[];
    }[];
  }

  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    const district = await buildDistrict(t.ctx, { bureauName: '江州市涪溪区教育委员会' });
    const school = await buildSchool(t.ctx, { districtId: district.id, name: '江州市涪溪区实验小学' });
    const other = await buildSchool(t.ctx, { districtId: district.id, name: '江州市涪溪区桂湖小学' });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff', { schoolId: school.id })).username);
    otherStaff = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'school_staff', { schoolId: other.id })).username,
    );
    // The reports first, then the contract they belong to (line 1: JC24-X15).
    ids.supplierReport = await uploaded(staff, 'doc-016.pdf');
    ids.schoolReport = await uploaded(staff, 'doc-003.pdf');
    ids.winterSchoolReport = await uploaded(staff, 'doc-026.pdf');
    ids.contract = await uploaded(staff, 'doc-017.pdf', { kind: 'contract' });
  });
  afterAll(() => t.close());

  test('When a contract arrives after its reports, then the confident matches are linked automatically with their reason', async () => {
    const [line1, line2] = await lines(staff, ids.contract!);
    expect(line1!.reports.map((r) => [r.documentId, r.source]).sort()).toEqual(
      [
        [ids.supplierReport, 'auto'],
        [ids.schoolReport, 'auto'],
      ].sort(),
    );
    expect(line1!.reports.find((r) => r.documentId === ids.supplierReport)!.reason).toContain(
      '样品型号JC24-X15与合同明细一致',
    );
    expect(line2!.reports.map((r) => [r.documentId, r.source])).toEqual([[ids.winterSchoolReport, 'auto']]);
    // Verification ran on the linked reports: the line is judged, not waiting for reports.
    const evidence = await get(`/api/compliance/lines/${line1!.id}`);
    expect(evidence.body.status).not.toBe('awaiting_reports');
    expect(evidence.body.reports.map((r: { linkedBy: string }) => r.linkedBy)).toEqual(['auto', 'auto']);
    ids.line1 = line1!.id;
    ids.line2 = line2!.id;
  });

  test("When another school uploads the same contract, then nothing of this school's is linked to it", async () => {
    const otherContract = await uploaded(otherStaff, 'doc-017.pdf', { kind: 'contract' });
    const otherLines = await lines(otherStaff, otherContract);
    expect(otherLines.flatMap((l) => l.reports)).toEqual([]);
  });

  test('When staff undo an automatic match, then it is removed, recorded, and not matched again', async () => {
    const res = await request(t.app)
      .delete(`/api/contract-lines/${ids.line1}/reports/${ids.schoolReport}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ linked: false });
    // Re-reading the report runs matching again: the undone pair stays undone.
    const reprocess = await request(t.app)
      .post(`/api/documents/${ids.schoolReport}/reprocess`)
      .set('Authorization', `Bearer ${staff}`);
    expect(reprocess.status).toBe(202);
    await waitForDocument(t.app, staff, ids.schoolReport!);
    await jobsDone();
    const [line1] = await lines(staff, ids.contract!);
    expect(line1!.reports.map((r) => r.documentId)).toEqual([ids.supplierReport]);
    const audit = await t.ctx.db.select().from(auditLog).where(eq(auditLog.resourceId, ids.line1!));
    expect(audit.map((a) => a.action)).toContain('line.report.undo_auto');
  });

  test('When a report is ambiguous, then it is a suggestion with its reason until staff confirm it', async () => {
    // The school report's 委托单位 corrected to a name that is no party of the contract: no longer confident.
    const patch = await request(t.app)
      .patch(`/api/documents/${ids.winterSchoolReport}/fields`)
      .set('Authorization', `Bearer ${staff}`)
      .send([{ path: 'client', value: '江州市某某培训中心' }]);
    expect(patch.status).toBe(200);
    let evidence = await get(`/api/compliance/lines/${ids.line2}`);
    expect(evidence.body.reports).toEqual([]);
    expect(evidence.body.suggestions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          documentId: ids.winterSchoolReport,
          reason: expect.stringContaining('样品型号JC24-D07与合同明细一致'),
          reportNumber: 'QT2024W08206',
        }),
      ]),
    );
    const confirm = await request(t.app)
      .post(`/api/contract-lines/${ids.line2}/reports/${ids.winterSchoolReport}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(confirm.status).toBe(200);
    evidence = await get(`/api/compliance/lines/${ids.line2}`);
    expect(evidence.body.suggestions.map((x: { documentId: string }) => x.documentId)).not.toContain(
      ids.winterSchoolReport,
    );
    expect(evidence.body.reports.map((r: { linkedBy: string }) => r.linkedBy)).toEqual(['school']);
  });

  test('When staff open the checklist, then it shows the report fields and hides reports used on other lines unless asked', async () => {
    const res = await get(`/api/contract-lines/${ids.line2}/report-candidates`);
    expect(res.status).toBe(200);
    expect(res.body.pending).toBe(0);
    const names = res.body.items.map((i: { documentId: string }) => i.documentId);
    // doc-016 serves line 1 only: hidden here; the undone doc-003 serves no line: listed.
    expect(names).not.toContain(ids.supplierReport);
    expect(names).toContain(ids.schoolReport);
    expect(res.body.hiddenUsedElsewhere).toBe(1);
    const here = res.body.items.find((i: { documentId: string }) => i.documentId === ids.winterSchoolReport);
    expect(here).toMatchObject({
      linkedHere: 'school',
      reportNumber: 'QT2024W08206',
      labName: expect.any(String),
      sampleModel: 'JC24-D07',
      issuedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      conclusion: 'pass',
    });
    const all = await get(`/api/contract-lines/${ids.line2}/report-candidates?all=true`);
    const supplier = all.body.items.find((i: { documentId: string }) => i.documentId === ids.supplierReport);
    expect(supplier.otherLines).toEqual([expect.objectContaining({ lineId: ids.line1, lineNo: 1 })]);
  });
});
