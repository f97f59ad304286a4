/**
 * Clean errors: what used to be a 500 is a 4xx with a stable code and a Chinese message, and changes
 * nothing — duplicates (409 naming what exists), database errors unwrapped from the ORM, NUL and
 * control characters, malformed multipart, deeply nested JSON, pages and paths that do not exist.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { districts, schools } from '../../models/schema';
import { toAppError } from '../../server/middleware/error-handler';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';

const CHINESE = /[\u4e00-\u9fff]/;

describe(`clean errors (${testDriver()})`, () => {
  let t: TestApp;
  let admin: string;
  const count = async (table: string) =>
    Number(
      (await t.ctx.database.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t.app, (await buildUser(t.ctx, 'admin')).username);
  });
  afterAll(() => t.close());

  const asAdmin = (method: 'post' | 'get' | 'patch', url: string) =>
    request(t.app)[method](url).set('Authorization', `Bearer ${admin}`);

  describe('duplicates are 409 with a Chinese message naming what exists', () => {
    test('When an admin creates a user whose name is taken, then 409 CONFLICT 用户名已存在 and no second user', async () => {
      const taken = await buildUser(t.ctx, 'admin');
      const before = await count('users');
      const res = await asAdmin('post', '/api/users').send({
        username: taken.username,
        displayName: '重名',
        password: 'Another-pass1',
        role: 'admin',
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('用户名已存在') });
      expect(await count('users')).toBe(before);
    });

    test('When an admin creates a district whose code is taken, then 409 区县代码已存在', async () => {
      const d = await buildDistrict(t.ctx);
      const res = await asAdmin('post', '/api/districts').send({
        code: d.code,
        name: '另一区',
        bureauName: '另一区教育局',
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('区县代码已存在'),
      });
    });

    test('When an admin creates a school whose name exists in the district, then 409 该区县已有同名学校', async () => {
      const d = await buildDistrict(t.ctx);
      const body = { districtId: d.id, name: '重名小学', kind: 'primary' };
      expect((await asAdmin('post', '/api/schools').send(body)).status).toBe(201);
      const res = await asAdmin('post', '/api/schools').send(body);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('该区县已有同名学校');
    });
  });

  describe('database errors arrive wrapped by the ORM and are unwrapped', () => {
    const caught = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        return e;
      }
      throw new Error('expected the statement to fail');
    };

    test('A row pointing at a missing row is 404 naming it; a row still referenced is 409', async () => {
      const missing = await caught(
        t.ctx.db.insert(schools).values({ districtId: randomUUID(), name: '孤儿学校', kind: 'primary' }),
      );
      expect(toAppError(missing)).toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
        userMessage: '未找到引用的区县',
      });
      const d = await buildDistrict(t.ctx);
      await t.ctx.db.insert(schools).values({ districtId: d.id, name: '在用学校', kind: 'primary' });
      const referenced = await caught(t.ctx.db.delete(districts).where(eq(districts.id, d.id)));
      expect(toAppError(referenced)).toMatchObject({ code: 'CONFLICT', status: 409 });
    });

    test('Text the database cannot take (NUL, a non-number) is 400, not 500', async () => {
      const nul = await caught(
        t.ctx.db.insert(districts).values({ code: 'x\u0000', name: 'n', bureauName: 'b' }),
      );
      expect(toAppError(nul)).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      const text = await caught(t.ctx.database.query('select $1::int', ['abc']));
      expect(toAppError(text)).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    });
  });

  describe('control characters are refused at validation', () => {
    test('When the unauthenticated login carries a NUL, then 400 naming the field, nothing written', async () => {
      const sessions = await count('sessions');
      const res = await request(t.app)
        .post('/api/auth/login')
        .send({ username: 'admin\u0000', password: 'x' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('用户名'),
      });
      expect(await count('sessions')).toBe(sessions);
    });

    test.each([
      ['NUL', 'a\u0000b'],
      ['ESC', '\u001b[31m红色'],
      ['C1', 'a\u0085b'],
      ['lone surrogate', 'a\ud800b'],
    ])('When a district name carries %s, then 400 and no district', async (_kind, name) => {
      const before = await count('districts');
      const res = await asAdmin('post', '/api/districts').send({
        code: `c${Date.now()}`,
        name,
        bureauName: '局',
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('名称');
      expect(res.body.message).toContain('控制字符');
      expect(await count('districts')).toBe(before);
    });

    test('When a NUL hides in an object key or a query string, then 400 as well', async () => {
      const d = await buildDistrict(t.ctx);
      const key = await request(t.app)
        .put(`/api/districts/${d.id}/policy`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ policy: { 'a\u0000': true } });
      expect(key.status).toBe(400);
      const query = await asAdmin('get', '/api/schools?districtId=%00');
      expect(query.status).toBe(400);
      expect(query.body.code).toBe('VALIDATION_FAILED');
    });

    test('Tabs and line breaks in ordinary text stay allowed', async () => {
      const res = await asAdmin('post', '/api/districts').send({
        code: `t${Date.now()}`,
        name: '换行\n区',
        bureauName: '局\t名',
      });
      expect(res.status).toBe(201);
    });
  });

  describe('bodies that cannot be read are 400', () => {
    test('When a JSON body is nested 100,000 deep, then 400 BAD_REQUEST and the server answers on', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const res = await asAdmin('post', '/api/districts').set('Content-Type', 'application/json').send(deep);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(CHINESE) });
      expect((await request(t.app).get('/healthz')).status).toBe(200);
    });

    test('When an object is nested 40 deep, then 400; brackets inside strings do not count', async () => {
      const d = await buildDistrict(t.ctx);
      let nested: unknown = 1;
      for (let i = 0; i < 40; i++) nested = { a: nested };
      const deep = await request(t.app)
        .put(`/api/districts/${d.id}/policy`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ policy: nested });
      expect(deep.status).toBe(400);
      const brackets = await asAdmin('post', '/api/districts').send({
        code: `b${Date.now()}`,
        name: '['.repeat(60),
        bureauName: '{'.repeat(60),
      });
      expect(brackets.status).toBe(201);
    });

    test.each([
      ['no boundary', 'multipart/form-data', 'garbage'],
      [
        'truncated part',
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF',
      ],
      [
        'bad part header',
        'multipart/form-data; boundary=XX',
        '--XX\r\nno-header-here\r\n\r\nx\r\n--XX--\r\n',
      ],
    ])('When an upload is malformed multipart (%s), then 400 and no document', async (_k, type, body) => {
      const staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
      const before = await count('documents');
      const res = await request(t.app)
        .post('/api/documents')
        .set('Authorization', `Bearer ${staff}`)
        .set('Content-Type', type)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(CHINESE);
      expect(await count('documents')).toBe(before);
    });
  });

  describe('paths that do not exist', () => {
    test('When a browser opens a page path that does not exist, then a Chinese 404 page', async () => {
      const res = await request(t.app)
        .get('/no/such/page')
        .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/html/);
      expect(res.text).toContain('页面不存在');
      expect(res.text).not.toMatch(/Cannot GET/);
    });

    test.each([
      ['get', '/no/such/file.json'],
      ['post', '/no/such/page'],
      ['delete', '/'],
      ['get', '/api/no-such-api'],
    ] as const)('When a program calls %s %s, then 404 NOT_FOUND as JSON in Chinese', async (method, url) => {
      const res = await request(t.app)[method](url).set('Accept', 'application/json');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(CHINESE) });
    });

    test('When a path is not valid percent-encoding, then 400 not 500', async () => {
      const res = await asAdmin('get', '/api/districts/%E0%A4%A');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(CHINESE);
    });
  });
});
