/**
 * 成果统计表 (issue 10 point 8): recorded results carry a kind (监督抽查 / 风险监测), and the table counts
 * each kind in its own group for the chosen campaign period.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { and, eq } from 'drizzle-orm';
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildContract, buildSupplier } from '../helpers/district-builders';
import type { District } from '../../models/district.repository';
import { insertSamplingResult } from '../../models/sampling.repository';
import { auditLog, campaignStatisticsEntries } from '../../models/schema';
import { campaignStatistics } from '../../server/use-cases/compliance/campaign-statistics';
import { STATISTICS_LAYOUT } from '../../server/sampling/statistics.layout';
import { STATISTICS_ROWS, STATISTICS_SHEET } from '../../server/sampling/statistics.export';
import type { CampaignStatistics } from '../../server/sampling/statistics.types';
import { binaryParser } from '../helpers/downloads';

/** The value of one cell of the table, by column key. */
function cell(s: CampaignStatistics, key: string): number | null | undefined {
  for (const g of s.campaign.groups) for (const c of g.columns) if (c.key === key) return c.value;
  return undefined;
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
function letters(n: number): string {
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

const P2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };

describe(`campaign statistics (${testDriver()})`, () => {
  let t: TestApp;
  let district: District;
  let regulator: string;
  let bureau: string;
  let school: string;
  let otherDistrict: District;
  /** Suppliers that delivered to schools of `district`. */
  let suppliers: { id: string; name: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    district = await buildDistrict(t.ctx, { name: '安澜市枫林区', bureauName: '安澜市枫林区教育局' });
    const schoolRow = await buildSchool(t.ctx, { districtId: district.id });
    suppliers = [];
    for (let i = 0; i < 3; i++) {
      suppliers.push((await buildContract(t.ctx, { schoolId: schoolRow.id })).supplier);
    }
    regulator = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'regulator', { districtId: district.id })).username,
    );
    bureau = await tokenFor(t.app, (await buildUser(t.ctx, 'bureau', { districtId: district.id })).username);
    school = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'school_staff', { schoolId: schoolRow.id })).username,
    );
    otherDistrict = await buildDistrict(t.ctx, { name: '安澜市青石区' });

    // Results of 2025 in this district (and around it), and one in another district.
    const db = t.ctx.db;
    const base = { listId: null, failingItems: [], reportNumbers: [], note: null, recordedBy: null };
    const put = (r: {
      districtId?: string;
      supplierId: string;
      kind: 'supervision' | 'risk_monitoring';
      sampledOn: string | null;
      sampledBatches: number;
      failedBatches: number;
      failingItems?: string[];
    }) => insertSamplingResult(db, { ...base, districtId: district.id, ...r });
    const [s0, s1, s2] = suppliers.map((x) => x.id) as [string, string, string];
    await put({
      supplierId: s0,
      kind: 'supervision',
      sampledOn: '2025-01-01',
      sampledBatches: 4,
      failedBatches: 1,
      failingItems: ['pH值'],
    });
    await put({
      supplierId: s1,
      kind: 'supervision',
      sampledOn: '2025-12-31',
      sampledBatches: 2,
      failedBatches: 0,
    });
    await put({
      supplierId: s0,
      kind: 'supervision',
      sampledOn: '2024-12-31',
      sampledBatches: 5,
      failedBatches: 5,
      failingItems: ['甲醛含量'],
    });
    await put({
      supplierId: s0,
      kind: 'supervision',
      sampledOn: '2026-01-01',
      sampledBatches: 9,
      failedBatches: 9,
      failingItems: ['甲醛含量'],
    });
    await put({
      supplierId: s2,
      kind: 'risk_monitoring',
      sampledOn: '2025-06-01',
      sampledBatches: 3,
      failedBatches: 2,
      failingItems: ['纤维含量'],
    });
    const elsewhere = await buildSupplier(t.ctx);
    await put({
      districtId: otherDistrict.id,
      supplierId: elsewhere.id,
      kind: 'supervision',
      sampledOn: '2025-05-05',
      sampledBatches: 7,
      failedBatches: 3,
      failingItems: ['pH值'],
    });
    await put({
      districtId: otherDistrict.id,
      supplierId: elsewhere.id,
      kind: 'risk_monitoring',
      sampledOn: '2025-05-05',
      sampledBatches: 8,
      failedBatches: 8,
      failingItems: ['pH值'],
    });
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
    const kindOf = (id: string) =>
      (listed.body as { id: string; kind: string }[]).find((r) => r.id === id)?.kind;
    expect(kindOf(plain.body.id)).toBe('supervision');
    expect(kindOf(risk.body.id)).toBe('risk_monitoring');
  });

  test('When the 成果统计表 is built for 2025, then 监督抽查 and 风险监测 count only this district’s results of each kind sampled within the period', async () => {
    const s = await campaignStatistics(t.ctx.db, district.id, {
      period: { start: '2025-01-01', end: '2025-12-31' },
    });
    // 2025-01-01 and 2025-12-31 count (both ends included); 2024-12-31, 2026-01-01, today's and the other district's do not
    expect(s.supervision).toMatchObject({ enterprises: 2, batches: 6, failedBatches: 1, failedPct: 16.7 });
    expect(s.supervision.failingItems).toEqual([{ item: 'pH值', batches: 1 }]);
    expect(s.riskMonitoring).toMatchObject({ enterprises: 1, batches: 3, failedBatches: 2, failedPct: 66.7 });
    expect(s.riskMonitoring.failingItems).toEqual([{ item: '纤维含量', batches: 1 }]);
    expect(cell(s, 'supervisionBatches')).toBe(6);
    expect(cell(s, 'supervisionFailedBatches')).toBe(1);
    expect(cell(s, 'supervisionFailedPct')).toBe(16.7);
    expect(cell(s, 'riskEnterprises')).toBe(1);
    expect(cell(s, 'riskBatches')).toBe(3);
    expect(cell(s, 'riskFailedBatches')).toBe(2);
    // nothing typed yet: the typed groups are blank, 填报单位 is the district's market-supervision bureau
    expect(cell(s, 'casesOpened')).toBeNull();
    expect(s.campaign).toMatchObject({
      period: { start: '2025-01-01', end: '2025-12-31' },
      reportingUnit: '安澜市枫林区市场监督管理局',
      savedBy: null,
    });
    expect(s.campaign.groups.map((g) => g.title)).toEqual([
      '监督抽查',
      '风险监测',
      '监督检查',
      '执法办案',
      '打击查处',
      '行政指导和约谈',
      '帮扶和宣传',
      '行业自律',
    ]);

    // a period with no results: counts 0, rates blank (not 0 %)
    const empty = await campaignStatistics(t.ctx.db, district.id, {
      period: { start: '2023-01-01', end: '2023-06-30' },
    });
    expect(cell(empty, 'supervisionBatches')).toBe(0);
    expect(cell(empty, 'supervisionFailedPct')).toBeNull();
    expect(cell(empty, 'riskFailedPct')).toBeNull();

    // the other district counts its own
    const other = await campaignStatistics(t.ctx.db, otherDistrict.id, {
      period: { start: '2025-01-01', end: '2025-12-31' },
    });
    expect(other.supervision).toMatchObject({ enterprises: 1, batches: 7, failedBatches: 3 });
    expect(other.riskMonitoring).toMatchObject({ batches: 8, failedBatches: 8 });
  });

  const save = (token: string, body: Record<string, unknown>) =>
    request(t.app).put('/api/statistics/cells').set('Authorization', `Bearer ${token}`).send(body);
  const auditRows = () =>
    t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'statistics.enter'), eq(auditLog.districtId, district.id)));

  test('When the regulator types the other groups’ cells for 2025, then they are stored for the district and period with who and when, audited, and shown to the bureau', async () => {
    const res = await save(regulator, {
      ...P2025,
      reportingUnit: '安澜市枫林区市场监督管理局枫林市场监管所',
      cells: {
        inspectedProducers: 12,
        inspectedMarkets: 30,
        casesOpened: 3,
        casesClosed: 2,
        finesAmount: 4.5,
        outreachEvents: 6,
      },
    });
    expect(res.status).toBe(200);
    const s = res.body as CampaignStatistics;
    expect(s.campaign.reportingUnit).toBe('安澜市枫林区市场监督管理局枫林市场监管所');
    expect(cell(s, 'casesOpened')).toBe(3);
    expect(cell(s, 'finesAmount')).toBe(4.5);
    expect(cell(s, 'supervisionBatches')).toBe(6);
    expect(s.campaign.savedBy).toBe('regulator 测试');
    expect(Date.parse(s.campaign.savedAt!)).toBeGreaterThan(Date.now() - 60_000);

    // the bureau reads the same period; another period is untouched
    const seen = await request(t.app)
      .get('/api/statistics?periodStart=2025-01-01&periodEnd=2025-12-31')
      .set('Authorization', `Bearer ${bureau}`);
    expect(seen.status).toBe(200);
    expect(cell(seen.body, 'inspectedProducers')).toBe(12);
    expect(cell(seen.body, 'outreachEvents')).toBe(6);
    const h1 = await request(t.app)
      .get('/api/statistics?periodStart=2025-01-01&periodEnd=2025-06-30')
      .set('Authorization', `Bearer ${bureau}`);
    expect(cell(h1.body, 'inspectedProducers')).toBeNull();

    // saving again replaces the period's cells; the audit keeps before and after
    const again = await save(regulator, {
      ...P2025,
      reportingUnit: '安澜市枫林区市场监督管理局',
      cells: { casesOpened: 4 },
    });
    expect(again.status).toBe(200);
    expect(cell(again.body, 'casesOpened')).toBe(4);
    expect(cell(again.body, 'inspectedProducers')).toBeNull();
    const rows = await t.ctx.db
      .select()
      .from(campaignStatisticsEntries)
      .where(eq(campaignStatisticsEntries.districtId, district.id));
    expect(rows).toHaveLength(1);
    const audits = await auditRows();
    expect(audits).toHaveLength(2);
    const last = audits.find((a) => (a.details as { before: unknown }).before !== null)!;
    expect(last.details).toMatchObject({
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      before: { casesOpened: 3, finesAmount: 4.5 },
      after: { casesOpened: 4 },
    });
  });

  test('When the bureau or a school tries to type cells, then it is refused and nothing is stored', async () => {
    const before = await auditRows();
    for (const token of [bureau, school]) {
      const res = await save(token, { ...P2025, reportingUnit: '某单位', cells: { casesOpened: 99 } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // a regulator cannot type another district's table
    const res = await save(regulator, {
      ...P2025,
      districtId: otherDistrict.id,
      reportingUnit: '某单位',
      cells: { casesOpened: 99 },
    });
    expect(res.status).toBe(404);
    expect(await auditRows()).toHaveLength(before.length);
    const s = await campaignStatistics(t.ctx.db, district.id, {
      period: { start: '2025-01-01', end: '2025-12-31' },
    });
    expect(cell(s, 'casesOpened')).toBe(4);
  });

  test.each([
    ['a negative count', { casesOpened: -1 }, 'cells.casesOpened', /执法办案·立案（起）.*不能为负数/],
    [
      'a fraction of a count',
      { recalledItems: 2.5 },
      'cells.recalledItems',
      /打击查处·召回缺陷产品（件）.*须为整数/,
    ],
    ['a negative amount', { finesAmount: -0.5 }, 'cells.finesAmount', /罚没金额（万元）.*不能为负数/],
    ['an amount below the yuan', { finesAmount: 1.23456 }, 'cells.finesAmount', /4 位小数/],
    ['text for a number', { guidanceTimes: '三' }, 'cells.guidanceTimes', /须为数字/],
    [
      'a cell the service counts',
      { supervisionBatches: 5 },
      'cells',
      /只能包含可填写的统计项|supervisionBatches/,
    ],
  ])(
    'When the regulator saves %s, then a clear error names the cell and nothing is written',
    async (_what, cells, field, message) => {
      const before = await auditRows();
      const res = await save(regulator, {
        ...P2025,
        reportingUnit: '安澜市枫林区市场监督管理局',
        cells: { casesOpened: 7, ...cells },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(message);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(`body.${field}`);
      expect(await auditRows()).toHaveLength(before.length);
      const s = await campaignStatistics(t.ctx.db, district.id, {
        period: { start: '2025-01-01', end: '2025-12-31' },
      });
      expect(cell(s, 'casesOpened')).toBe(4);
    },
  );

  test('When the period is incomplete or reversed, then the request is refused with a Chinese message', async () => {
    const reversed = await save(regulator, {
      periodStart: '2025-12-31',
      periodEnd: '2025-01-01',
      reportingUnit: '某单位',
      cells: {},
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toMatch(/结束日期不能早于开始日期/);
    const half = await request(t.app)
      .get('/api/statistics?periodStart=2025-01-01')
      .set('Authorization', `Bearer ${bureau}`);
    expect(half.status).toBe(400);
    expect(half.body.message).toMatch(/请同时填写统计开始日期和结束日期/);
    const noUnit = await save(regulator, { ...P2025, reportingUnit: '  ', cells: {} });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.message).toMatch(/请填写填报单位/);
  });

  test('When the table is exported, then the XLSX keeps the attachment’s merged group headers over their sub-columns and the values', async () => {
    await save(regulator, {
      ...P2025,
      reportingUnit: '安澜市枫林区市场监督管理局',
      cells: { casesOpened: 4, finesAmount: 12.3456, qualityPledges: 40 },
    });
    const res = await request(t.app)
      .get('/api/statistics?format=xlsx&periodStart=2025-01-01&periodEnd=2025-12-31')
      .set('Authorization', `Bearer ${regulator}`)
      .buffer(true)
      .parse(binaryParser);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '成果统计表-安澜市枫林区-2025年1月1日至2025年12月31日.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ExcelJS.Buffer);
    const ws = wb.getWorksheet(STATISTICS_SHEET)!;
    const R = STATISTICS_ROWS;
    const merges = new Set(ws.model.merges);
    const width = 1 + STATISTICS_LAYOUT.reduce((n, g) => n + g.columns.length, 0);
    expect(width).toBe(31);
    expect(merges).toContain(`A${R.title}:${letters(width)}${R.title}`);
    expect(merges).toContain(`A${R.groups}:A${R.columns}`); // 填报单位 spans both header rows
    const byHeader = new Map<string, number>();
    let col = 2;
    for (const g of STATISTICS_LAYOUT) {
      const last = col + g.columns.length - 1;
      expect(merges).toContain(`${letters(col)}${R.groups}:${letters(last)}${R.groups}`);
      expect(ws.getCell(R.groups, col).value).toBe(g.title);
      g.columns.forEach((c, i) => {
        expect(ws.getCell(R.columns, col + i).value).toBe(c.header);
        byHeader.set(c.header, col + i);
      });
      col = last + 1;
    }
    expect(ws.getCell(R.groups, 1).value).toBe('填报单位');
    expect(ws.getCell(R.unit, 1).value).toBe('填报单位：安澜市枫林区市场监督管理局');
    expect(ws.getCell(R.unit, Math.ceil(width / 2) + 1).value).toBe('统计期间：2025年1月1日至2025年12月31日');
    const at = (header: string) => ws.getCell(R.values, byHeader.get(header)).value;
    expect(ws.getCell(R.values, 1).value).toBe('安澜市枫林区市场监督管理局');
    expect(at('抽查批次（批次）')).toBe(6);
    expect(at('不合格批次（批次）')).toBe(1);
    expect(at('不合格发现率（%）')).toBe(16.7);
    expect(at('监测批次（批次）')).toBe(3);
    expect(at('立案（起）')).toBe(4);
    expect(at('罚没金额（万元）')).toBe(12.3456);
    expect(at('签订质量安全承诺书（份）')).toBe(40);
    expect(at('结案（起）')).toBeNull();
  });
});
