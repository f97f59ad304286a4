/**
 * Accounts that hold: a password change or an administrator's reset ends every session and token of
 * the user; a reset forces a change at the next login; failed logins are counted atomically in the
 * database per name and per address, count failures only and decay instead of re-locking; unknown
 * names get the same answers as wrong passwords.
 */
import request from 'supertest';
import { createApp } from '../../server/app';
import { buildUser, loginAs, startTestApp, TEST_PASSWORD, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';

const NEW_PASSWORD = 'Brand-new-pass2';

describe(`accounts that hold (${testDriver()})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
    admin = await tokenFor(t.app, (await buildUser(t.ctx, 'admin')).username);
  });
  afterAll(() => t.close());

  const me = (agent: ReturnType<typeof request.agent>) => agent.get('/api/auth/me');
  const bearerMe = (token: string) =>
    request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const tryLogin = (username: string, password: string, app = t.app) =>
    request(app).post('/api/auth/login').send({ username, password });
  const audit = async (action: string, id: string) =>
    (
      await t.ctx.database.query<{ details: Record<string, number> }>(
        'select details from audit_log where action = $1 and resource_id = $2',
        [action, id],
      )
    ).rows;

  describe('changing one’s own password', () => {
    test('When a user changes their password, then every other session and token ends, this browser stays signed in, the old password no longer works', async () => {
      const u = await buildUser(t.ctx, 'bureau');
      const here = await loginAs(t.app, u.username);
      const elsewhere = await loginAs(t.app, u.username);
      const token = await tokenFor(t.app, u.username);

      const res = await here.agent
        .post('/api/auth/password')
        .set('x-csrf-token', here.csrf)
        .send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: u.id, mustChangePassword: false });
      expect(res.body.csrfToken).not.toBe(here.csrf);

      expect((await me(here.agent)).status).toBe(200);
      expect((await me(elsewhere.agent)).status).toBe(401);
      expect((await bearerMe(token)).status).toBe(401);
      // The new session's CSRF token is the one that works now.
      const write = await here.agent
        .post('/api/tokens')
        .set('x-csrf-token', res.body.csrfToken)
        .send({ name: 'n' });
      expect(write.status).toBe(201);
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(401);
      expect((await tryLogin(u.username, NEW_PASSWORD)).status).toBe(200);
      // Two browser sessions here, one more opened by tokenFor to create the token.
      expect(await audit('user.password.change', u.id)).toEqual([
        { details: { sessionsEnded: 3, tokensRevoked: 1 } },
      ]);
    });

    test('When the current password is wrong or the new one is weak or unchanged, then 4xx in Chinese and nothing changes', async () => {
      const u = await buildUser(t.ctx, 'regulator');
      const { agent, csrf } = await loginAs(t.app, u.username);
      const change = (body: object) => agent.post('/api/auth/password').set('x-csrf-token', csrf).send(body);
      const wrong = await change({ currentPassword: 'not-mine-1', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '当前密码不正确' });
      const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.message).toMatch(/至少 8 位/);
      const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
      expect(same.status).toBe(400);
      expect(same.body.message).toMatch(/不能与当前密码相同/);
      expect((await me(agent)).status).toBe(200);
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(200);
    });
  });

  describe('an administrator’s reset', () => {
    test('When an admin resets a password, then the user’s sessions and tokens end and the next login must change it before anything else', async () => {
      const u = await buildUser(t.ctx, 'school_staff');
      const session = await loginAs(t.app, u.username);
      const token = await tokenFor(t.app, u.username);

      const reset = await request(t.app)
        .patch(`/api/users/${u.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ password: 'Temporary-pass3' });
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ id: u.id, mustChangePassword: true });
      expect((await me(session.agent)).status).toBe(401);
      expect((await bearerMe(token)).status).toBe(401);
      expect(await audit('user.password.reset', u.id)).toEqual([
        { details: { sessionsEnded: 2, tokensRevoked: 1 } },
      ]);

      const next = await loginAs(t.app, u.username, 'Temporary-pass3');
      expect(next.user).toMatchObject({ mustChangePassword: true });
      expect((await me(next.agent)).body.user.mustChangePassword).toBe(true);
      const blocked = await next.agent.get('/api/documents');
      expect(blocked.status).toBe(403);
      expect(blocked.body).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: expect.stringContaining('新密码'),
      });
      const upload = await next.agent
        .post('/api/documents')
        .set('x-csrf-token', next.csrf)
        .attach('files', Buffer.from('%PDF-1.4'), 'a.pdf');
      expect(upload.status).toBe(403);

      const changed = await next.agent
        .post('/api/auth/password')
        .set('x-csrf-token', next.csrf)
        .send({ currentPassword: 'Temporary-pass3', newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      expect((await next.agent.get('/api/documents')).status).toBe(200);
    });

    test('When the reset password is weak, then 400 and the old sessions keep working', async () => {
      const u = await buildUser(t.ctx, 'bureau');
      const session = await loginAs(t.app, u.username);
      const reset = await request(t.app)
        .patch(`/api/users/${u.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ password: 'abc' });
      expect(reset.status).toBe(400);
      expect((await me(session.agent)).status).toBe(200);
    });
  });

  describe('failed logins', () => {
    test('When 30 wrong passwords arrive at once, then only 5 are checked, and the right password right after is refused', async () => {
      const u = await buildUser(t.ctx, 'bureau');
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => tryLogin(u.username, 'wrong-pass-9')),
      );
      const checked = answers.filter((r) => r.status === 401 || /请稍后再试$/.test(r.body.message as string));
      expect(answers.filter((r) => r.status === 401)).toHaveLength(4);
      expect(checked).toHaveLength(5);
      expect(answers.filter((r) => r.status === 423)).toHaveLength(26);
      const right = await tryLogin(u.username, TEST_PASSWORD);
      expect(right.status).toBe(423);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
    });

    test('When two app instances share the database, then they share the count', async () => {
      const other = createApp(t.ctx);
      const u = await buildUser(t.ctx, 'bureau');
      for (let i = 0; i < 5; i++) await tryLogin(u.username, 'wrong-pass-9', i % 2 ? other : t.app);
      expect((await tryLogin(u.username, TEST_PASSWORD, other)).status).toBe(423);
      expect((await tryLogin(u.username, TEST_PASSWORD, t.app)).status).toBe(423);
    });

    test('When a lock has decayed, then one wrong password does not lock the account for long, and failures fade one by one', async () => {
      const u = await buildUser(t.ctx, 'regulator');
      for (let i = 0; i < 5; i++) await tryLogin(u.username, 'wrong-pass-9');
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(423);
      // 15 minutes later every failure is forgotten: one wrong attempt leaves 4 more.
      const key = `user:${u.username.toLowerCase()}`;
      await t.ctx.database.query(
        "update login_throttles set updated_at = updated_at - interval '15 minutes' where key = $1",
        [key],
      );
      const one = await tryLogin(u.username, 'wrong-pass-9');
      expect(one.status).toBe(401);
      expect(one.body.message).toContain('还可尝试 4 次');
      // Three minutes after a full lock, one failure has faded: one attempt is allowed again.
      for (let i = 0; i < 4; i++) await tryLogin(u.username, 'wrong-pass-9');
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(423);
      await t.ctx.database.query(
        "update login_throttles set updated_at = updated_at - interval '3 minutes 1 second' where key = $1",
        [key],
      );
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(200);
    });

    test('When a user logs in successfully, then earlier failures of the name are forgotten', async () => {
      const u = await buildUser(t.ctx, 'bureau');
      for (let i = 0; i < 4; i++) await tryLogin(u.username, 'wrong-pass-9');
      expect((await tryLogin(u.username, TEST_PASSWORD)).status).toBe(200);
      const again = await tryLogin(u.username, 'wrong-pass-9');
      expect(again.body.message).toContain('还可尝试 4 次');
    });

    test('When an unknown name is tried, then every answer is the same as for a real name with a wrong password', async () => {
      const real = await buildUser(t.ctx, 'bureau');
      const fake = `${real.username}-nobody`;
      const seen = { real: [] as string[], fake: [] as string[] };
      for (let i = 0; i < 7; i++) {
        for (const [who, name] of [
          ['real', real.username],
          ['fake', fake],
        ] as const) {
          const r = await tryLogin(name, 'wrong-pass-9');
          seen[who].push(`${r.status} ${r.body.code as string} ${r.body.message as string}`);
        }
      }
      expect(seen.fake).toEqual(seen.real);
      expect(seen.real[0]).toBe('401 INVALID_CREDENTIALS 用户名或密码错误（还可尝试 4 次）');
      expect(seen.real[6]).toMatch(/^423 ACCOUNT_LOCKED/);
    });

    test('Unknown names and wrong passwords take similar time (both run one scrypt)', async () => {
      const real = await buildUser(t.ctx, 'bureau');
      const times = { real: [] as number[], fake: [] as number[] };
      for (let i = 0; i < 6; i++) {
        for (const [who, name] of [
          ['real', real.username],
          ['fake', `nobody-${i}-${real.username}`],
        ] as const) {
          const start = process.hrtime.bigint();
          await tryLogin(name, 'wrong-pass-9');
          times[who].push(Number(process.hrtime.bigint() - start) / 1e6);
          // Keep the real name below its lock (a locked answer skips the password check for both).
          if (who === 'real') await t.ctx.database.query('delete from login_throttles');
        }
      }
      // The fastest of each: what the check itself costs. Medians followed the machine's load (a CI
      // run on a busy host measured 2.51); skipping scrypt for unknown names would make the ratio ~0.1.
      const ratio = Math.min(...times.fake) / Math.min(...times.real);
      expect(ratio).toBeGreaterThan(0.4);
      expect(ratio).toBeLessThan(2.5);
    });
  });
});

describe(`login limit per address (${testDriver()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  test('When one address logs in successfully many times, then it is never limited; its failures over any names are', async () => {
    const u = await buildUser(t.ctx, 'bureau');
    for (let i = 0; i < 12; i++) {
      const ok = await request(t.app)
        .post('/api/auth/login')
        .send({ username: u.username, password: TEST_PASSWORD });
      expect(ok.status).toBe(200);
    }
    const statuses: number[] = [];
    for (const name of ['a1', 'b2', 'c3', 'd4']) {
      statuses.push(
        (await request(t.app).post('/api/auth/login').send({ username: name, password: 'x' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await request(t.app)
      .post('/api/auth/login')
      .send({ username: u.username, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/分钟后再试/),
    });
  });
});
