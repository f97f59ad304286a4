/**
 * Review that can be finished: a required item missing from what was read is a review flag (never
 * 已识别 silently); a person adds the row back or confirms its absence with 核对完成 (recorded);
 * rows are added and deleted as corrections with who/when; the history speaks Chinese.
 */
import request from 'supertest';
import { and, eq } from 'drizzle-orm';
import { auditLog, documents } from '../../models/schema';
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

interface Item {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: string | null;
}

describe(`finishing a review (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let docId: string;
  let cord: Item;
  let cordIndex: number;

  const api = () => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${staff}`),
    patch: (url: string, body: object) =>
      request(t.app).patch(url).set('Authorization', `Bearer ${staff}`).send(body),
    post: (url: string) => request(t.app).post(url).set('Authorization', `Bearer ${staff}`),
  });

  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    const district = await buildDistrict(t.ctx);
    const school = await buildSchool(t.ctx, { districtId: district.id, kind: 'primary' });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff', { schoolId: school.id })).username);
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-016.pdf'), name: 'r.pdf' }]);
    docId = res.body.documents[0].id;
    const doc = await waitForDocument(t.app, staff, docId);
    const items = doc.effective.items as Item[];
    cordIndex = items.findIndex((i) => i.name === '绳带要求');
    expect(cordIndex).toBeGreaterThanOrEqual(0);
    cord = items[cordIndex]!;
  });
  afterAll(() => t.close());

  test('When a required item is missing from what was read, then the document waits for review with a flag naming it', async () => {
    const res = await api().patch(`/api/documents/${docId}/fields`, [
      { path: `items.${cordIndex}`, value: null },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('needs_review');
    expect(res.body.statusLabel).toBe('待人工核对');
    expect(res.body.reviewFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'items',
          reason: 'required_item_missing',
          message: expect.stringContaining('绳带要求'),
        }),
      ]),
    );
  });

  test('When staff add the row back, then the flag is gone and the history shows the row in Chinese', async () => {
    const before = (await api().get(`/api/documents/${docId}`)).body;
    const n = before.effective.items.length as number;
    const res = await api().patch(`/api/documents/${docId}/fields`, [{ path: `items.${n}`, value: cord }]);
    expect(res.status).toBe(200);
    expect(res.body.reviewFields.map((f: { reason: string }) => f.reason)).not.toContain(
      'required_item_missing',
    );
    const history = (await api().get(`/api/documents/${docId}/corrections`)).body;
    expect(history.map((c: { action: string }) => c.action)).toEqual(['delete_row', 'add_row']);
    expect(history[1]).toMatchObject({
      label: `检验项目第 ${n + 1} 行`,
      beforeText: '（空）',
      afterText: expect.stringContaining('项目名称 绳带要求'),
      userName: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(history[0].afterText).toBe('（空）');
  });

  test('When staff change a verdict, then the history names the cell and the values in Chinese', async () => {
    const res = await api().patch(`/api/documents/${docId}/fields`, [
      { path: 'items.0.verdict', value: 'fail' },
      { path: 'inspectionType', value: 'sampling' },
    ]);
    expect(res.status).toBe(200);
    const history = (await api().get(`/api/documents/${docId}/corrections`)).body as {
      path: string;
      label: string;
      beforeText: string;
      afterText: string;
    }[];
    expect(history.find((c) => c.path === 'items.0.verdict')).toMatchObject({
      label: '检验项目第 1 行 单项判定',
      beforeText: '合格',
      afterText: '不合格',
    });
    expect(history.find((c) => c.path === 'inspectionType')).toMatchObject({
      label: '检验类别',
      beforeText: '委托检验',
      afterText: '抽样检验',
    });
  });

  test('When staff confirm the absence with 核对完成, then the document leaves review, who/when is recorded, and the flag does not return', async () => {
    // the row was added back at the end: find it again
    const items = (await api().get(`/api/documents/${docId}`)).body.effective.items as { name: string }[];
    const at = items.findIndex((i) => i.name === '绳带要求');
    expect(at).toBeGreaterThanOrEqual(0);
    const del = await api().patch(`/api/documents/${docId}/fields`, [{ path: `items.${at}`, value: null }]);
    expect(del.body.status).toBe('needs_review');
    const done = await api().post(`/api/documents/${docId}/review-complete`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'parsed',
      statusLabel: '已识别',
      reviewFields: [],
      reviewed: { userName: expect.any(String), at: expect.any(String) },
    });
    // Another correction recomputes the flags: the confirmed ones stay confirmed.
    const again = await api().patch(`/api/documents/${docId}/fields`, [
      { path: 'sample.trademark', value: '锦程牌' },
    ]);
    expect(again.body.status).toBe('parsed');
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, docId), eq(auditLog.action, 'document.review.complete')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ confirmed: expect.arrayContaining(['items']) });
  });

  test('When a document is still being read, then 核对完成 is refused with a Chinese message and nothing changes', async () => {
    await t.ctx.db.update(documents).set({ status: 'processing' }).where(eq(documents.id, docId));
    const early = await api().post(`/api/documents/${docId}/review-complete`);
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未识别完成');
    const [row] = await t.ctx.db.select().from(documents).where(eq(documents.id, docId));
    expect(row!.status).toBe('processing');
    await t.ctx.db.update(documents).set({ status: 'parsed' }).where(eq(documents.id, docId));
  });
});
