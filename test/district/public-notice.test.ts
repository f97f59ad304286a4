/**
 * 双送检结果公示: a school's notice lists its verified-compliant lines with each side's lab, report
 * number, date and conclusion and the verification date, the other lines as pending; the PDF is made
 * offline with an embedded CJK font, so its text reads back in Chinese.
 */
import request from 'supertest';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { seedDevDistrict, type DevDistrict } from '../helpers/district-builders';
import { readPdfText } from '../../server/extract/pdf-sandbox';

describe(`the school's 双送检 public notice (${testDriver()})`, () => {
  let t: TestApp;
  let dev: DevDistrict;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    const district = await buildDistrict(t.ctx, {
      name: '江州市涪溪区',
      bureauName: '江州市涪溪区教育委员会',
    });
    dev = await seedDevDistrict(t.ctx, district.id);
    staff = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'school_staff', { schoolId: dev.schools.S0.id })).username,
    );
  }, 180_000);
  afterAll(() => t.close());

  test('When the notice is opened, then verified lines show both sides’ reports and the rest is pending', async () => {
    const res = await request(t.app)
      .get(`/api/compliance/schools/${dev.schools.S0.id}/public-notice`)
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body.school.name).toBe('江州市涪溪区实验小学');
    const summer = res.body.verified.find((v: { model: string }) => v.model === 'JC24-X15');
    expect(summer).toMatchObject({
      contractNumber: 'JZCG2024-4851',
      supplier: '江州锦程服饰有限公司',
      supplierReports: [expect.objectContaining({ reportNumber: 'ZH240311313', conclusion: 'pass' })],
      schoolReports: [expect.objectContaining({ reportNumber: 'HBT24-662290-TX', conclusion: 'pass' })],
      verifiedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(summer.supplierReports[0].labName).toEqual(expect.any(String));
    for (const p of res.body.pending) expect(p.statusLabel).toMatch(/存在问题|待提交报告/);
  });

  test('When the PDF is downloaded, then it is a PDF whose text reads back in Chinese', async () => {
    const res = await request(t.app)
      .get(`/api/compliance/schools/${dev.schools.S0.id}/public-notice?format=pdf`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await readPdfText(new Uint8Array(pdf))).pages.join('\n').replace(/\s+/g, '');
    expect(text).toContain('江州市涪溪区实验小学');
    expect(text).toContain('双送检');
    expect(text).toContain('ZH240311313');
    expect(text).toContain('江州锦程服饰有限公司');
    // The font is embedded as a subset: the file stays small.
    expect(pdf.length).toBeLessThan(400_000);
  });

  test('When staff of another school ask for this notice, then it is not found', async () => {
    const res = await request(t.app)
      .get(`/api/compliance/schools/${dev.schools.S1.id}/public-notice`)
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(404);
  });
});
