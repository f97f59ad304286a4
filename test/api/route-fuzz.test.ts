/**
 * A fuzz test over every route (issue: clean errors): random and hostile params, query strings,
 * bodies (JSON and multipart) and headers, built from each route's valid tenancy request so that
 * mutations reach past the first check. For every request: no 5xx; an error is the JSON error shape
 * ({ code, message in Chinese, requestId }); and a refused request writes nothing — no row in any
 * table, no file left under UPLOAD_DIR.
 *
 * Reproducible: FUZZ_SEED fixes the random choices (printed with every failure); FUZZ_RUNS sets the
 * mutations per route (default 12, CI-sized).
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { allRoutes } from '../../server/routes';
import type { AnyRoute } from '../../server/http/route';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';
import { loadCases, type TenancyRequest } from '../tenancy/cases';
import { buildTenancyFixture, ROLES, type TenancyFixture } from '../tenancy/fixture';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[2J',
  '\ud800',
  '\u202e反转',
  '../../../etc/passwd',
  '..\\..\\windows',
  "' or 1=1 --",
  '"; drop table users; --',
  '=HYPERLINK("http://x","y")',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%00%ZZ',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2024-02-30',
  '2024/9/6',
  'x'.repeat(5000),
  '校'.repeat(3000),
  '😀'.repeat(50),
  '__proto__',
  'constructor',
  'true',
  'null',
];

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  Array.from({ length: 2000 }, (_, i) => i),
  ...HOSTILE_STRINGS,
];

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Percent-encoding that also carries what encodeURIComponent refuses (a lone surrogate → its invalid UTF-8 bytes). */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

interface Attempt {
  what: string;
  method: TenancyRequest['method'];
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: { type: string; body: string | Buffer };
  files?: TenancyRequest['files'];
  fields?: Record<string, string>;
  auth: 'bearer' | 'none' | 'cookie';
}

const key = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;

async function snapshot(t: TestApp): Promise<string> {
  const { rows } = await t.ctx.database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' " +
      "and table_name not in ('login_throttles') order by 1",
  );
  const counts = await t.ctx.database.query<Record<string, string>>(
    `select ${rows.map((r) => `(select count(*) from "${r.table_name}")::text as "${r.table_name}"`).join(', ')}`,
  );
  return JSON.stringify(counts.rows[0]);
}

/**
 * Waits until the job runner has no document left to read, so that a row count taken around one refused
 * request is not moved by a document an earlier (accepted) request queued.
 */
