/**
 * A supplier list the regulator can trust: sending while documents are still read or await review is
 * refused until explicitly confirmed (the counts are in the preview and the refusal); the supplier
 * table shows the list's risk tier and marks suppliers that passed recent official sampling; the
 * regulator's supplier profile links nothing it may not open.
 */
import request from 'supertest';
import { eq, inArray } from 'drizzle-orm';
import { documents, samplingLists } from '../../models/schema';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildReport, seedDevDistrict, type DevDistrict } from '../helpers/district-builders';
import type { District } from '../../models/district.repository';

describe(`a supplier list the regulator can trust (${testDriver()})`, () => {
  let t: TestApp;
  let district: District;
  let dev: DevDistrict;
  let bureau: string;
  let regulator: string;
  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) =>
      request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp();
    district = await buildDistrict(t.ctx, { name: '江州市涪溪区', bureauName: '江州市涪溪区教育委员会' });
    dev = await seedDevDistrict(t.ctx, district.id);
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
  });
  afterAll(() => t.close());

  test('When documents are still read or await review, then the preview counts them and sending needs an explicit confirmation', async () => {
    const school = Object.values(dev.schools)[0]!;
    const reading = await buildReport(t.ctx, { schoolId: school.id });
    const line = [...dev.lines.values()][0]!;
    const lineDocs = await t.ctx.database.query<{ document_id: string }>(
      `select document_id from line_reports where line_id = '${line}'`,
    );
    await t.ctx.db
      .update(documents)
      .set({ status: 'processing' })
      .where(eq(documents.id, reading.document.id));
    await t.ctx.db
      .update(documents)
      .set({ status: 'needs_review' })
      .where(
        inArray(
          documents.id,
          lineDocs.rows.map((r) => r.document_id),
        ),
      );

    const preview = await as(bureau).get('/api/sampling-lists/preview');
    expect(preview.body.readiness).toEqual({
      documentsInProgress: 1,
      documentsAwaitingReview: lineDocs.rows.length,
      linesAwaitingReview: 1,
    });
    const refused = await as(bureau).post('/api/sampling-lists', {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SAMPLING_LIST_UNCONFIRMED');
    expect(refused.body.message).toContain('1 份文档正在识别');
    expect(await t.ctx.db.select().from(samplingLists)).toHaveLength(0);

    const sent = await as(bureau).post('/api/sampling-lists', { confirmUnfinished: true });
    expect(sent.status).toBe(201);
    expect(sent.body.version).toBe(1);

    // Everything read and reviewed: no confirmation needed.
    await t.ctx.db.update(documents).set({ status: 'parsed' });
    const ready = await as(bureau).get('/api/sampling-lists/preview');
    expect(ready.body.readiness).toEqual({
      documentsInProgress: 0,
      documentsAwaitingReview: 0,
      linesAwaitingReview: 0,
    });
    const again = await as(bureau).post('/api/sampling-lists', {});
    expect(again.status).toBe(200);
    expect(again.body.alreadySent).toBe(true);
  });

  test('When the regulator records sampling, then the supplier table shows the list’s risk tier and marks a supplier that passed', async () => {
    const failing = Object.values(dev.suppliers).find((s) => s.name === '江州优佳服装贸易有限公司')!;
    const passing = Object.values(dev.suppliers).find((s) => s.name === '江州市博雅学生服装有限公司')!;
    const today = new Date().toISOString().slice(0, 10);
    for (const r of [
      { supplierId: failing.id, sampledBatches: 2, failedBatches: 1, failingItems: ['甲醛含量'] },
      { supplierId: passing.id, sampledBatches: 3, failedBatches: 0 },
    ]) {
      const res = await as(regulator).post('/api/sampling-results', { ...r, sampledOn: today });
      expect(res.status).toBe(201);
    }
    const preview = (await as(bureau).get('/api/sampling-lists/preview')).body;
    const table = (await as(bureau).get('/api/suppliers')).body as {
      id: string;
      risk: string | null;
      recentSamplingPassed: boolean;
    }[];
    for (const e of preview.entries as { supplierId: string; risk: string }[]) {
      expect(table.find((s) => s.id === e.supplierId)?.risk).toBe(e.risk);
    }
    // The failed official batch puts 优佳 at the heaviest tier in both places.
    expect(table.find((s) => s.id === failing.id)?.risk).toBe('high');
    expect(table.find((s) => s.id === passing.id)?.recentSamplingPassed).toBe(true);
    expect(table.find((s) => s.id === failing.id)?.recentSamplingPassed).toBe(false);
  });

  test('When the regulator opens a supplier profile, then no finding links to a contract line it may not open', async () => {
    const supplier = Object.values(dev.suppliers).find((s) => s.name === '江州市博雅学生服装有限公司')!;
    const asRegulator = await as(regulator).get(`/api/suppliers/${supplier.id}`);
    expect(asRegulator.status).toBe(200);
    expect(asRegulator.body.findings.length).toBeGreaterThan(0);
    expect(asRegulator.body.findings.every((f: { lineId: string | null }) => f.lineId === null)).toBe(true);
    const asBureau = await as(bureau).get(`/api/suppliers/${supplier.id}`);
    expect(asBureau.body.findings.every((f: { lineId: string | null }) => typeof f.lineId === 'string')).toBe(
      true,
    );
    // And the regulator is indeed refused the line itself.
    const line = await as(regulator).get(`/api/compliance/lines/${asBureau.body.findings[0].lineId}`);
    expect([403, 404]).toContain(line.status);
  });
});
