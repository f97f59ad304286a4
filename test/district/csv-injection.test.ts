/**
 * Exports safe to open (OWASP CSV injection): a supplier name, product, trademark, batch or report
 * number typed or corrected to a spreadsheet formula reaches market supervision's CSV as text, never
 * as a formula — in the preview the bureau downloads and in the sent list the regulator exports.
 * (The browser-built CSV of the compliance table is covered in server/export/csv.test.ts.)
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
import {
  buildContract,
  buildFinding,
  buildReport,
  buildSupplier,
  linkReport,
} from '../helpers/district-builders';
import { binaryParser, csvRows } from '../helpers/downloads';

const HOSTILE_SUPPLIER = '=HYPERLINK("http://evil.example/x","点击查看详情")';

/** Every cell a spreadsheet would evaluate as a formula. */
const formulaCells = (rows: string[][]) => rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));

describe(`CSV exports neutralise formulas (${testDriver()})`, () => {
  let t: TestApp;
  let bureau: string;
  let regulator: string;

  beforeAll(async () => {
    t = await startTestApp();
    const district = await buildDistrict(t.ctx);
    const school = await buildSchool(t.ctx, { districtId: district.id });
    const supplier = await buildSupplier(t.ctx, { name: HOSTILE_SUPPLIER, uscc: '@91500000MA5U7XXXXX' });
    const { lines } = await buildContract(t.ctx, {
      schoolId: school.id,
      supplier,
      contractNumber: '-1+1',
      lines: [{ product: '+校服套装', model: '\t=1+1' }],
    });
    const { document } = await buildReport(t.ctx, {
      schoolId: school.id,
      reportNumber: '@SUM(A1:A3)',
      batch: '-2024',
      trademark: "=cmd|'/C calc'!A0",
      conclusion: 'fail',
    });
    await linkReport(t.ctx, lines[0]!.id, document.id);
    await buildFinding(t.ctx, { lineId: lines[0]!.id, code: 'ITEM_FAILED' });
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
  });
  afterAll(() => t.close());

  async function csvOf(url: string, token: string): Promise<string[][]> {
    const res = await request(t.app)
      .get(url)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binaryParser);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    return csvRows(res.body as Buffer);
  }

  test('When the bureau downloads the preview as CSV, then the hostile supplier name is text, not a formula', async () => {
    const rows = await csvOf('/api/sampling-lists/preview?format=csv', bureau);
    const nameCol = rows[0]!.indexOf('企业名称');
    expect(rows[1]![nameCol]).toBe(`'${HOSTILE_SUPPLIER}`);
    // the report number leads its cell (检验报告（编号/机构）: number, then the lab)
    expect(rows[1]![rows[0]!.indexOf('检验报告（编号/机构）')]).toBe(`'@SUM(A1:A3)（江州市纤维织品检验所）`);
    expect(formulaCells(rows)).toEqual([]);
  });

  test('When the regulator exports a sent list as CSV, then no cell can run as a formula', async () => {
    const sent = await request(t.app)
      .post('/api/sampling-lists')
      .set('Authorization', `Bearer ${bureau}`)
      .send({});
    expect(sent.status).toBe(201);
    const rows = await csvOf(`/api/sampling-lists/${sent.body.id as string}/export?format=csv`, regulator);
    const nameCol = rows[0]!.indexOf('企业名称');
    expect(rows[1]![nameCol]).toBe(`'${HOSTILE_SUPPLIER}`);
    expect(rows[1]![rows[0]!.indexOf('统一社会信用代码')]).toBe(`'@91500000MA5U7XXXXX`);
    expect(formulaCells(rows)).toEqual([]);
    // The JSON snapshot keeps the name exactly as stored (neutralising is a CSV concern only).
    const json = await request(t.app)
      .get(`/api/sampling-lists/${sent.body.id as string}`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(json.body.snapshot.entries[0].supplier).toBe(HOSTILE_SUPPLIER);
  });
});
