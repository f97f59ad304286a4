/**
 * Read pages served from memory (server/http/read-cache.ts): a repeated read is the same body (and
 * 304 with its ETag), any committed write is visible on the very next read, and a cached entry is
 * still authorised per request (another district's bureau gets 404 while the entry is hot).
 */
import request from 'supertest';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract, buildFinding, buildReport, linkReport } from '../helpers/district-builders';
import { documents } from '../../models/schema';
import { eq } from 'drizzle-orm';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe(`read cache (${testDriver()})`, () => {
  test('overview, school, document and supplier pages: cached until a write commits; authorised per request', async () => {
    const district = await buildDistrict(t.ctx);
    const other = await buildDistrict(t.ctx);
    const { lines, contract } = await buildContract(t.ctx, { districtId: district.id });
    const bureau = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username,
    );
    const outsider = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'bureau', { districtId: other.id })).username,
    );
    const { document } = await buildReport(t.ctx, { schoolId: contract.schoolId });
    const get = (url: string, token = bureau, etag?: string) => {
      const r = request(t.app).get(url).set('Authorization', `Bearer ${token}`);
      return etag ? r.set('If-None-Match', etag) : r;
    };
    const pages = [
      '/api/compliance/schools',
      `/api/compliance/schools/${contract.schoolId}`,
      `/api/documents/${document.id}`,
      '/api/suppliers',
    ];

    const first = await Promise.all(pages.map((p) => get(p)));
    for (const r of first) expect(r.status).toBe(200);
    const overview = first[0]!.body as { totals: { openFindings: number; lines: number } };
    expect(overview.totals.openFindings).toBe(0);

    // unchanged database: same body, and 304 for the client that has it
    for (const [i, p] of pages.entries()) {
      const again = await get(p);
      expect(again.body).toEqual(first[i]!.body);
      expect(again.headers.etag).toBe(first[i]!.headers.etag);
      expect((await get(p, bureau, first[i]!.headers.etag as string)).status).toBe(304);
    }
    // the hot entries are still authorised per request
    for (const p of [
      `/api/compliance/schools?districtId=${district.id}`,
      `/api/compliance/schools/${contract.schoolId}`,
      `/api/documents/${document.id}`,
      `/api/suppliers?districtId=${district.id}`,
    ]) {
      const r = await get(p, outsider);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('NOT_FOUND');
    }

    // writes made straight in the database (as a worker process would) are seen on the next read
    await buildFinding(t.ctx, { lineId: lines[0]!.id, code: 'ITEM_FAILED' });
    const afterFinding = await get(pages[0]!);
    expect(afterFinding.body.totals.openFindings).toBe(1);
    expect(afterFinding.headers.etag).not.toBe(first[0]!.headers.etag);
    const school = await get(pages[1]!);
    expect(school.body.contracts[0].lines[0].findings.map((f: { code: string }) => f.code)).toEqual([
      'ITEM_FAILED',
    ]);
    const suppliers = await get(pages[3]!);
    expect(JSON.stringify(suppliers.body)).toContain('ITEM_FAILED');

    await linkReport(t.ctx, lines[0]!.id, document.id);
    await t.ctx.db
      .update(documents)
      .set({ originalName: '更名后的报告.pdf' })
      .where(eq(documents.id, document.id));
    const doc = await get(pages[2]!);
    expect(JSON.stringify(doc.body)).toContain('更名后的报告.pdf');
    expect(doc.headers.etag).not.toBe(first[2]!.headers.etag);
    expect((await get(pages[1]!)).body.contracts[0].lines[0].reportCount).toBe(1);
  });

  test('the user behind a token is reused while nothing changes: last use written once a minute, a revocation seen at once', async () => {
    const user = await buildUser(t.ctx, 'bureau');
    const token = await tokenFor(t.app, user.username);
    const me = () => request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    const lastUsed = async () =>
      (
        await t.ctx.database.query<{ at: string | null }>(
          `select last_used_at::text as at from api_tokens where user_id = $1`,
          [user.id],
        )
      ).rows[0]!.at;
    expect((await me()).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) expect((await me()).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    // a minute and more later (as if): the next request records the use again
    await t.ctx.database.query(
      `update api_tokens set last_used_at = last_used_at - interval '2 minutes' where user_id = $1`,
      [user.id],
    );
    const backdated = await lastUsed();
    expect((await me()).status).toBe(200);
    expect(await lastUsed()).not.toBe(backdated);

    const list = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${token}`);
    const id = (list.body as Array<{ id: string }>)[0]!.id;
    expect(
      (await request(t.app).delete(`/api/tokens/${id}`).set('Authorization', `Bearer ${token}`)).status,
    ).toBe(204);
    const after = await me();
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });
});
