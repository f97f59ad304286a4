/**
 * The server as people run it: first start on an empty embedded database loads the demo accounts,
 * data survives restarts (embedded and PostgreSQL), a second process on the same data folder
 * refuses to start, and the CLI refuses while the server owns the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runToEnd, startServer, type ServerProcess } from '../helpers/server-process';
import { createTestDatabase } from '../helpers/test-database';

const base = (p: ServerProcess) => `http://127.0.0.1:${p.port}`;

async function login(p: ServerProcess, username: string, password: string) {
  const res = await fetch(`${base(p)}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { status: res.status, cookie, csrf: body.csrfToken };
}

function demoPassword(output: string, username: string): string {
  const m = new RegExp(`^\\s+${username}\\s+(\\S+)`, 'm').exec(output);
  if (!m) throw new Error(`no demo password for ${username} in:\n${output}`);
  return m[1]!;
}

describe('server lifecycle (embedded database)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-life-'));
  const env = {
    DATA_DIR: path.join(dir, 'data'),
    UPLOAD_DIR: path.join(dir, 'uploads'),
    DEMO_ON_EMPTY: '1',
    DATABASE_URL: '',
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('first start serves /healthz, prints demo accounts that can log in; a second process and the CLI are refused; data survives a restart', async () => {
    const a = await startServer(env);
    try {
      expect((await fetch(`${base(a)}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base(a)}/readyz`)).json()).toEqual({
        status: 'ready',
        database: 'pglite',
      });
      for (const u of ['admin', 'bureau', 'regulator', 'school']) {
        expect((await login(a, u, demoPassword(a.output(), u))).status).toBe(200);
      }
      // A second server on the same folder refuses with a clear message.
      const b = await runToEnd('server/main.ts', [], { ...env, PORT: '0' });
      expect(b.code).not.toBe(0);
      expect(b.output).toMatch(/DATA_DIR_LOCKED/);
      expect(b.output).toMatch(/数据目录/);
      // So does the CLI.
      const cli = await runToEnd(
        'server/cli/admin.ts',
        ['create-district', '--code', 'x1', '--name', '某区', '--bureau', '某区教育局'],
        env,
      );
      expect(cli.code).not.toBe(0);
      expect(cli.output).toMatch(/DATA_DIR_LOCKED/);
      // Create data through the API.
      const adm = await login(a, 'admin', demoPassword(a.output(), 'admin'));
      const created = await fetch(`${base(a)}/api/districts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: adm.cookie, 'x-csrf-token': adm.csrf },
        body: JSON.stringify({ code: 'persist', name: '持久区', bureauName: '持久区教育局' }),
      });
      expect(created.status).toBe(201);
    } finally {
      expect(await a.stop()).toBe(0);
    }
    // Restart: the district is still there, no new demo accounts are generated.
    const c = await startServer(env);
    try {
      expect(c.output()).not.toMatch(/演示账户/);
      const cli = await runToEnd('server/cli/admin.ts', ['list-schools', '--district', 'persist'], env).catch(
        () => null,
      );
      expect(cli?.output).toMatch(/DATA_DIR_LOCKED/);
    } finally {
      await c.stop();
    }
    // With the server stopped the CLI works on the same folder and sees the data.
    const list = await runToEnd(
      'server/cli/admin.ts',
      ['create-school', '--district', 'persist', '--name', '持久小学', '--kind', 'primary'],
      env,
    );
    expect(list.output).toMatch(/已创建学校 持久小学/);
    expect(list.code).toBe(0);
  }, 180_000); // real server processes started one after another (demo data loaded on the first) and CLI runs

  test('invalid configuration fails fast, listing every problem', async () => {
    const r = await runToEnd('server/main.ts', [], {
      ...env,
      PORT: 'abc',
      OCR_WORKERS: '0',
      DATABASE_URL: 'mysql://x',
    });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/CONFIG_INVALID/);
    expect(r.output).toMatch(/PORT/);
    expect(r.output).toMatch(/OCR_WORKERS/);
    expect(r.output).toMatch(/DATABASE_URL/);
  });
});

const pgDescribe = process.env.TEST_DATABASE_URL ? describe : describe.skip;
// Server mode needs a PostgreSQL server: it runs when TEST_DATABASE_URL is set (CI runs both modes).
pgDescribe('server lifecycle (PostgreSQL server)', () => {
  test('data survives a restart and two server processes may share the database', async () => {
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-life-pg-'));
    const env = {
      DATABASE_URL: db.url!,
      DATA_DIR: path.join(dir, 'data'),
      UPLOAD_DIR: path.join(dir, 'uploads'),
    };
    try {
      const created = await runToEnd(
        'server/cli/admin.ts',
        ['create-district', '--code', 'pgd', '--name', '服务器区', '--bureau', '服务器区教育局'],
        env,
      );
      expect(created.code).toBe(0);
      const user = await runToEnd(
        'server/cli/admin.ts',
        [
          'create-user',
          '--username',
          'pgadmin',
          '--name',
          '管理员',
          '--role',
          'admin',
          '--password',
          'Server-pass1',
        ],
        env,
      );
      expect(user.code).toBe(0);
      const a = await startServer(env);
      const b = await startServer(env);
      try {
        for (const p of [a, b]) {
          const s = await login(p, 'pgadmin', 'Server-pass1');
          expect(s.status).toBe(200);
          const list = (await (
            await fetch(`${base(p)}/api/districts`, { headers: { cookie: s.cookie } })
          ).json()) as Array<{ code: string }>;
          expect(list.map((d) => d.code)).toContain('pgd');
        }
      } finally {
        await a.stop();
        await b.stop();
      }
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
