/**
 * Request logs carry no credential: the CSRF token header, the session cookie, a Bearer token and
 * the password of a login are hidden ([已隐藏]) in every line written while they are used.
 */
import request from 'supertest';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { buildUser, startTestApp, TEST_PASSWORD, tokenFor, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('the X-CSRF-Token header, cookie, Bearer token and password are never logged', async () => {
  const user = await buildUser(t.ctx, 'school_staff');
  const bearer = await tokenFor(t.app, user.username);
  const lines: string[] = [];
  const app = createApp({ ...t.ctx, logger: createLogger('info', { write: (s: string) => lines.push(s) }) });

  const agent = request.agent(app);
  const login = await agent
    .post('/api/auth/login')
    .send({ username: user.username, password: TEST_PASSWORD });
  expect(login.status).toBe(200);
  const csrf = login.body.csrfToken as string;
  const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!.split('=')[1]!;
  // a state-changing request with the CSRF header, and a Bearer request
  const token = await agent.post('/api/tokens').set('x-csrf-token', csrf).send({ name: '日志测试' });
  expect(token.status).toBe(201);
  expect((await request(app).get('/api/auth/me').set('Authorization', `Bearer ${bearer}`)).status).toBe(200);

  const log = lines.join('');
  expect(lines.length).toBeGreaterThanOrEqual(3);
  expect(log).toContain('/api/tokens');
  expect(log).toContain('"x-csrf-token":"[已隐藏]"');
  for (const secret of [csrf, cookie, bearer, TEST_PASSWORD, token.body.token as string]) {
    expect(secret.length).toBeGreaterThan(8);
    expect(log).not.toContain(secret);
  }
});
