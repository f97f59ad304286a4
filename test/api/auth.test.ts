import request from 'supertest';
import { buildUser, loginAs, startTestApp, TEST_PASSWORD, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';

describe(`accounts and sessions (${testDriver()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('When a user logs in with the right password, then the session cookie is HttpOnly and /me answers', async () => {
    const u = await buildUser(t.ctx, 'bureau');
    const res = await request(t.app)
      .post('/api/auth/login')
      .send({ username: u.username, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/dsv_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(res.body.user).toMatchObject({ username: u.username, role: 'bureau', roleLabel: '教育行政部门' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await request(t.app).get('/api/auth/me').set('Cookie', cookie.split(';')[0]!);
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(u.id);
  });

  test('When the password is wrong, then 401 INVALID_CREDENTIALS in Chinese, and after 5 failures the account locks', async () => {
    const u = await buildUser(t.ctx, 'regulator');
    for (let i = 0; i < 4; i++) {
      const r = await request(t.app)
        .post('/api/auth/login')
        .send({ username: u.username, password: 'wrong-pass1' });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('INVALID_CREDENTIALS');
      expect(r.body.message).toMatch(/用户名或密码错误/);
    }
    const fifth = await request(t.app)
      .post('/api/auth/login')
      .send({ username: u.username, password: 'wrong-pass1' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const right = await request(t.app)
      .post('/api/auth/login')
      .send({ username: u.username, password: TEST_PASSWORD });
    expect(right.status).toBe(423);
  });

  test('When an unknown user logs in, then the answer is the same as a wrong password', async () => {
    const r = await request(t.app).post('/api/auth/login').send({ username: 'nobody-here', password: 'x' });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_CREDENTIALS');
  });

  test('When a cookie session changes state without the CSRF header, then 403 CSRF_FAILED and nothing is written', async () => {
    const u = await buildUser(t.ctx, 'bureau');
    const { agent, csrf } = await loginAs(t.app, u.username);
    const bad = await agent.post('/api/tokens').send({ name: 'x' });
    expect(bad.status).toBe(403);
    expect(bad.body.code).toBe('CSRF_FAILED');
    const list = await agent.get('/api/tokens');
    expect(list.body).toEqual([]);
    const good = await agent.post('/api/tokens').set('x-csrf-token', csrf).send({ name: 'x' });
    expect(good.status).toBe(201);
  });

  test('When a script uses a personal API token, then it is authenticated without CSRF; once revoked, 401', async () => {
    const u = await buildUser(t.ctx, 'bureau');
    const token = await tokenFor(t.app, u.username);
    const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(u.username);
    const tokens = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${token}`);
    expect(tokens.body).toHaveLength(1);
    const del = await request(t.app)
      .delete(`/api/tokens/${tokens.body[0].id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(del.status).toBe(204);
    const after = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
  });

  test('When logging out, then the session no longer works', async () => {
    const u = await buildUser(t.ctx, 'admin');
    const { agent, csrf } = await loginAs(t.app, u.username);
    expect((await agent.post('/api/auth/logout').set('x-csrf-token', csrf)).status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  test('Passwords are stored as scrypt hashes, never in plain text', async () => {
    const u = await buildUser(t.ctx, 'admin');
    const { rows } = await t.ctx.database.query<{ password_hash: string }>(
      'select password_hash from users where id = $1',
      [u.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]!.password_hash).not.toContain(TEST_PASSWORD);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  test('When one client tries to log in too often, then 429 RATE_LIMITED with a Chinese message', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (await request(t.app).post('/api/auth/login').send({ username: 'a', password: 'b' })).status,
      );
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    const r = await request(t.app).post('/api/auth/login').send({ username: 'a', password: 'b' });
    expect(r.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(r.body.message).toMatch(/频繁/);
  });
});
