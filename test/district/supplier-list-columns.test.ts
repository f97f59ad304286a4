/**
 * The stored supplier list (供货企业名单) holds every supplier of the district with the columns an
 * inspector acts on — through the API preview, a sent list and its XLSX/CSV/JSON exports.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
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
import { contractLines, testReportItems, testReports } from '../../models/schema';
import { binaryParser, csvRows } from '../helpers/downloads';

const INSPECTOR_COLUMNS = [
  '企业名称',
  '统一社会信用代码',
  '住所/所在地',
  '是否在本辖区',
  '管辖市场监管部门',
  '标称生产企业',
  '产品类别',
  '产品名称',
  '商标',
  '规格型号',
  '批号/生产日期',
  '供货数量',
  '涉及学校',
  '检验报告（编号/机构）',
  '不合格项目（实测值/限值）',
  '3C证书编号',
  '列入原因',
];

describe(`supplier list columns for market supervision (${testDriver()})`, () => {
  let t: TestApp;
  let bureau: string;
  let regulator: string;

  beforeAll(async () => {
    t = await startTestApp();
    const district = await buildDistrict(t.ctx, {
      name: '江州市涪溪区',
      bureauName: '江州市涪溪区教育委员会',
    });
    const school = await buildSchool(t.ctx, { districtId: district.id, name: '江州市涪溪区机关幼儿园' });
    // a toy supplier outside the district with a failed item on the report the school handed in
    const toys = await buildSupplier(t.ctx, {
      name: '汕头市澄海区宏泰玩具实业有限公司',
      uscc: '91440515NA3965071M',
    });
    const toyContract = await buildContract(t.ctx, {
      schoolId: school.id,
      supplier: toys,
      contractNumber: 'FXJC-2024-WJ057',
      lines: [{ product: '塑料积木', model: 'HT-01', category: 'plastic_toy' }],
    });
    const toyLine = toyContract.lines[0]!;
    await t.ctx.db
      .update(contractLines)
      .set({ quantity: '120', unit: '套' })
      .where(eq(contractLines.id, toyLine.id));
    const r = await buildReport(t.ctx, {
      schoolId: school.id,
      reportNumber: 'WJ2024-0518',
      labName: '江州市产品质量监督检验研究院',
      client: toys.name,
      sampleModel: 'HT-01',
      trademark: '宏泰',
      batch: 'HT2024-05',
      conclusion: 'fail',
    });
    await t.ctx.db
      .update(testReports)
      .set({ manufacturer: '汕头市澄海区宏泰玩具厂' })
      .where(eq(testReports.id, r.report.id));
    await t.ctx.db.insert(testReportItems).values({
      reportId: r.report.id,
      seq: 1,
      name: '增塑剂 DBP+BBP+DEHP',
      unit: '%',
      requirement: '≤0.1',
      result: '0.35',
      verdict: 'fail',
    });
    await linkReport(t.ctx, toyLine.id, r.document.id);
    await buildFinding(t.ctx, {
      lineId: toyLine.id,
      code: 'ITEM_FAILED',
      registryVersion: '2026.1',
      evidence: [
        { documentId: r.document.id, item: '增塑剂 DBP+BBP+DEHP', text: '增塑剂：0.35%，判定不合格' },
      ],
    });
    // a uniform supplier whose only gap is the school's own sampling
    const uniforms = await buildSupplier(t.ctx, { name: '江州市涪溪区育才服装有限公司' });
    const u = await buildContract(t.ctx, {
      schoolId: school.id,
      supplier: uniforms,
      contractNumber: 'HT-U-1',
    });
    await buildFinding(t.ctx, {
      lineId: u.lines[0]!.id,
      code: 'MISSING_PURCHASER_REPORT',
      registryVersion: '2026.1',
    });
    // a supplier with nothing wrong: still reported
    const clean = await buildSupplier(t.ctx, { name: '江州锦程服饰有限公司', uscc: '91500117221931482T' });
    await buildContract(t.ctx, { schoolId: school.id, supplier: clean, contractNumber: 'HT-C-1' });

    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
  });
  afterAll(() => t.close());

  test('When the bureau previews, then every supplier is listed, supplier-side failures first, the school-side gap next, the clean supplier last, with the inspector columns', async () => {
    const res = await request(t.app)
      .get('/api/sampling-lists/preview')
      .set('Authorization', `Bearer ${bureau}`);
    expect(res.status).toBe(200);
    const entries = res.body.entries;
    expect(entries.map((e: { supplier: string }) => e.supplier)).toEqual([
      '汕头市澄海区宏泰玩具实业有限公司',
      '江州市涪溪区育才服装有限公司',
      '江州锦程服饰有限公司',
    ]);
    expect(entries.map((e: { risk: string }) => e.risk)).toEqual(['high', 'low', 'low']);
    expect(entries[0]).toMatchObject({
      uscc: '91440515NA3965071M',
      categories: ['plastic_toy'],
      manufacturers: ['汕头市澄海区宏泰玩具厂'],
      quantities: [{ product: '塑料积木', model: 'HT-01', quantity: 120, unit: '套' }],
      reports: [{ reportNumber: 'WJ2024-0518', lab: '江州市产品质量监督检验研究院', side: null }],
      failedItems: [
        {
          reportNumber: 'WJ2024-0518',
          lab: '江州市产品质量监督检验研究院',
          item: '增塑剂 DBP+BBP+DEHP',
          result: '0.35',
          requirement: '≤0.1',
          unit: '%',
        },
      ],
      trademarks: ['宏泰'],
      batches: ['HT2024-05'],
      cccNumbers: [],
      location: { inDistrict: false, label: '辖区外（汕头市澄海区）' },
      listedBecause: '检验项目不合格',
    });
    expect(entries[1]).toMatchObject({
      location: { inDistrict: true, basis: 'name' },
      listedBecause: '集中采购供货企业（依通知要求报送）；学校端：缺少采购方（学校）送检报告',
    });
    expect(entries[2]).toMatchObject({
      reasons: [],
      listedBecause: '集中采购供货企业（依通知要求报送）',
      location: { inDistrict: null, label: '未知', jurisdiction: '未知' },
      quantities: [],
      failedItems: [],
    });
  });

  test('When the list is sent and exported, then the XLSX, CSV and JSON carry the inspector columns, empty where unknown', async () => {
    const sent = await request(t.app)
      .post('/api/sampling-lists')
      .set('Authorization', `Bearer ${bureau}`)
      .send({});
    expect(sent.status).toBe(201);
    expect(sent.body.entryCount).toBe(3);

    const csv = await request(t.app)
      .get(`/api/sampling-lists/${sent.body.id as string}/export?format=csv`)
      .set('Authorization', `Bearer ${regulator}`)
      .buffer(true)
      .parse(binaryParser);
    expect(csv.status).toBe(200);
    const [header, toy, , clean] = csvRows(csv.body as Buffer);
    for (const h of INSPECTOR_COLUMNS) expect(header).toContain(h);
    const cell = (row: string[] | undefined, h: string) => row?.[header!.indexOf(h)];
    expect(cell(toy, '企业名称')).toBe('汕头市澄海区宏泰玩具实业有限公司');
    expect(cell(toy, '住所/所在地')).toBe('汕头市澄海区');
    expect(cell(toy, '是否在本辖区')).toBe('辖区外（汕头市澄海区）');
    expect(cell(toy, '标称生产企业')).toBe('汕头市澄海区宏泰玩具厂');
    expect(cell(toy, '产品类别')).toBe('塑料制品玩具');
    expect(cell(toy, '供货数量')).toBe('塑料积木（HT-01） 120套');
    expect(cell(toy, '检验报告（编号/机构）')).toBe('WJ2024-0518（江州市产品质量监督检验研究院）');
    expect(cell(toy, '不合格项目（实测值/限值）')).toBe(
      '增塑剂 DBP+BBP+DEHP 实测0.35% 限值≤0.1（报告WJ2024-0518）',
    );
    expect(cell(toy, '涉及学校')).toBe('江州市涪溪区机关幼儿园');
    expect(cell(toy, '列入原因')).toBe('检验项目不合格');
    expect(cell(clean, '企业名称')).toBe('江州锦程服饰有限公司');
    expect(cell(clean, '是否在本辖区')).toBe('未知');
    expect(cell(clean, '住所/所在地')).toBe('');
    expect(cell(clean, '不合格项目（实测值/限值）')).toBe('');
    expect(cell(clean, '列入原因')).toBe('集中采购供货企业（依通知要求报送）');

    const xlsx = await request(t.app)
      .get(`/api/sampling-lists/${sent.body.id as string}/export?format=xlsx`)
      .set('Authorization', `Bearer ${regulator}`)
      .buffer(true)
      .parse(binaryParser);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ExcelJS.Buffer);
    const ws = wb.getWorksheet('供货企业名单')!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    for (const h of INSPECTOR_COLUMNS) expect(headers).toContain(h);
    expect(ws.getCell(4, headers.indexOf('3C证书编号') + 1).text).toBe('');
    expect(ws.getCell(6, headers.indexOf('列入原因') + 1).text).toBe('集中采购供货企业（依通知要求报送）');

    const json = await request(t.app)
      .get(`/api/sampling-lists/${sent.body.id as string}/export?format=json`)
      .set('Authorization', `Bearer ${regulator}`);
    const parsed = JSON.parse(Buffer.isBuffer(json.body) ? json.body.toString('utf8') : json.text);
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.entries[0].failedItems[0]).toMatchObject({ result: '0.35', requirement: '≤0.1' });
  });
});
