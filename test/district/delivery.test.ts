import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract, buildFinding } from '../helpers/district-builders';
import { verifySignature } from '../../server/delivery/webhook-signature';
import { webhookDeliveryService } from '../../server/delivery/webhook-delivery.service';
import { waitFor } from '../helpers/wait-for';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A local receiver on 127.0.0.1 (random port) answering `plan[i]` to the i-th request (then the last). */
async function startReceiver(plan: number[], delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = plan[Math.min(received.length, plan.length - 1)]!;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      setTimeout(
        () => res.writeHead(status).end(status < 300 ? 'ok' : 'fail'),
        received.length === 1 ? delayMs : 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`sampling list delivery: signed webhook with retries, e-mail (${testDriver()})`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(
      {
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_BACKOFF_MS: '100',
        WEBHOOK_MAX_ATTEMPTS: '4',
        WEBHOOK_TIMEOUT_MS: '3000',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: '双送检核验 <dsv@example.test>',
      },
      { services: true },
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function districtWithFinding() {
    const district = await buildDistrict(t.ctx);
    const { lines } = await buildContract(t.ctx, { districtId: district.id });
    await buildFinding(t.ctx, { lineId: lines[0]!.id, code: 'ITEM_FAILED' });
    const bureau = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username,
    );
    const regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
    return { district, bureau, regulator };
  }

  test('When the receiver fails twice, then the list is delivered once with a valid HMAC signature, retries are logged, and it is never sent twice', async () => {
    const receiver = await startReceiver([500, 503, 200], 1500);
    try {
      const { bureau, regulator } = await districtWithFinding();
      const hook = await request(t.app)
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${regulator}`)
        .send({ url: receiver.url });
      expect(hook.status).toBe(201);
      expect(hook.body.secret).toMatch(/^whsec_/);
      const mail = await request(t.app)
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${regulator}`)
        .send({ url: 'mailto:jianguan@example.test' });
      expect(mail.status).toBe(201);
      expect(mail.body.channel).toBe('email');

      const started = Date.now();
      const sent = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
      // the request does not wait for delivery (the receiver holds its first answer for 1.5 s)
      expect(Date.now() - started).toBeLessThan(1500);
      expect(sent.status).toBe(201);
      expect(sent.body.deliveriesQueued).toBe(2);

      const deliveries = await waitFor(async () => {
        const r = await request(t.app)
          .get(`/api/webhooks/${hook.body.id}/deliveries`)
          .set('Authorization', `Bearer ${regulator}`);
        return r.body[0]?.status === 'delivered' ? (r.body as Array<Record<string, unknown>>) : undefined;
      });
      expect(deliveries).toHaveLength(1);
      const d = deliveries[0]!;
      expect(d.attempts).toBe(3);
      expect((d.log as Array<{ statusCode: number }>).map((a) => a.statusCode)).toEqual([500, 503, 200]);

      expect(receiver.received.map((r) => r.status)).toEqual([500, 503, 200]);
      const ok = receiver.received[2]!;
      const signed = {
        timestamp: ok.headers['x-dsv-timestamp'] as string,
        signature: ok.headers['x-dsv-signature'] as string,
      };
      expect(verifySignature(hook.body.secret, signed, ok.body)).toBe(true);
      expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifySignature('wrong-secret-wrong-secret', signed, ok.body)).toBe(false);
      expect(Number(signed.timestamp)).toBeGreaterThan(1_600_000_000);
      // the timestamp is inside the signed material: changed, the signature no longer matches;
      // replayed later than the tolerance, the receiver refuses it
      const shifted = String(Number(signed.timestamp) - 1);
      expect(verifySignature(hook.body.secret, { ...signed, timestamp: shifted }, ok.body)).toBe(false);
      expect(
        verifySignature(hook.body.secret, signed, ok.body, { nowS: Number(signed.timestamp) + 301 }),
      ).toBe(false);
      expect(new Set(receiver.received.map((r) => r.headers['x-dsv-delivery']))).toEqual(new Set([d.id]));
      const payload = JSON.parse(ok.body);
      expect(payload).toMatchObject({ event: 'sampling_list.sent', deliveryId: d.id, listId: sent.body.id });
      expect(payload.samplingList.entries).toHaveLength(1);

      // e-mail captured by the local SMTP server
      await waitFor(async () => Promise.resolve(smtp.mails.length > 0 ? true : undefined));
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.to).toEqual(['jianguan@example.test']);
      expect(smtp.mails[0]!.raw.replace(/\r?\n(?=[ \t])/g, '')).toMatch(
        /x-dsv-signature:\s*sha256=[0-9a-f]{64}/i,
      );
      expect(smtp.mails[0]!.raw).toMatch(/\.xlsx/);

      // sending the same list again: nothing new is queued or delivered
      const again = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
      expect(again.status).toBe(200);
      expect(again.body.alreadySent).toBe(true);
      await sleep(400);
      expect(receiver.received).toHaveLength(3);

      // restarting the delivery service does not deliver again
      await webhookDeliveryService.stop(t.ctx);
      await webhookDeliveryService.start(t.ctx);
      expect(await t.ctx.services.webhooks.runOnce()).toBe(0);
      await sleep(400);
      expect(receiver.received).toHaveLength(3);
      expect(smtp.mails).toHaveLength(1);

      const { rows } = await t.ctx.database.query<{ n: number }>(
        `select count(*)::int as n from webhook_deliveries where list_id = $1`,
        [sent.body.id],
      );
      expect(rows[0]!.n).toBe(2);
    } finally {
      await receiver.close();
    }
  });

  test('When the receiver always fails, then the delivery gives up after WEBHOOK_MAX_ATTEMPTS with every attempt logged', async () => {
    const receiver = await startReceiver([500]);
    try {
      const { bureau, regulator } = await districtWithFinding();
      const hook = await request(t.app)
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${regulator}`)
        .send({ url: receiver.url });
      await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`).expect(201);
      const [d] = await waitFor(async () => {
        const r = await request(t.app)
          .get(`/api/webhooks/${hook.body.id}/deliveries`)
          .set('Authorization', `Bearer ${regulator}`);
        return r.body[0]?.status === 'failed' ? (r.body as Array<Record<string, unknown>>) : undefined;
      });
      expect(d!.attempts).toBe(4);
      expect(d!.log).toHaveLength(4);
      expect(d!.lastError).toMatch(/HTTP 500/);
      await sleep(300);
      expect(receiver.received).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });

  test('When a delivery has given up, then the bureau re-sends it once the receiver works: same delivery id, fresh attempts, audited; the regulator may not, a second re-send is refused', async () => {
    // 4 failures (WEBHOOK_MAX_ATTEMPTS) then the receiver is fixed
    const receiver = await startReceiver([500, 500, 500, 500, 200]);
    try {
      const { district, bureau, regulator } = await districtWithFinding();
      const hook = await request(t.app)
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${regulator}`)
        .send({ url: receiver.url });
      const sent = await request(t.app)
        .post('/api/sampling-lists')
        .set('Authorization', `Bearer ${bureau}`)
        .expect(201);
      const listDeliveries = async () =>
        (
          await request(t.app)
            .get(`/api/sampling-lists/${sent.body.id}`)
            .set('Authorization', `Bearer ${bureau}`)
            .expect(200)
        ).body.deliveries as Array<{ id: string; status: string; attempts: number }>;
      const [failed] = await waitFor(async () => {
        const ds = await listDeliveries();
        return ds[0]?.status === 'failed' ? ds : undefined;
      });
      expect(receiver.received).toHaveLength(4);
      const resend = (token: string) =>
        request(t.app)
          .post(`/api/webhook-deliveries/${failed!.id}/resend`)
          .set('Authorization', `Bearer ${token}`);

      const byRegulator = await resend(regulator);
      expect(byRegulator.status).toBe(403);
      expect(byRegulator.body.code).toBe('FORBIDDEN');

      const ok = await resend(bureau);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ id: failed!.id, status: 'pending', attempts: 0 });
      const [delivered] = await waitFor(async () => {
        const ds = await listDeliveries();
        return ds[0]?.status === 'delivered' ? ds : undefined;
      });
      expect(delivered!.attempts).toBe(1);
      expect(receiver.received).toHaveLength(5);
      expect(new Set(receiver.received.map((r) => r.headers['x-dsv-delivery']))).toEqual(
        new Set([failed!.id]),
      );
      const last = receiver.received[4]!;
      expect(
        verifySignature(
          hook.body.secret,
          {
            timestamp: last.headers['x-dsv-timestamp'] as string,
            signature: last.headers['x-dsv-signature'] as string,
          },
          last.body,
        ),
      ).toBe(true);

      // delivered: a re-send is refused and nothing is sent again
      const again = await resend(bureau);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DELIVERY_NOT_FAILED');
      await sleep(300);
      expect(receiver.received).toHaveLength(5);

      const audit = await t.ctx.database.query<{ user_id: string; district_id: string }>(
        `select user_id, district_id from audit_log where action = 'webhookDelivery.resend' and resource_id = $1`,
        [failed!.id],
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]!.district_id).toBe(district.id);
    } finally {
      await receiver.close();
    }
  });

  test('When a webhook endpoint is deactivated, then later lists are not delivered to it', async () => {
    const receiver = await startReceiver([200]);
    try {
      const { district, bureau, regulator } = await districtWithFinding();
      const hook = await request(t.app)
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${regulator}`)
        .send({ url: receiver.url });
      expect(
        (
          await request(t.app)
            .delete(`/api/webhooks/${hook.body.id}`)
            .set('Authorization', `Bearer ${regulator}`)
        ).status,
      ).toBe(204);
      const sent = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
      expect(sent.body.deliveriesQueued).toBe(0);
      await sleep(300);
      expect(receiver.received).toHaveLength(0);
      const list = await request(t.app)
        .get(`/api/webhooks?districtId=${district.id}`)
        .set('Authorization', `Bearer ${regulator}`);
      expect(list.body[0]).toMatchObject({ id: hook.body.id, active: false });
      expect(list.body[0].secret).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });
});

describe('e-mail endpoints without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: '' });
  });
  afterAll(() => t.close());

  test('When SMTP_URL is not configured, then a mailto: endpoint is refused with SMTP_NOT_CONFIGURED', async () => {
    const regulator = await tokenFor(t.app, (await buildUser(t.ctx, 'regulator')).username);
    const r = await request(t.app)
      .post('/api/webhooks')
      .set('Authorization', `Bearer ${regulator}`)
      .send({ url: 'mailto:a@example.test' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('SMTP_NOT_CONFIGURED');
    expect(r.body.message).toMatch(/邮件服务器/);
  });
});
