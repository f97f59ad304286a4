/**
 * Bad input on every endpoint: malformed ids, missing or mistyped bodies and non-object bodies
 * are answered 400 with a stable code and a Chinese message — and nothing is written.
 */
import request from 'supertest';
import { allRoutes } from '../../server/routes';
import type { AnyRoute } from '../../server/http/route';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { loadCases } from '../tenancy/cases';
import { buildTenancyFixture, ROLES, type TenancyFixture } from '../tenancy/fixture';

const cases = new Map(loadCases().map((c) => [c.route, c]));
const key = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.ctx.database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    const c = await t.ctx.database.query<{ n: string }>(`select count(*)::text as n from "${r.table_name}"`);
    out[r.table_name] = Number(c.rows[0]!.n);
  }
  // Reading with a token updates its last-used time only; sessions/audit of logins are not "writes" of the request.
  return out;
}

describe(`bad input on every endpoint (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  const routes = allRoutes().filter((r) => r.access === 'user' && (r.params || r.body || r.query));

  test.each(routes.map((r) => [key(r), r] as const))('%s', async (_k, r) => {
    const c = cases.get(key(r));
    const role = ROLES.find((ro) => (c?.allow[ro] ?? []).length > 0) ?? 'admin';
    const token = f.tokens[role];
    const base = r.path.replace(/:([A-Za-z0-9_]+)/g, 'not-a-valid-id');
    const attempts: Array<{ url: string; body?: unknown; raw?: string }> = [];
    if (r.params) attempts.push({ url: base, body: {} });
    if (r.body && !r.multipart) {
      const good = c ? await c.request(f, 'own', role) : undefined;
      const url = good?.url ?? base;
      attempts.push(
        { url, body: { unexpected: [1, 2, 3] } },
        { url, raw: '[1,2]' },
        { url, raw: '{"broken json' },
      );
    }
    if (r.query) {
      const good = c ? await c.request(f, 'own', role) : undefined;
      const url = (good?.url ?? base).split('?')[0]!;
      attempts.push({
        url: `${url}?${Object.keys((r.query as unknown as { shape?: object }).shape ?? { x: 1 })
          .map((k) => `${k}=%00%ZZ-not-valid`)
          .join('&')}`,
      });
    }
    for (const a of attempts) {
      const before = await rowCounts(t);
      let req = request(t.app)[r.method](a.url).set('Authorization', `Bearer ${token}`);
      if (a.raw !== undefined) req = req.set('Content-Type', 'application/json').send(a.raw);
      else if (a.body !== undefined && r.method !== 'get') req = req.send(a.body as object);
      const res = await req;
      // A query string with only optional filters may legitimately be accepted; anything else must be 400.
      if (res.status < 300 && a.url.includes('?')) continue;
      expect({ attempt: a, status: res.status }).toEqual({ attempt: a, status: 400 });
      expect(res.body.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      const after = await rowCounts(t);
      delete before.api_tokens;
      delete after.api_tokens;
      expect(after).toEqual(before);
    }
  });
});
