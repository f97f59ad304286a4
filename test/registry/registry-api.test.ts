import request from 'supertest';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { bundledRegistries } from '../../server/verify/registry/registry';

describe(`rule registry (${testDriver()})`, () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t.app, (await buildUser(t.ctx, 'admin')).username);
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
  });
  afterAll(() => t.close());

  const newest = () => bundledRegistries()[bundledRegistries().length - 1]!;

  test('everyone sees the versions and which one is in force today', async () => {
    const res = await request(t.app).get('/api/registry').set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body.map((v: { version: string }) => v.version)).toEqual(
      bundledRegistries().map((r) => r.version),
    );
    expect(res.body.filter((v: { active: boolean }) => v.active)).toHaveLength(1);
  });

  test('When the admin publishes a version in force today, then it becomes active, is recorded in the audit log, and cannot be overwritten', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const rules = { ...newest(), version: '2099.1', effectiveFrom: today, note: '调整权重（测试）' };
    const res = await request(t.app)
      .post('/api/registry/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ rules });
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ version: '2099.1', source: 'published', active: true });
    const list = await request(t.app).get('/api/registry').set('Authorization', `Bearer ${staff}`);
    expect(list.body.find((v: { active: boolean }) => v.active).version).toBe('2099.1');
    const { rows } = await t.ctx.database.query<{ action: string; resource_id: string }>(
      "select action, resource_id from audit_log where resource_type = 'rule_registry'",
    );
    expect(rows).toEqual([{ action: 'registry.publish', resource_id: '2099.1' }]);
    const again = await request(t.app)
      .post('/api/registry/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ rules });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已存在/);
  });

  test('When a registry document is malformed, then 400 names the field and nothing is stored', async () => {
    const rules = { ...newest(), version: '2099.2', weights: { ITEM_FAILED: { weight: -1, tier: 'high' } } };
    const res = await request(t.app)
      .post('/api/registry/versions')
      .set('Authorization', `Bearer ${admin}`)
      .send({ rules });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.details)).toMatch(/body\.rules\.weights/);
    const { rows } = await t.ctx.database.query(
      "select 1 from rule_registry_versions where version = '2099.2'",
    );
    expect(rows).toHaveLength(0);
  });
});
