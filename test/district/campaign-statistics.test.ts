/**
 * 成果统计表 (issue 10 point 8): recorded results carry a kind (监督抽查 / 风险监测), and the table counts
 * each kind in its own group for the chosen campaign period.
 */
import request from 'supertest';
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract } from '../helpers/district-builders';
import type { District } from '../../models/district.repository';

describe(`campaign statistics (${testDriver()})`, () => {
  let t: TestApp;
  let district: District;
  let regulator: string;
  let bureau: string;
  /** Suppliers that delivered to schools of `district`. */
  let suppliers: { id: string; name: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    district = await buildDistrict(t.ctx, { name: '安澜市枫林区', bureauName: '安澜市枫林区教育局' });
    const school = await buildSchool(t.ctx, { districtId: district.id });
    suppliers = [];
    for (let i = 0; i < 3; i++) {
      suppliers.push((await buildContract(t.ctx, { schoolId: school.id })).supplier);
    }
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
  });
  afterAll(() => t.close());

  const record = (body: Record<string, unknown>) =>
    request(t.app).post('/api/sampling-results').set('Authorization', `Bearer ${regulator}`).send(body);

  test('When market supervision records a result without a kind, then it is 监督抽查; 风险监测 is kept as such; an unknown kind is refused', async () => {
    const plain = await record({ supplierId: suppliers[0]!.id, sampledBatches: 1, failedBatches: 0 });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ kind: 'supervision', kindLabel: '监督抽查' });

    const risk = await record({
      supplierId: suppliers[1]!.id,
      kind: 'risk_monitoring',
      sampledBatches: 3,
      failedBatches: 1,
      failingItems: ['甲醛含量'],
    });
    expect(risk.status).toBe(201);
    expect(risk.body).toMatchObject({ kind: 'risk_monitoring', kindLabel: '风险监测' });
    const inbox = await request(t.app).get('/api/notifications').set('Authorization', `Bearer ${bureau}`);
    expect(inbox.body.map((n: { title: string }) => n.title)).toContain(
      `风险监测结果：${suppliers[1]!.name} 抽查 3 批次，1 批次不合格`,
    );

    const bad = await record({
      supplierId: suppliers[2]!.id,
      kind: 'inspection',
      sampledBatches: 1,
      failedBatches: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details[0]).toMatchObject({
      field: 'body.kind',
      message: expect.stringMatching(/抽查类别/),
    });

    const listed = await request(t.app).get('/api/sampling-results').set('Authorization', `Bearer ${bureau}`);
    expect(listed.body.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'risk_monitoring',
      'supervision',
    ]);
  });
});
