/** List endpoints return only the rows of the caller's tenancy. */
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildTenancyFixture, type TenancyFixture } from '../tenancy/fixture';

describe(`list scoping (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  const get = (role: keyof TenancyFixture['tokens'], url: string) =>
    request(t.app).get(url).set('Authorization', `Bearer ${f.tokens[role]}`);

  test('school staff list only their own school', async () => {
    const res = await get('school_staff', '/api/schools');
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([f.schools.own.id]);
  });

  test('bureau and regulator list only the schools and districts of their district', async () => {
    for (const role of ['bureau', 'regulator'] as const) {
      const schools = await get(role, '/api/schools');
      expect(new Set(schools.body.map((s: { districtId: string }) => s.districtId))).toEqual(
        new Set([f.districtA.id]),
      );
      expect(schools.body).toHaveLength(2);
      const districts = await get(role, '/api/districts');
      expect(districts.body.map((d: { id: string }) => d.id)).toEqual([f.districtA.id]);
    }
  });

  test('the bureau lists only users of its district; admin sees all', async () => {
    const bureau = await get('bureau', '/api/users');
    const names = bureau.body.map((u: { username: string }) => u.username);
    expect(names).toEqual(
      expect.arrayContaining([f.usernames.school_staff, f.usernames.bureau, f.usernames.regulator]),
    );
    expect(names).not.toContain(f.usernames.admin);
    expect(bureau.body.every((u: { districtId: string }) => u.districtId === f.districtA.id)).toBe(true);
    const admin = await get('admin', '/api/users');
    expect(admin.body.length).toBeGreaterThan(bureau.body.length);
  });

  test('the OpenAPI document is generated from the routes and lists every one of them', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const { allRoutes } = await import('../../server/routes');
    for (const r of allRoutes()) {
      const p = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(res.body.paths[p]?.[r.method]).toBeDefined();
    }
    expect(
      res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties
        .username,
    ).toBeDefined();
  });

  test('unknown API paths answer 404 NOT_FOUND in the error shape', async () => {
    const res = await request(t.app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' });
    expect(res.headers['x-request-id']).toBeDefined();
  });
});
