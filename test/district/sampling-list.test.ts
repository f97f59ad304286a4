import ExcelJS from 'exceljs';
import request from 'supertest';
import { buildDistrict, buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { DEV_EXPECTED_ORDER, seedDevDistrict, type DevDistrict } from '../helpers/district-builders';
import { buildSamplingList } from '../../server/use-cases/sampling/build-sampling-list';
import type { District } from '../../models/district.repository';
import { binaryParser } from '../helpers/downloads';

describe(`sampling list for market supervision (${testDriver()})`, () => {
  let t: TestApp;
  let district: District;
  let dev: DevDistrict;
  let bureau: string;
  let regulator: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    district = await buildDistrict(t.ctx, { name: '江州市涪溪区', bureauName: '江州市涪溪区教育委员会' });
    dev = await seedDevDistrict(t.ctx, district.id);
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
    admin = await tokenFor(t.app, (await buildUser(t.ctx, 'admin')).username);
  });
  afterAll(() => t.close());

  test('When the bureau previews the list, then every supplier is ranked as in the MANIFEST with reasons, schools and contracts, the one without findings last', async () => {
    const res = await request(t.app)
      .get('/api/sampling-lists/preview')
      .set('Authorization', `Bearer ${bureau}`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as Array<
      Record<string, unknown> & {
        supplier: string;
        reasons: string[];
        supervision: Record<string, string>;
        reasonDetails: unknown[];
      }
    >;
    expect(entries.map((e) => e.supplier)).toEqual(DEV_EXPECTED_ORDER);
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries.map((e) => e.risk)).toEqual(['high', 'high', 'high', 'medium', 'medium', 'low']);
    expect(entries[0]).toMatchObject({
      reasons: [
        'ITEM_FAILED',
        'CONCLUSION_CONTRADICTS_ITEMS',
        'REQUIRED_ITEM_MISSING',
        'REQUIRED_STANDARD_MISSING',
      ],
      schools: ['江州市涪溪区书院路小学', '江州市涪溪区鹤鸣初级中学'],
      contracts: ['JZCG2024-4740', 'JZCG2024-5934'],
      uscc: '915001177C1905906E',
    });
    expect(entries[1]!.reasons).toEqual(['ITEM_FAILED', 'DUPLICATE_REPORT_NUMBER', 'STANDARD_SUPERSEDED']);
    expect(entries[2]!.reasons).toEqual(['ITEM_FAILED', 'NO_CMA', 'MISSING_PURCHASER_REPORT']);
    expect(entries[3]!.reasons).toEqual(['DUPLICATE_REPORT_NUMBER', 'INVALID_USCC']);
    expect(entries[4]).toMatchObject({
      reasons: [
        'PRODUCT_MISMATCH',
        'CLIENT_MISMATCH',
        'MISSING_SUPPLIER_REPORT',
        'REPORT_OUT_OF_DATE_WINDOW',
      ],
      schools: ['江州市涪溪区机关幼儿园', '江州市涪溪区金桥幼儿园', '江州市涪溪中学校'],
      contracts: ['机关幼采〔2024〕30号', 'JZCG2024-8299', '金桥幼采〔2024〕3号', 'FXJC-2024-BR032'],
    });
    // weights come from the registry: 博雅 = 100 + 90 + 22 + 20
    expect(entries[0]).toMatchObject({ maxWeight: 100, score: 232 });
    // a supplier with no finding is listed, last, because the notice wants every supplier reported
    expect(entries[5]).toMatchObject({
      supplier: '江州锦程服饰有限公司',
      risk: 'low',
      reasons: [],
      score: 0,
      listedBecause: '集中采购供货企业（依通知要求报送）',
    });
    expect((entries[5]!.lines as unknown[]).length).toBeGreaterThan(0);
    // 宏泰 lacks a school's sampling on one line: a school-side gap, counted apart from its failures
    expect(entries[2]).toMatchObject({
      supplierSide: { maxWeight: 100, score: 150 },
      schoolSide: { maxWeight: 40, score: 40 },
      listedBecause: '检验项目不合格、无CMA资质标志；学校端：缺少采购方（学校）送检报告',
      location: { inDistrict: false, place: '汕头市澄海区', label: '辖区外（汕头市澄海区）' },
    });
    expect(entries[0]).toMatchObject({
      categories: ['school_uniform'],
      location: { inDistrict: null, label: '未知（江州市）', jurisdiction: '未知' },
    });
    // market-supervision columns
    expect(entries[0]!.supervision).toMatchObject({
      企业名称: '江州市博雅学生服装有限公司',
      统一社会信用代码: '915001177C1905906E',
      抽样场所: '江州市涪溪区书院路小学、江州市涪溪区鹤鸣初级中学',
    });
    expect(entries[0]!.supervision.报告编号).toContain('WT2024-2281');
    // every line the supplier delivered, the compliant one (BY24-C11) too
    expect(entries[0]!.supervision.规格型号).toBe('BY24-X24、BY24-D10、BY24-C11');
    expect(entries[0]!.supervision['生产日期/批号']).toContain('BY24-X24-2024A');
    expect(entries[0]!.reasonDetails[0]).toMatchObject({
      code: 'ITEM_FAILED',
      label: '检验项目不合格',
      weight: 100,
      count: 1,
    });
    // nothing stored by a preview
    const { rows } = await t.ctx.database.query<{ n: number }>(
      'select count(*)::int as n from sampling_lists',
    );
    expect(rows[0]!.n).toBe(0);
  });

  test('When the bureau exports the preview, then it downloads as CSV with a BOM before anything is sent', async () => {
    const res = await request(t.app)
      .get('/api/sampling-lists/preview?format=csv')
      .set('Authorization', `Bearer ${bureau}`)
      .buffer(true)
      .parse(binaryParser);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('江州市博雅学生服装有限公司');
  });

  test('buildSamplingList(db, districtId) is callable directly (benchmark entry point)', async () => {
    const list = await buildSamplingList(t.ctx.db, district.id);
    expect(list.entries).toHaveLength(6);
    expect(list.version).toBeNull();
  });

  test('When the bureau sends the list, then a version is stored, the regulator is notified, and sending the same content again stores nothing', async () => {
    const sent = await request(t.app)
      .post('/api/sampling-lists')
      .set('Authorization', `Bearer ${bureau}`)
      .send({});
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ version: 1, entryCount: 6, alreadySent: false });
    const again = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: sent.body.id, version: 1, alreadySent: true });

    const inbox = await request(t.app).get('/api/notifications').set('Authorization', `Bearer ${regulator}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toHaveLength(1);
    expect(inbox.body[0]).toMatchObject({ kind: 'sampling_list.sent', read: false });
    expect(inbox.body[0].title).toMatch(/供货企业名单（第1版）/);
    const read = await request(t.app)
      .post(`/api/notifications/${inbox.body[0].id}/read`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);

    const history = await request(t.app)
      .get('/api/sampling-lists')
      .set('Authorization', `Bearer ${regulator}`);
    expect(history.body).toHaveLength(1);
    const detail = await request(t.app)
      .get(`/api/sampling-lists/${sent.body.id}`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(detail.status).toBe(200);
    expect(detail.body.snapshot.version).toBe(1);
    expect(detail.body.snapshot.entries.map((e: { supplier: string }) => e.supplier)).toEqual(
      DEV_EXPECTED_ORDER,
    );
  });

  test('When the regulator exports the list, then XLSX parses back with Chinese headers, CSV starts with a BOM, JSON is the snapshot', async () => {
    const [list] = (
      await request(t.app).get('/api/sampling-lists').set('Authorization', `Bearer ${regulator}`)
    ).body;
    const xlsx = await request(t.app)
      .get(`/api/sampling-lists/${list.id}/export?format=xlsx`)
      .set('Authorization', `Bearer ${regulator}`)
      .buffer(true)
      .parse(binaryParser);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ExcelJS.Buffer);
    const ws = wb.getWorksheet('供货企业名单')!;
    expect(ws.getCell(1, 1).text).toContain('江州市涪溪区学生用品供货企业名单（第1版）');
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    for (const h of [
      '企业名称',
      '统一社会信用代码',
      '住所/所在地',
      '是否在本辖区',
      '产品名称',
      '商标',
      '规格型号',
      '批号/生产日期',
      '涉及学校',
      '检验报告（编号/机构）',
      '列入原因',
    ]) {
      expect(headers).toContain(h);
    }
    const nameCol = headers.indexOf('企业名称') + 1;
    expect([4, 5, 6, 7, 8, 9].map((r) => ws.getCell(r, nameCol).value)).toEqual(DEV_EXPECTED_ORDER);
    expect(wb.getWorksheet('明细')!.rowCount).toBeGreaterThan(6);

    const csv = await request(t.app)
      .get(`/api/sampling-lists/${list.id}/export?format=csv`)
      .set('Authorization', `Bearer ${regulator}`)
      .buffer(true)
      .parse(binaryParser);
    expect(csv.status).toBe(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain(
      '序号,风险等级,企业名称,统一社会信用代码,住所/所在地,是否在本辖区,管辖市场监管部门,标称生产企业,产品类别,产品名称,商标,规格型号,批号/生产日期,供货数量,涉及学校,检验报告（编号/机构）,不合格项目（实测值/限值）,3C证书编号,列入原因',
    );
    expect(text.split('\r\n')[1]).toContain('江州市博雅学生服装有限公司');

    const json = await request(t.app)
      .get(`/api/sampling-lists/${list.id}/export?format=json`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(json.status).toBe(200);
    const parsed = JSON.parse(Buffer.isBuffer(json.body) ? json.body.toString('utf8') : json.text);
    expect(parsed.entries).toHaveLength(6);
  });

  test('When the regulator acknowledges, then it is recorded once; a second ack is 409 ALREADY_ACKNOWLEDGED', async () => {
    const [list] = (
      await request(t.app).get('/api/sampling-lists').set('Authorization', `Bearer ${regulator}`)
    ).body;
    const ack = await request(t.app)
      .post(`/api/sampling-lists/${list.id}/ack`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toBeTruthy();
    const again = await request(t.app)
      .post(`/api/sampling-lists/${list.id}/ack`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_ACKNOWLEDGED' });
    expect(again.body.message).toMatch(/已确认/);
  });

  test('When market supervision records failed batches for a supplier, then it ranks higher on the next preview and the bureau sees the result', async () => {
    const before = (
      await request(t.app).get('/api/sampling-lists/preview').set('Authorization', `Bearer ${bureau}`)
    ).body;
    const tongle = dev.suppliers.G1;
    expect(before.entries.findIndex((e: { supplier: string }) => e.supplier === tongle.name)).toBe(4);
    const [list] = (
      await request(t.app).get('/api/sampling-lists').set('Authorization', `Bearer ${regulator}`)
    ).body;
    const rec = await request(t.app)
      .post('/api/sampling-results')
      .set('Authorization', `Bearer ${regulator}`)
      .send({
        supplierId: tongle.id,
        listId: list.id,
        sampledBatches: 2,
        failedBatches: 1,
        failingItems: ['纤维含量'],
        reportNumbers: ['JZ2025-CC-0001'],
        sampledOn: new Date().toISOString().slice(0, 10),
      });
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({ supplierName: tongle.name, failedBatches: 1 });

    const after = (
      await request(t.app).get('/api/sampling-lists/preview').set('Authorization', `Bearer ${bureau}`)
    ).body;
    const idx = after.entries.findIndex((e: { supplier: string }) => e.supplier === tongle.name);
    expect(idx).toBeLessThan(4);
    const entry = after.entries[idx];
    expect(entry.risk).toBe('high');
    expect(entry.reasons[0]).toBe('SAMPLING_FAILED');
    expect(entry.officialSampling).toMatchObject({
      sampledBatches: 2,
      failedBatches: 1,
      failingItems: ['纤维含量'],
    });

    const seen = await request(t.app).get('/api/sampling-results').set('Authorization', `Bearer ${bureau}`);
    expect(seen.status).toBe(200);
    expect(seen.body.map((r: { supplierId: string }) => r.supplierId)).toContain(tongle.id);
    const inbox = await request(t.app).get('/api/notifications').set('Authorization', `Bearer ${bureau}`);
    expect(inbox.body[0].title).toMatch(/1 批次不合格/);

    // the changed list can be sent as version 2
    const v2 = await request(t.app).post('/api/sampling-lists').set('Authorization', `Bearer ${bureau}`);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
  });

  test('When the regulator opens a supplier, then its findings across schools and years, sampling results and lists are shown', async () => {
    const list = await request(t.app).get('/api/suppliers').set('Authorization', `Bearer ${regulator}`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(6);
    const boya = list.body.find((s: { name: string }) => s.name === '江州市博雅学生服装有限公司');
    expect(boya).toMatchObject({
      schools: 2,
      contracts: 2,
      lines: 4,
      linesWithFindings: 3,
      findings: 4,
      risk: 'high',
    });
    const g1 = await request(t.app)
      .get(`/api/suppliers/${dev.suppliers.G1.id}`)
      .set('Authorization', `Bearer ${regulator}`);
    expect(g1.status).toBe(200);
    expect(g1.body.findings.length).toBe(6);
    expect(g1.body.findingsByYear).toEqual({ '2024': 6 });
    expect(g1.body.samplingResults).toHaveLength(1);
    expect(g1.body.lists.map((l: { version: number }) => l.version).sort()).toEqual([1, 2]);
  });

  test('When the bureau asks for statistics, then the 监督抽查 block and coverage are computed, as JSON and as XLSX', async () => {
    const res = await request(t.app).get('/api/statistics').set('Authorization', `Bearer ${bureau}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schools: 8, contracts: 14, lines: 23, suppliers: 6 });
    expect(res.body.supervision).toMatchObject({ enterprises: 1, batches: 2, failedBatches: 1 });
    // dual-covered: every line except the two with a missing side (3 lines: MISSING_* findings)
    expect(res.body.dualCoveredLines).toBe(20);
    expect(res.body.findingsByCode.find((f: { code: string }) => f.code === 'ITEM_FAILED')).toMatchObject({
      findings: 3,
      suppliers: 3,
    });

    const xlsx = await request(t.app)
      .get(`/api/statistics?format=xlsx&districtId=${district.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binaryParser);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ExcelJS.Buffer);
    const ws = wb.getWorksheet('成果统计表')!;
    const header3 = (ws.getRow(3).values as unknown[]).map(String);
    expect(header3).toContain('监督抽查');
    const header4 = (ws.getRow(4).values as unknown[]).map(String);
    const col = (h: string) => header4.indexOf(h);
    expect(ws.getRow(5).getCell(col('抽查企业数（家）')).value).toBe(1);
    expect(ws.getRow(5).getCell(col('抽查批次（批次）')).value).toBe(2);
    expect(ws.getRow(5).getCell(col('不合格批次（批次）')).value).toBe(1);
  });
});
