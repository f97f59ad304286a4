/**
 * The tenancy matrix: every API route × every role × own / same-district / other-district tenant.
 * Allowed pairs must succeed (2xx); every other pair must be refused (401/403/404) — and a route
 * without a case fails the suite, so new routes cannot skip the matrix.
 */
import request from 'supertest';
import { allRoutes } from '../../server/routes';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { loadCases, type TenancyRequest } from './cases';
import { buildTenancyFixture, ROLES, TARGETS, type TenancyFixture } from './fixture';

const cases = loadCases();

async function send(f: TenancyFixture, token: string | null, r: TenancyRequest) {
  let req = request(f.t.app)[r.method](r.url);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (r.files) {
    for (const file of r.files) req = req.attach(file.field, file.buffer, file.filename);
    if (r.body && typeof r.body === 'object') {
      for (const [k, v] of Object.entries(r.body)) req = req.field(k, String(v));
    }
    return req;
  }
  return r.body !== undefined ? req.send(r.body as object) : req;
}

describe(`tenancy matrix (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  test('every API route has a tenancy case', () => {
    const declared = allRoutes()
      .filter((r) => r.access === 'user')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const covered = new Set(cases.map((c) => c.route));
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((c) => !declared.includes(c))).toEqual([]);
  });

  describe.each(cases.map((c) => [c.route, c] as const))('%s', (_route, c) => {
    test('without credentials → 401', async () => {
      const res = await send(f, null, await c.request(f, 'own', 'admin'));
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    const pairs = ROLES.flatMap((role) =>
      c.untenanted ? [[role, 'own'] as const] : TARGETS.map((tg) => [role, tg] as const),
    );
    test.each(pairs)('%s on %s tenant', async (role, target) => {
      const token = c.token ? await c.token(f, role) : f.tokens[role];
      const res = await send(f, token, await c.request(f, target, role));
      const allowed = (c.allow[role] ?? []).includes(target);
      if (allowed) {
        expect({ status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({
          status: expect.any(Number) as number,
          body: 'ok',
        });
        expect(res.status).toBeLessThan(300);
      } else {
        expect([403, 404]).toContain(res.status);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body.code);
      }
    });
  });
});
