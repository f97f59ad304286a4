/**
 * The tenancy matrix for this feature's routes only (test/tenancy/cases/district.cases.ts): every
 * route × role × own / same-district / other-district tenant, so `npm test -- test/district` checks
 * it too. The project-wide matrix (test/tenancy) runs the same cases with everyone else's.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { cases } from '../tenancy/cases/district.cases';
import type { TenancyRequest } from '../tenancy/cases';
import { buildTenancyFixture, ROLES, TARGETS, type TenancyFixture } from '../tenancy/fixture';

async function send(f: TenancyFixture, token: string | null, r: TenancyRequest) {
  let req = request(f.t.app)[r.method](r.url);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  return r.body !== undefined ? req.send(r.body as object) : req;
}

describe(`district tenancy matrix (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  describe.each(cases.map((c) => [c.route, c] as const))('%s', (_route, c) => {
    test('without credentials → 401', async () => {
      const res = await send(f, null, await c.request(f, 'own', 'admin'));
      expect(res.status).toBe(401);
    });
    const pairs = ROLES.flatMap((role) =>
      c.untenanted ? [[role, 'own'] as const] : TARGETS.map((tg) => [role, tg] as const),
    );
    test.each(pairs)('%s on %s tenant', async (role, target) => {
      const res = await send(f, f.tokens[role], await c.request(f, target, role));
      const allowed = (c.allow[role] ?? []).includes(target);
      if (allowed) {
        expect({ status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({
          status: res.status,
          body: 'ok',
        });
      } else {
        expect([403, 404]).toContain(res.status);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body.code);
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  });
});
