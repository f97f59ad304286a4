/**
 * Upload → job → pipeline → review: a text PDF report goes from 202 to parsed with its fields
 * visible; corrections are stored and change `effective`; duplicates and tenancy.
 */
import request from 'supertest';
import { buildSchool, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`document intake (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let schoolId: string;
  let districtId: string;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    const u = await buildUser(t.ctx, 'school_staff');
    schoolId = u.schoolId!;
    districtId = (
      await t.ctx.database.query<{ district_id: string }>('select district_id from schools where id = $1', [
        schoolId,
      ])
    ).rows[0]!.district_id;
    staff = await tokenFor(t.app, u.username);
  });
  afterAll(() => t.close());

  test('When school staff upload a text PDF report, then 202 with an id, and it becomes parsed with its fields visible', async () => {
    const t0 = Date.now();
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-001.pdf'), name: '检验报告.pdf' }]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    const id = res.body.documents[0].id as string;
    expect(res.body.documents[0]).toMatchObject({
      fileName: '检验报告.pdf',
      status: 'queued',
      duplicate: false,
    });
    const doc = await waitForDocument(t.app, staff, id);
    process.stdout.write(
      `upload→${doc.status} for a 1-page text PDF: ${Date.now() - t0} ms (pipeline ${doc.processingMs} ms)\n`,
    );
    expect(['parsed', 'needs_review']).toContain(doc.status);
    expect(doc.kind).toBe('test_report');
    expect(doc.originalName).toBe('检验报告.pdf');
    expect(doc.effective.reportNumber).toBe('HBT24-895760-TX');
    const field = doc.fields.find((f: { path: string }) => f.path === 'reportNumber');
    expect(field).toMatchObject({ value: 'HBT24-895760-TX', corrected: false });
    expect(doc.fields.some((f: { path: string }) => f.path.startsWith('items.0.'))).toBe(true);
    const rows = await t.ctx.database.query<{ report_number: string }>(
      'select report_number from test_reports where document_id = $1',
      [id],
    );
    expect(rows.rows[0]?.report_number).toBe('HBT24-895760-TX');
  });

  test('When staff correct a field, then the correction is stored with before/after and effective and the report row change', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-003.pdf'), name: 'r.pdf' }]);
    const id = res.body.documents[0].id as string;
    await waitForDocument(t.app, staff, id);
    const patch = await request(t.app)
      .patch(`/api/documents/${id}/fields`)
      .set('Authorization', `Bearer ${staff}`)
      .send([
        { path: 'sample.model', value: 'XG-2024' },
        { path: 'dates.issued', value: '2024-08-01' },
      ]);
    expect(patch.status).toBe(200);
    expect(patch.body.effective.sample.model).toBe('XG-2024');
    expect(patch.body.fields.find((f: { path: string }) => f.path === 'sample.model')).toMatchObject({
      value: 'XG-2024',
      corrected: true,
    });
    const list = await request(t.app)
      .get(`/api/documents/${id}/corrections`)
      .set('Authorization', `Bearer ${staff}`);
    expect(list.status).toBe(200);
    expect(list.body.map((c: { path: string }) => c.path)).toEqual(['sample.model', 'dates.issued']);
    expect(list.body[0]).toMatchObject({ after: 'XG-2024', userName: expect.any(String) });
    const row = await t.ctx.database.query<{ sample_model: string; issued_date: string }>(
      "select sample_model, to_char(issued_date, 'YYYY-MM-DD') as issued_date from test_reports where document_id = $1",
      [id],
    );
    expect(row.rows[0]).toEqual({ sample_model: 'XG-2024', issued_date: '2024-08-01' });
    const again = await request(t.app)
      .post(`/api/documents/${id}/reprocess`)
      .set('Authorization', `Bearer ${staff}`);
    expect(again.status).toBe(202);
    const redone = await waitForDocument(t.app, staff, id);
    expect(redone.effective.sample.model).toBe('XG-2024');
    expect(redone.extraction.sample.model).not.toBe('XG-2024');
    const bad = await request(t.app)
      .patch(`/api/documents/${id}/fields`)
      .set('Authorization', `Bearer ${staff}`)
      .send([
        { path: 'dates.issued', value: '2024-02-30' },
        { path: 'no.such', value: 1 },
      ]);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toMatch(/日期|不可更正/);
  });

  test('When the same file is uploaded twice by the same school, then the second answer names the existing document', async () => {
    const data = corpusFile('doc-010.pdf');
    const first = await upload(t.app, staff, [{ data, name: 'a.pdf' }]);
    expect(first.status).toBe(202);
    const second = await upload(t.app, staff, [{ data, name: 'b.pdf' }]);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('DUPLICATE_DOCUMENT');
    expect(second.body.details.files[0]).toMatchObject({ id: first.body.documents[0].id, duplicate: true });
  });

  test('When another school’s staff or a regulator ask for the document, then 404 and 403; the bureau sees it', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-054.pdf'), name: 'x.pdf' }]);
    const id = res.body.documents[0].id as string;
    const other = await buildUser(t.ctx, 'school_staff', {
      schoolId: (await buildSchool(t.ctx, { districtId })).id,
    });
    const otherToken = await tokenFor(t.app, other.username);
    expect(
      (await request(t.app).get(`/api/documents/${id}`).set('Authorization', `Bearer ${otherToken}`)).status,
    ).toBe(404);
    expect(
      (await request(t.app).get(`/api/documents/${id}/file`).set('Authorization', `Bearer ${otherToken}`))
        .status,
    ).toBe(404);
    const reg = await buildUser(t.ctx, 'regulator', { districtId });
    const regToken = await tokenFor(t.app, reg.username);
    expect(
      (await request(t.app).get(`/api/documents/${id}`).set('Authorization', `Bearer ${regToken}`)).status,
    ).toBe(403);
    expect((await upload(t.app, regToken, [{ data: corpusFile('doc-054.pdf'), name: 'x.pdf' }])).status).toBe(
      403,
    );
    const bureau = await buildUser(t.ctx, 'bureau', { districtId });
    const bureauToken = await tokenFor(t.app, bureau.username);
    expect(
      (await request(t.app).get(`/api/documents/${id}`).set('Authorization', `Bearer ${bureauToken}`)).status,
    ).toBe(200);
    const list = await request(t.app).get('/api/documents').set('Authorization', `Bearer ${otherToken}`);
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  test('When the original and a page image are requested, then the bytes and a JPEG come back', async () => {
    const data = corpusFile('doc-009.pdf');
    const res = await upload(t.app, staff, [{ data, name: '报告 9.pdf' }]);
    const id = res.body.documents[0].id as string;
    const file = await request(t.app)
      .get(`/api/documents/${id}/file`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/application\/pdf/);
    expect(Buffer.compare(file.body as Buffer, data)).toBe(0);
    const img = await request(t.app)
      .get(`/api/documents/${id}/pages/1/image`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((img.body as Buffer).subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(
      (await request(t.app).get(`/api/documents/${id}/pages/9/image`).set('Authorization', `Bearer ${staff}`))
        .status,
    ).toBe(404);
  });
});
