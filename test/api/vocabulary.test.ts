/**
 * One vocabulary: the pages read every coded value's Chinese name from GET /api/vocabulary, and the
 * API's own labels (roles, school kinds, document statuses) are the same words.
 */
import request from 'supertest';
import { FINDING_CODES, CATEGORIES, SEVERITIES } from '../../server/verify/registry/registry.schema';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildTenancyFixture, type TenancyFixture } from '../tenancy/fixture';

const CJK = /[\u4e00-\u9fff]/;

describe(`the vocabulary (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  test('When a page loads without signing in, then every finding code, category and risk tier has a Chinese name', async () => {
    const res = await request(t.app).get('/api/vocabulary');
    expect(res.status).toBe(200);
    for (const code of FINDING_CODES) expect(res.body.findings[code]).toMatch(CJK);
    for (const c of CATEGORIES) expect(res.body.categories[c]).toMatch(CJK);
    for (const s of SEVERITIES) {
      expect(res.body.severities[s]).toMatchObject({ label: expect.stringMatching(CJK) });
    }
    for (const s of ['queued', 'processing', 'parsed', 'needs_review', 'failed']) {
      expect(res.body.documentStatuses[s].label).toMatch(CJK);
    }
  });

  test('When the API labels a user and a school, then it uses the vocabulary’s words', async () => {
    const vocab = (await request(t.app).get('/api/vocabulary')).body;
    const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${f.tokens.bureau}`);
    expect(me.body.user.roleLabel).toBe(vocab.roles.bureau);
    const schools = await request(t.app)
      .get('/api/schools')
      .set('Authorization', `Bearer ${f.tokens.bureau}`);
    for (const s of schools.body as { kind: string; kindLabel: string }[]) {
      expect(s.kindLabel).toBe(vocab.schoolKinds[s.kind]);
    }
  });
});
