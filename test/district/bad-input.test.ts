/**
 * Bad input on every endpoint of this feature → 400 with a stable code and a Chinese message, and
 * nothing written (row counts of every table unchanged).
 */
import request from 'supertest';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract, buildFinding } from '../helpers/district-builders';

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.ctx.database.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const out: Record<string, number> = {};
  for (const r of rows) {
    const c = await t.ctx.database.query<{ n: string }>(`select count(*)::text as n from "${r.table_name}"`);
    out[r.table_name] = Number(c.rows[0]!.n);
  }
  delete out.api_tokens;
  return out;
}

type Role = 'bureau' | 'regulator' | 'admin' | 'school_staff';
interface BadCase {
  name: string;
  role: Role;
  method: 'get' | 'post' | 'delete';
  url: (ids: Ids) => string;
  body?: unknown;
  raw?: string;
  message?: RegExp;
  /** when not VALIDATION_FAILED / BAD_REQUEST */
  code?: string;
}
interface Ids {
  district: string;
  supplier: string;
  list: string;
  endpoint: string;
}

const goodResult = (ids: Ids) => ({
  supplierId: ids.supplier,
  sampledBatches: 2,
  failedBatches: 1,
  failingItems: ['pH值'],
  reportNumbers: [],
});

const CASES: BadCase[] = [
  {
    name: 'compliance table: district id not a uuid',
    role: 'bureau',
    method: 'get',
    url: () => '/api/compliance/schools?districtId=abc',
  },
  {
    name: 'school compliance: id not a uuid',
    role: 'bureau',
    method: 'get',
    url: () => '/api/compliance/schools/42',
  },
  {
    name: 'line evidence: id not a uuid',
    role: 'bureau',
    method: 'get',
    url: () => '/api/compliance/lines/x',
  },
  {
    name: 'suppliers: district id not a uuid',
    role: 'regulator',
    method: 'get',
    url: () => '/api/suppliers?districtId=1',
  },
  {
    name: 'supplier: id not a uuid',
    role: 'regulator',
    method: 'get',
    url: () => '/api/suppliers/not-an-id',
  },
  {
    name: 'preview: district id not a uuid',
    role: 'bureau',
    method: 'get',
    url: () => '/api/sampling-lists/preview?districtId=zz',
  },
  {
    name: 'preview: admin without district',
    role: 'admin',
    method: 'get',
    url: () => '/api/sampling-lists/preview',
    message: /请指定区县/,
  },
  {
    name: 'send: unknown field',
    role: 'bureau',
    method: 'post',
    url: () => '/api/sampling-lists',
    body: { force: true },
  },
  {
    name: 'send: district id not a uuid',
    role: 'bureau',
    method: 'post',
    url: () => '/api/sampling-lists',
    body: { districtId: 'x' },
  },
  {
    name: 'send: body is an array',
    role: 'bureau',
    method: 'post',
    url: () => '/api/sampling-lists',
    raw: '[1]',
  },
  {
    name: 'send: broken JSON',
    role: 'bureau',
    method: 'post',
    url: () => '/api/sampling-lists',
    raw: '{"a":',
  },
  {
    name: 'list history: district id not a uuid',
    role: 'regulator',
    method: 'get',
    url: () => '/api/sampling-lists?districtId=1',
  },
  { name: 'list: id not a uuid', role: 'regulator', method: 'get', url: () => '/api/sampling-lists/123' },
  {
    name: 'export: unknown format',
    role: 'regulator',
    method: 'get',
    url: (i) => `/api/sampling-lists/${i.list}/export?format=pdf`,
    message: /xlsx、csv 或 json/,
  },
  { name: 'ack: id not a uuid', role: 'regulator', method: 'post', url: () => '/api/sampling-lists/abc/ack' },
  {
    name: 'result: failed > sampled',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { ...{ sampledBatches: 1, failedBatches: 2, failingItems: ['甲醛含量'], reportNumbers: [] } },
    message: /不合格批次数不能大于抽查批次数/,
  },
  {
    name: 'result: failed batches without failing items',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: 2, failedBatches: 1, failingItems: [], reportNumbers: [] },
    message: /不合格项目/,
  },
  {
    name: 'result: batches not a number',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: '两批', failedBatches: 0 },
    message: /抽查批次数须为数字/,
  },
  {
    name: 'result: negative batches',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: 2, failedBatches: -1 },
    message: /不能为负/,
  },
  {
    name: 'result: fractional batches',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: 1.5, failedBatches: 0 },
    message: /整数/,
  },
  {
    name: 'result: bad date',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: 1, failedBatches: 0, sampledOn: '2025年2月30日' },
    message: /抽样日期不是有效的日期/,
  },
  {
    name: 'result: supplier id not a uuid',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { supplierId: 'U1', sampledBatches: 1, failedBatches: 0 },
    message: /企业编号/,
  },
  {
    name: 'result: empty failing item',
    role: 'regulator',
    method: 'post',
    url: () => '/api/sampling-results',
    body: { sampledBatches: 1, failedBatches: 1, failingItems: ['  '] },
    message: /不合格项目不能为空/,
  },
  {
    name: 'results: supplier id not a uuid',
    role: 'bureau',
    method: 'get',
    url: () => '/api/sampling-results?supplierId=1',
  },
  {
    name: 'webhooks: district id not a uuid',
    role: 'regulator',
    method: 'get',
    url: () => '/api/webhooks?districtId=1',
  },
  {
    name: 'webhook: not a URL',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: { url: 'receiver' },
    message: /http\(s\):\/\/ 网址或 mailto:/,
  },
  {
    name: 'webhook: ftp URL',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: { url: 'ftp://example.test/x' },
    message: /http\(s\)/,
    code: 'WEBHOOK_URL_FORBIDDEN',
  },
  {
    name: 'webhook: credentials in URL',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: { url: 'https://u:p@example.test/x' },
  },
  {
    name: 'webhook: bad e-mail',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: { url: 'mailto:nobody' },
  },
  {
    name: 'webhook: short secret',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: { url: 'https://example.test/x', secret: 'short' },
    message: /至少 16/,
  },
  {
    name: 'webhook: missing URL',
    role: 'regulator',
    method: 'post',
    url: () => '/api/webhooks',
    body: {},
    message: /接收地址/,
  },
  {
    name: 'webhook delete: id not a uuid',
    role: 'regulator',
    method: 'delete',
    url: () => '/api/webhooks/1',
  },
  {
    name: 'deliveries: id not a uuid',
    role: 'regulator',
    method: 'get',
    url: () => '/api/webhooks/1/deliveries',
  },
  {
    name: 'statistics: unknown format',
    role: 'bureau',
    method: 'get',
    url: () => '/api/statistics?format=pdf',
    message: /json 或 xlsx/,
  },
  {
    name: 'statistics: admin without district',
    role: 'admin',
    method: 'get',
    url: () => '/api/statistics',
    message: /请指定区县/,
  },
  {
    name: 'notifications: bad unread flag',
    role: 'bureau',
    method: 'get',
    url: () => '/api/notifications?unread=maybe',
  },
  {
    name: 'notification read: id not a uuid',
    role: 'bureau',
    method: 'post',
    url: () => '/api/notifications/1/read',
  },
];

