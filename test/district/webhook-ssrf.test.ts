/**
 * Webhook URLs may not make the server call internal addresses (SSRF): refused when registered
 * (nothing stored) and again when delivering, with WEBHOOK_ALLOW_PRIVATE off as in production.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract, buildFinding } from '../helpers/district-builders';
import { insertEndpoint } from '../../models/webhook.repository';
import { postWebhook } from '../../server/delivery/post-webhook';
import { guardedLookup } from '../../server/delivery/webhook-url';
import { AppError } from '../../server/errors';
import { waitFor } from '../helpers/wait-for';

/** A receiver on 127.0.0.1 counting the requests that reach it. */
async function startReceiver() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.url ?? '');
    req.resume();
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe(`webhook URLs pointing inside are refused (WEBHOOK_ALLOW_PRIVATE=false, ${testDriver()})`, () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let districtId: string;
  let bureau: string;
  let regulator: string;

  const count = async (table: string) =>
    (await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestApp(
      {
        WEBHOOK_ALLOW_PRIVATE: 'false',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_BACKOFF_MS: '100',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_TIMEOUT_MS: '3000',
      },
      { services: true },
    );
    districtId = (await buildDistrict(t.ctx)).id;
    const { lines } = await buildContract(t.ctx, { districtId });
    await buildFinding(t.ctx, { lineId: lines[0]!.id, code: 'ITEM_FAILED' });
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId })).username);
    regulator = await tokenFor(t.app, (await buildUser(t.ctx, 'regulator', { districtId })).username);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const register = (url: string) =>
    request(t.app).post('/api/webhooks').set('Authorization', `Bearer ${regulator}`).send({ url });

  test.each([
    'http://127.0.0.1/',
    'http://10.0.0.1/',
    'http://[::1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.100.100.200/latest/meta-data/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f000001/',
    'http://localhost/',
    'ftp://example.test/list',
  ])(
    'When %s is registered, then it is refused with WEBHOOK_URL_FORBIDDEN and nothing is stored',
    async (url) => {
      const before = { endpoints: await count('webhook_endpoints'), audit: await count('audit_log') };
      const res = await register(url);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 400,
        code: 'WEBHOOK_URL_FORBIDDEN',
      });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect({ endpoints: await count('webhook_endpoints'), audit: await count('audit_log') }).toEqual(
        before,
      );
    },
  );

  test('When the local receiver itself is registered by host name, then the resolved loopback address is named', async () => {
    const res = await register(`http://localhost:${receiver.port}/hook`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/localhost（解析为 (127\.0\.0\.1|::1)）是本机回环地址/);
  });

  test('When a host name cannot be resolved, then it is refused with WEBHOOK_URL_UNRESOLVABLE and nothing is stored', async () => {
    const before = await count('webhook_endpoints');
    const res = await register('https://receiver.example.test/hook');
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 422,
      code: 'WEBHOOK_URL_UNRESOLVABLE',
    });
    expect(await count('webhook_endpoints')).toBe(before);
  });

  test('When a public address is registered, then it is accepted', async () => {
    const res = await register('https://1.2.3.4/dsv-hook');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: 'https://1.2.3.4/dsv-hook', channel: 'webhook', active: true });
    await request(t.app).delete(`/api/webhooks/${res.body.id}`).set('Authorization', `Bearer ${regulator}`);
  });

  test('When stored endpoints point inside (registered before, or their DNS changed), then delivery refuses them for good and the receiver gets nothing', async () => {
    const byAddress = await insertEndpoint(t.ctx.db, {
      districtId,
      url: `http://127.0.0.1:${receiver.port}/by-address`,
      secret: 'ssrf-test-secret-0123456789',
    });
    const byName = await insertEndpoint(t.ctx.db, {
      districtId,
      url: `http://localhost:${receiver.port}/by-name`,
      secret: 'ssrf-test-secret-0123456789',
    });
    const sent = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
    expect(sent.status).toBe(201);
    expect(sent.body.deliveriesQueued).toBe(2);
    for (const endpoint of [byAddress, byName]) {
      const [d] = await waitFor(async () => {
        const r = await request(t.app)
          .get(`/api/webhooks/${endpoint.id}/deliveries`)
          .set('Authorization', `Bearer ${regulator}`);
        return r.body[0]?.status === 'failed' ? (r.body as Array<Record<string, unknown>>) : undefined;
      });
      // refused at once, not retried until WEBHOOK_MAX_ATTEMPTS
      expect(d).toMatchObject({ attempts: 1, lastStatusCode: null });
      expect(d!.lastError).toMatch(/本机回环地址/);
    }
    expect(receiver.received).toEqual([]);
  });

  test('When a host name resolves to an internal address at the moment of connecting, then the POST is not made', async () => {
    const rebound = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const post = postWebhook({
      url: `http://hooks.example.test:${receiver.port}/rebound`,
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
      timeoutMs: 3000,
      lookup: guardedLookup(rebound),
    });
    await expect(post).rejects.toBeInstanceOf(AppError);
    await expect(post).rejects.toMatchObject({ code: 'WEBHOOK_URL_FORBIDDEN' });
    expect(receiver.received).toEqual([]);
  });

  test('When private addresses are not guarded, then the same POST reaches the receiver (the guard is what stops it)', async () => {
    const status = await postWebhook({
      url: `http://127.0.0.1:${receiver.port}/plain`,
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
      timeoutMs: 3000,
    });
    expect(status).toBe(200);
    expect(receiver.received).toEqual(['/plain']);
  });
});
