/**
 * The built service run as a child process for the benchmarks that measure it from outside
 * (bench/intake.bench.ts, bench/bombs.bench.ts, bench/api.bench.ts): a free port, a school with one
 * staff user made through the admin CLI, the service started, a logged-in session.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export const mb = (b: number) => `${Math.round(b / 1024 ** 2)} MB`;

/** The bench user made by `seedStaffUser`. */
export const BENCH_USER = { username: 'bench', password: 'bench-password-123' };

/**
 * Creates district `code`, its school 测试小学 and the school-staff user `BENCH_USER` through the built
 * admin CLI of `root`, on the database `env` names.
 */
export function seedStaffUser(root: string, env: NodeJS.ProcessEnv, code: string): void {
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, 'dist/server/cli/admin.js'), ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cli ${args[0]}: ${r.stdout}${r.stderr}`);
  };
  cli('create-district', '--code', code, '--name', '测试区', '--bureau', '测试区教育局');
  cli('create-school', '--district', code, '--name', '测试小学', '--kind', 'primary');
  cli(
    'create-user',
    '--username',
    BENCH_USER.username,
    '--name',
    '测试',
    '--role',
    'school_staff',
    '--school',
    '测试小学',
    '--password',
    BENCH_USER.password,
  );
}

export interface RunningService {
  proc: ChildProcess;
  /** what the service wrote so far (stdout and stderr) */
  output: () => string;
}

/** Starts `root`'s dist/server/main.js; resolves once it says where it listens. */
export function startService(root: string, env: NodeJS.ProcessEnv): Promise<RunningService> {
  const proc = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (/http:\/\/localhost:\d+\//.test(out)) resolve({ proc, output: () => out });
    });
    proc.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    proc.once('exit', (code) => reject(new Error(`service exited with ${code}: ${out.slice(-2000)}`)));
  });
}

export interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { base, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken };
}