describe(`bad input on the district endpoints (${testDriver()})`, () => {
  let t: TestApp;
  let ids: Ids;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: '' });
    const district = await buildDistrict(t.ctx);
    const { lines, supplier } = await buildContract(t.ctx, { districtId: district.id });
    await buildFinding(t.ctx, { lineId: lines[0]!.id, code: 'ITEM_FAILED' });
    for (const role of ['bureau', 'regulator', 'admin'] as const) {
      tokens[role] = await tokenFor(
        t.app,
        (await buildUser(t.ctx, role, { districtId: role === 'admin' ? undefined : district.id })).username,
      );
    }
    const sent = await request(t.app)
      .post('/api/sampling-lists')
      .set('Authorization', `Bearer ${tokens.bureau}`);
    const hook = await request(t.app)
      .post('/api/webhooks')
      .set('Authorization', `Bearer ${tokens.regulator}`)
      .send({ url: 'https://example.test/hook' });
    ids = { district: district.id, supplier: supplier.id, list: sent.body.id, endpoint: hook.body.id };
    expect([sent.status, hook.status]).toEqual([201, 201]);
  });
  afterAll(() => t.close());

  test.each(CASES.map((c) => [c.name, c] as const))('%s → 400, nothing written', async (_n, c) => {
    const before = await rowCounts(t);
    let req = request(t.app)[c.method](c.url(ids)).set('Authorization', `Bearer ${tokens[c.role]}`);
    if (c.raw !== undefined) req = req.set('Content-Type', 'application/json').send(c.raw);
    else if (c.body !== undefined) {
      const body =
        c.url(ids) === '/api/sampling-results' &&
        typeof c.body === 'object' &&
        !('supplierId' in (c.body as object))
          ? { supplierId: ids.supplier, ...(c.body as object) }
          : c.body;
      req = req.send(body as object);
    }
    const res = await req;
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 400,
      code: c.code ?? expect.stringMatching(/^(VALIDATION_FAILED|BAD_REQUEST)$/),
    });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    if (c.message) expect(res.body.message).toMatch(c.message);
    expect(await rowCounts(t)).toEqual(before);
  });

  test('a well-formed sampling result is accepted (the bad cases differ only in the field under test)', async () => {
    const res = await request(t.app)
      .post('/api/sampling-results')
      .set('Authorization', `Bearer ${tokens.regulator}`)
      .send(goodResult(ids));
    expect(res.status).toBe(201);
  });

  test('sampling result for a supplier unknown to the district → 404 NOT_FOUND, nothing written', async () => {
    const other = await buildContract(t.ctx, { districtId: (await buildDistrict(t.ctx)).id });
    const before = await rowCounts(t);
    const res = await request(t.app)
      .post('/api/sampling-results')
      .set('Authorization', `Bearer ${tokens.regulator}`)
      .send({ ...goodResult(ids), supplierId: other.supplier.id });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(await rowCounts(t)).toEqual(before);
  });

  test('sending an empty list → 422 SAMPLING_LIST_EMPTY, nothing written', async () => {
    const empty = await buildDistrict(t.ctx);
    const bureau = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'bureau', { districtId: empty.id })).username,
    );
    const before = await rowCounts(t);
    const res = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SAMPLING_LIST_EMPTY');
    expect(res.body.message).toMatch(/名单为空/);
    expect(await rowCounts(t)).toEqual(before);
  });
});