async function settled(t: TestApp): Promise<void> {
  await waitFor(async () => {
    const { rows } = await t.ctx.database.query<{ n: string }>(
      "select count(*)::text as n from documents where status in ('queued', 'processing')",
    );
    return rows[0]?.n === '0' ? true : undefined;
  }, 45_000);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

describe(`route fuzzer (${testDriver()}, seed ${SEED}, ${RUNS} per route)`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  let cookie: { header: string; csrf: string };
  const cases = new Map(loadCases().map((c) => [c.route, c]));

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '100000' }, { services: true });
    f = await buildTenancyFixture(t);
    const login = await request(t.app)
      .post('/api/auth/login')
      .send({ username: f.usernames.admin, password: 'Passw0rd-test' });
    cookie = {
      header: String(login.headers['set-cookie']).split(';')[0]!,
      csrf: login.body.csrfToken as string,
    };
  });
  afterAll(() => t.close());

  /** Mutations of one route's valid request. */
  function attempts(r: AnyRoute, base: TenancyRequest, rand: () => number): Attempt[] {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const out: Attempt[] = [];
    const paramNames = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    const bodyObj = base.body && typeof base.body === 'object' && !Array.isArray(base.body) ? base.body : {};
    const bodyKeys = Object.keys(bodyObj);
    const shapeKeys = (s: unknown) => Object.keys((s as { shape?: object } | undefined)?.shape ?? {});
    const queryKeys = shapeKeys(r.query);
    for (let i = 0; i < RUNS; i++) {
      const kind = pick(['param', 'query', 'body', 'body', 'header', 'whole'] as const);
      const a: Attempt = { what: kind, method: base.method, url: base.url, auth: 'bearer' };
      if (kind === 'param' && paramNames.length) {
        const name = pick(paramNames);
        const v = pick(HOSTILE_STRINGS) || 'x';
        // Replace the segment of this parameter in the valid URL (same position as in the route path).
        const segs = r.path.split('/');
        const at = segs.indexOf(`:${name}`);
        const urlSegs = base.url.split('?')[0]!.split('/');
        urlSegs[at] = rand() < 0.7 ? enc(v) : enc(v).replace(/%2F|%3F|%23|%20/gi, '_');
        a.url = urlSegs.join('/') + (base.url.includes('?') ? `?${base.url.split('?')[1]}` : '');
        a.what = `param ${name}=${JSON.stringify(v).slice(0, 40)}`;
      } else if (kind === 'query' || (kind === 'param' && !paramNames.length)) {
        const k =
          queryKeys.length && rand() < 0.7
            ? pick(queryKeys)
            : pick(['__proto__[x]', 'x', 'format', 'a[b][c]']);
        const v = pick(HOSTILE_STRINGS);
        const extra = rand() < 0.3 ? `&${enc(k)}=${enc(pick(HOSTILE_STRINGS))}` : '';
        a.url = `${base.url.split('?')[0]}?${enc(k)}=${enc(v)}${extra}`;
        a.what = `query ${k}=${JSON.stringify(v).slice(0, 40)}`;
      } else if (kind === 'body' && base.files) {
        // Multipart: hostile fields, file names and contents.
        const field = pick(['files', 'kind', 'lineIds', 'x', '__proto__']);
        a.files = [
          {
            field: rand() < 0.8 ? 'files' : field,
            buffer:
              rand() < 0.5
                ? Buffer.from(pick(HOSTILE_STRINGS))
                : Buffer.from(Array.from({ length: 512 }, () => Math.floor(rand() * 256))),
            filename: pick(['../../x.pdf', 'a\u0000.pdf', 'x'.repeat(400), '报告.pdf', 'con', '.pdf']),
          },
        ];
        a.fields = { [pick(['kind', 'lineIds', 'x'])]: pick(HOSTILE_STRINGS) };
        a.what = `multipart ${field}`;
      } else if (kind === 'body' && r.method !== 'get' && r.method !== 'delete') {
        const mutated: Record<string, unknown> = { ...(bodyObj as Record<string, unknown>) };
        const k =
          bodyKeys.length && rand() < 0.8 ? pick(bodyKeys) : pick(['__proto__', 'extra', 'constructor']);
        mutated[k] = rand() < 0.15 ? nested(10 + Math.floor(rand() * 40)) : pick(HOSTILE_VALUES);
        a.json = mutated;
        a.what = `body ${k}=${JSON.stringify(mutated[k])?.slice(0, 40)}`;
      } else if (kind === 'header') {
        const h = pick([
          { 'Content-Type': 'application/json; charset=utf-16' },
          { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          { 'Content-Type': 'text/plain' },
          { 'Content-Type': 'multipart/form-data' },
          { 'Content-Type': 'application/x-www-form-urlencoded' },
          { Accept: 'text/html' },
          { 'X-Request-Id': '../../\u00e9'.repeat(30) },
          { Authorization: `Bearer dsv_${'A'.repeat(4000)}` },
          { Authorization: 'Basic YWRtaW46YWRtaW4=' },
          { Authorization: 'Bearer' },
          { Cookie: 'dsv_session=%ZZ%00; dsv_session=x' },
          { 'X-CSRF-Token': 'x'.repeat(1000) },
        ] as Record<string, string>[]);
        a.headers = h;
        if (h.Authorization || h.Cookie) a.auth = 'none';
        if (h['Content-Type'] && r.method !== 'get') {
          a.raw = { type: h['Content-Type'], body: pick(['{"a":1}', 'a=1&b=2', '\u0000\u0001', '{"x":']) };
        }
        if (h['X-CSRF-Token']) a.auth = 'cookie';
        a.what = `header ${Object.keys(h).join(',')}`;
      } else {
        // The whole body replaced: not an object, broken JSON, deep nesting, or sent by cookie without CSRF.
        const choice = Math.floor(rand() * 5);
        if (choice === 0) a.json = pick(HOSTILE_VALUES);
        else if (choice === 1) {
          a.raw = {
            type: 'application/json',
            body: pick(['{', '[1,', '{"a":}', '"', 'nul', '{"a":1}{"b":2}']),
          };
        } else if (choice === 2) {
          a.raw = { type: 'application/json', body: '['.repeat(50_000) + ']'.repeat(50_000) };
        } else if (choice === 3) {
          a.auth = 'cookie';
          a.headers = { 'X-CSRF-Token': 'wrong' };
          a.json = base.body;
        } else {
          a.json = Object.fromEntries(Array.from({ length: 200 }, (_, j) => [`k${j}`, pick(HOSTILE_VALUES)]));
        }
        a.what = `whole ${choice}`;
      }
      out.push(a);
    }
    return out;
  }

  async function send(a: Attempt, token: string) {
    let req = request(t.app)[a.method](a.url);
    if (a.auth === 'bearer') req = req.set('Authorization', `Bearer ${token}`);
    if (a.auth === 'cookie') req = req.set('Cookie', cookie.header);
    for (const [k, v] of Object.entries(a.headers ?? {})) req = req.set(k, v);
    if (a.files) {
      for (const file of a.files) req = req.attach(file.field, file.buffer, file.filename);
      for (const [k, v] of Object.entries(a.fields ?? {})) req = req.field(k, v);
      return req;
    }
    if (a.raw) return req.set('Content-Type', a.raw.type).send(a.raw.body);
    if (a.json !== undefined && a.method !== 'get') {
      return req.set('Content-Type', 'application/json').send(JSON.stringify(a.json) ?? 'null');
    }
    return req;
  }

  const routes = allRoutes();
  test.each(routes.map((r, i) => [key(r), r, i] as const))(
    '%s',
    async (k, r, i) => {
      const c = cases.get(k);
      const role = ROLES.find((ro) => (c?.allow[ro] ?? []).length > 0) ?? 'admin';
      const token = c?.token ? await c.token(f, role) : f.tokens[role];
      const base: TenancyRequest = c
        ? await c.request(f, 'own', role)
        : { method: r.method, url: r.path.replace(/:([A-Za-z0-9_]+)/g, 'x') };
      const rand = prng(SEED + i * 7919);
      const uploads = path.join(t.config.UPLOAD_DIR);
      for (const a of attempts(r, base, rand)) {
        await settled(t);
        const before = await snapshot(t);
        const filesBefore = filesUnder(uploads);
        const res = await send(a, token);
        const context = {
          seed: SEED,
          route: k,
          attempt: a.what,
          url: a.url.slice(0, 200),
          status: res.status,
        };
        expect({ ...context, serverError: res.status >= 500 }).toEqual({ ...context, serverError: false });
        // 431: Node's HTTP parser refuses a request line over its header limit before the app sees it.
        if (res.status >= 400 && res.status !== 431) {
          const isJson = /json/.test(String(res.headers['content-type']));
          expect({ ...context, isJson }).toEqual({ ...context, isJson: true });
          expect({ ...context, body: res.body }).toEqual({
            ...context,
            body: expect.objectContaining({
              code: expect.stringMatching(/^[A-Z_]+$/),
              message: expect.stringMatching(/[\u4e00-\u9fff]/),
              requestId: expect.any(String),
            }),
          });
          expect({ ...context, rows: await snapshot(t) }).toEqual({ ...context, rows: before });
          // The response's clean-up of temporary upload files runs as it ends: give it a moment.
          let left: string[] = [];
          for (let wait = 0; wait < 50; wait++) {
            left = filesUnder(uploads).filter((p) => !filesBefore.includes(p));
            if (left.length === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          expect({ ...context, newFiles: left }).toEqual({ ...context, newFiles: [] });
        }
      }
    },
    180_000,
  );
});
