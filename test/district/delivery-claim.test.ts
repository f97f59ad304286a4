/**
 * Claiming due deliveries: concurrent workers never get the same row (FOR UPDATE SKIP LOCKED on
 * PostgreSQL; one connection on PGlite), a claimed row is leased, and a delivered row is never
 * claimed again.
 */
import { buildDistrict, startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { insertSamplingList } from '../../models/sampling.repository';
import {
  claimDueDeliveries,
  insertEndpoint,
  markDelivered,
  queueDeliveries,
} from '../../models/webhook.repository';

describe(`delivery claims (${testDriver()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  test('When four workers claim at once, then every due delivery is claimed exactly once; leased and delivered rows are not claimed again', async () => {
    const district = await buildDistrict(t.ctx);
    for (let i = 0; i < 5; i++) {
      await insertEndpoint(t.ctx.db, {
        districtId: district.id,
        url: `https://r${i}.example.test/`,
        secret: 'claim-secret-0123456789',
      });
    }
    let queued = 0;
    for (let v = 0; v < 4; v++) {
      const list = await insertSamplingList(t.ctx.db, {
        districtId: district.id,
        snapshot: { entries: [] },
        registryVersion: '2024.1',
        sentBy: null,
      });
      queued += await queueDeliveries(t.ctx.db, district.id, list.id);
      // queuing the same list again adds nothing (unique endpoint × list)
      expect(await queueDeliveries(t.ctx.db, district.id, list.id)).toBe(0);
    }
    expect(queued).toBe(20);

    const claims = await Promise.all([0, 1, 2, 3].map(() => claimDueDeliveries(t.ctx.db, 8, 60_000)));
    const ids = claims.flat().map((d) => d.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(claims.flat().every((d) => d.status === 'sending' && d.attempts === 1)).toBe(true);

    // leased: nothing is due now
    expect(await claimDueDeliveries(t.ctx.db, 50, 60_000)).toHaveLength(0);

    // a delivered row stays delivered even when its lease would have ended
    const first = claims.flat()[0]!;
    await markDelivered(t.ctx.db, first.id, {
      attempt: 1,
      at: new Date().toISOString(),
      statusCode: 200,
      error: null,
      ms: 5,
    });
    await t.ctx.database.query(`update webhook_deliveries set next_attempt_at = now() - interval '1 hour'`);
    const again = await claimDueDeliveries(t.ctx.db, 50, 60_000);
    expect(again.map((d) => d.id)).not.toContain(first.id);
    expect(again).toHaveLength(19);
  });
});
