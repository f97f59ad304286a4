/**
 * The whole 双送检 workflow through the browser, against the real app with its job services:
 * a school uploads a contract and its reports (text PDFs from the dev corpus) and watches them
 * finish, hands the reports in for a contract line, corrects a field and sees the finding change;
 * another school cannot reach these pages; the bureau sees the dashboard, drills down to the
 * evidence, sends the supplier list and exports; the regulator receives the list, acknowledges it
 * and records a sampling result; the exports download and open.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { buildUser } from '../helpers/test-app';
import { createDistrict, createSchool } from '../../server/use-cases/accounts/manage-accounts';
import { login, openTab, shoot, startE2E, type E2E, type Tab } from './helpers/browser';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'dev', 'docs');
const CONTRACT = 'doc-017.pdf'; // K1 JZCG2024-4851, 江州市涪溪区实验小学 ← 江州锦程服饰有限公司
const SUPPLIER_REPORT = 'doc-016.pdf'; // K1 line 1, commissioned by the supplier
const SCHOOL_REPORT = 'doc-003.pdf'; // K1 line 1, commissioned by the school

let e2e: E2E;
const users: Record<'staff' | 'otherStaff' | 'bureau' | 'regulator', string> = {
  staff: '',
  otherStaff: '',
  bureau: '',
  regulator: '',
};
const ids: { contractDoc?: string; supplierReport?: string; line?: string } = {};

beforeAll(async () => {
  e2e = await startE2E({ services: true });
  const { ctx } = e2e.t;
  const district = await createDistrict(ctx.db, null, {
    code: 'fuxi',
    name: '江州市涪溪区',
    bureauName: '江州市涪溪区教育委员会',
  });
  const school = await createSchool(ctx.db, null, {
    districtId: district.id,
    name: '江州市涪溪区实验小学',
    kind: 'primary',
  });
  const other = await createSchool(ctx.db, null, {
    districtId: district.id,
    name: '江州市涪溪区桂湖小学',
    kind: 'primary',
  });
  users.staff = (await buildUser(ctx, 'school_staff', { schoolId: school.id })).username;
  users.otherStaff = (await buildUser(ctx, 'school_staff', { schoolId: other.id })).username;
  users.bureau = (await buildUser(ctx, 'bureau', { districtId: district.id })).username;
  users.regulator = (await buildUser(ctx, 'regulator', { districtId: district.id })).username;
});
afterAll(async () => {
  await e2e?.close();
});

async function as(user: string): Promise<Tab> {
  const tab = await openTab(e2e);
  await login(tab, user);
  return tab;
}

function file(name: string) {
  return { name, mimeType: 'application/pdf', buffer: fs.readFileSync(path.join(CORPUS, name)) };
}

/** Waits until an upload item shows a finished status, returns its document id. */
async function waitUploaded(page: Page, name: string): Promise<string> {
  const item = page.locator(`.upload-item[data-file="${name}"]`);
  await item.locator('.pill', { hasText: /已识别|待人工核对/ }).waitFor({ timeout: 120_000 });
  const id = await item.getAttribute('data-document-id');
  expect(id).toBeTruthy();
  return id!;
}

describe('School staff', () => {
  it('When staff drop a contract and a report, then each shows upload progress and processing until finished', async () => {
    const tab = await as(users.staff);
    const { page } = tab;
    await page.getByRole('link', { name: '上传文档' }).first().click();
    await page.getByRole('button', { name: /选择文件上传/ }).waitFor();
    await page.locator('#file-input').setInputFiles([file(CONTRACT), file(SUPPLIER_REPORT)]);
    await page.locator('.upload-item').first().locator('progress').waitFor();
    ids.contractDoc = await waitUploaded(page, CONTRACT);
    ids.supplierReport = await waitUploaded(page, SUPPLIER_REPORT);
    await shoot(page, 'school-upload');

    await page.getByRole('link', { name: '文档列表' }).click();
    await page.getByRole('link', { name: CONTRACT }).waitFor();
    await page.getByRole('link', { name: SUPPLIER_REPORT }).waitFor();
    await shoot(page, 'school-documents');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When staff hand in the reports for a contract line, then the line shows its status and findings in Chinese', async () => {
    const tab = await as(users.staff);
    const { page } = tab;
    // The school-side report, dropped onto the drop zone (a real drop event with a DataTransfer).
    await page.goto('/#/upload');
    const dataTransfer = await page.evaluateHandle(
      ({ name, b64 }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/pdf' }));
        return dt;
      },
      { name: SCHOOL_REPORT, b64: file(SCHOOL_REPORT).buffer.toString('base64') },
    );
    await page.locator('.dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.locator('.dropzone.over').waitFor();
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
    await waitUploaded(page, SCHOOL_REPORT);

    // The contract's own review page lists its lines as editable rows.
    await page.goto(`/#/documents/${ids.contractDoc}`);
    await page.getByLabel('合同编号').waitFor();
    expect(await page.getByLabel('合同编号').inputValue()).toBe('JZCG2024-4851');
    await page.locator('tr[data-path="lines.0"]').waitFor();
    await page.locator('.page-frame img').waitFor(); // visible once the page image has loaded
    // Focusing a field highlights the box where it was read on the page image.
    await page.getByLabel('合同编号').focus();
    await page.locator('.page-frame rect.box.active').waitFor();
    await page.getByText('「合同编号」在第 1 页的橙色框处。').waitFor();
    await page
      .locator('[aria-label="核验结果"]')
      .getByRole('link', { name: /第 1 行/ })
      .waitFor();
    await shoot(page, 'school-review-contract');

    await page.getByRole('link', { name: '合同与核验' }).click();
    await page.getByRole('heading', { name: /JZCG2024-4851/ }).waitFor();
    await shoot(page, 'school-contracts');
    const firstLine = page.locator('tr[data-line-id]').first();
    ids.line = (await firstLine.getAttribute('data-line-id'))!;
    await firstLine.getByRole('link').click();
    await page.getByRole('heading', { name: /第 1 行/ }).waitFor();
    await page.getByRole('checkbox', { name: SUPPLIER_REPORT }).check();
    await page.getByRole('checkbox', { name: SCHOOL_REPORT }).check();
    await page.getByRole('button', { name: '保存关联' }).click();
    await page.locator('table').getByRole('link', { name: SCHOOL_REPORT }).waitFor();
    await page
      .getByText(/供应商送检/)
      .first()
      .waitFor();
    await page
      .getByText(/学校（采购方）送检/)
      .first()
      .waitFor();
    await shoot(page, 'school-line');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When staff correct a field on the review page, then the correction is listed and the line finding changes', async () => {
    const tab = await as(users.staff);
    const { page } = tab;
    await page.goto(`/#/documents/${ids.supplierReport}`);
    const cma = page.getByLabel('CMA 编号');
    await cma.waitFor();
    // The page image with the field boxes; focusing a field highlights its box.
    await page.locator('.page-frame img').waitFor();
    await cma.focus();
    await page.locator('.review .frow.active').waitFor();
    const before = await page.locator('[aria-label="核验结果"]').innerText();
    expect(before).not.toContain('无CMA资质标志');
    await shoot(page, 'school-review');

    await cma.fill('');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.locator('[aria-label="更正记录"] li', { hasText: 'CMA' }).waitFor();
    await page.locator('[aria-label="核验结果"]').getByText('无CMA资质标志').waitFor();
    await shoot(page, 'school-review-corrected');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it("When staff of another school open this school's document or line, then they are refused and see nothing of it", async () => {
    const tab = await as(users.otherStaff);
    tab.allowHttpErrors(404);
    const { page } = tab;
    await page.goto(`/#/documents/${ids.supplierReport}`);
    await page.getByRole('heading', { name: '出错了' }).waitFor();
    await page.getByText(/未找到/).waitFor();
    await page.goto(`/#/lines/${ids.line}`);
    await page.getByRole('heading', { name: '出错了' }).waitFor();
    await page.goto('/#/documents');
    await page.getByText('还没有上传文档').waitFor();
    await page.goto('/#/contracts');
    await page.getByText(/尚无已识别的采购合同/).waitFor();
    await shoot(page, 'other-school-refused', { phone: false });
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});

describe('Bureau and regulator', () => {
  let listId = '';

  it('When the bureau opens the dashboard, then the school table, charts and drill-down to the evidence work', async () => {
    const tab = await as(users.bureau);
    const { page } = tab;
    await page.getByRole('heading', { name: /合规总览/ }).waitFor();
    await page.getByRole('img', { name: /各学校双送检覆盖率/ }).waitFor();
    await page.getByRole('img', { name: /问题分类（按问题类型）/ }).waitFor();
    await page.getByRole('img', { name: /问题分类（按产品类别）/ }).waitFor();
    await shoot(page, 'bureau-dashboard');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出本表（CSV）' }).click(),
    ]);
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toContain('双送检覆盖率');
    expect(csvText).toContain('江州市涪溪区实验小学');
    // Sort and filter the table.
    await page.getByRole('button', { name: '问题数' }).click();
    await page.getByLabel('筛选').selectOption('findings');
    await page.getByRole('row', { name: /江州市涪溪区实验小学/ }).waitFor();
    expect(await page.getByRole('row', { name: /桂湖小学/ }).count()).toBe(0);

    await page.getByRole('link', { name: '江州市涪溪区实验小学' }).click();
    await page.getByRole('heading', { name: /JZCG2024-4851/ }).waitFor();
    await shoot(page, 'bureau-school');
    await page.locator(`tr[data-line-id="${ids.line}"]`).getByRole('link').click();
    await page.getByText('无CMA资质标志').first().waitFor();
    await shoot(page, 'bureau-line-evidence');
    // Evidence links lead to the document page image.
    const evidence = page.locator('.evidence a').first();
    if (await evidence.count()) {
      await evidence.click();
      await page.locator('.page-frame img').waitFor();
    }
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the bureau sends the supplier list, then it is stored as a version and exports as XLSX and CSV', async () => {
    const tab = await as(users.bureau);
    const { page } = tab;
    await page.getByRole('link', { name: '供货企业名单' }).first().click();
    await page.getByRole('button', { name: '发送至市场监管部门' }).waitFor();
    await page.getByRole('cell', { name: '江州锦程服饰有限公司' }).first().waitFor();
    await shoot(page, 'bureau-suppliers');
    await page.getByRole('button', { name: '发送至市场监管部门' }).click();
    // Sending is confirmed on the page; documents awaiting review need the acknowledgement ticked.
    const ack = page.getByLabel('我已知晓名单可能不完整，仍要发送');
    if (await ack.count()) await ack.check();
    await page.getByRole('button', { name: '确认发送' }).click();
    await page.locator('.notice', { hasText: '已发送第 1 版名单' }).waitFor();
    await page.getByRole('link', { name: '查看名单' }).click();
    await page.getByRole('heading', { name: /第 1 版/ }).waitFor();
    listId = /#\/lists\/([\w-]+)/.exec(page.url())![1]!;

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0]!;
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('企业名称');
    expect(text).toContain('江州锦程服饰有限公司');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = fs.readFileSync(await csv.path(), 'utf8');
    expect(csvText).toContain('江州锦程服饰有限公司');
    await shoot(page, 'bureau-list');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the regulator opens the inbox, then the list is there; they acknowledge it and record a sampling result', async () => {
    const tab = await as(users.regulator);
    const { page } = tab;
    await page.getByRole('heading', { name: '收到的名单' }).waitFor();
    await page.getByText('新名单，待确认').waitFor();
    await shoot(page, 'regulator-inbox');
    await page.getByRole('link', { name: '第 1 版' }).click();
    await page.getByRole('button', { name: '确认接收' }).click();
    await page
      .getByText(/已确认接收/)
      .first()
      .waitFor();

    await page.getByLabel('企业').selectOption({ label: '1. 江州锦程服饰有限公司' });
    await page.getByLabel('抽查类别').selectOption({ label: '监督抽查' });
    await page.getByLabel('抽样日期').fill('2026-03-10');
    await page.getByLabel('抽查批次数').fill('3');
    await page.getByLabel('不合格批次数').fill('1');
    await page.getByLabel('不合格项目').fill('甲醛含量');
    await page.getByLabel('检验报告编号').fill('JD2026-001');
    await page.getByRole('button', { name: '保存抽查结果' }).click();
    await page.getByText('已录入监督抽查结果。').waitFor();
    await shoot(page, 'regulator-list');

    await page.getByRole('link', { name: '查看企业档案' }).click();
    await page.getByRole('heading', { name: '江州锦程服饰有限公司' }).waitFor();
    await page.getByRole('cell', { name: 'JD2026-001' }).waitFor();
    await page.getByRole('cell', { name: '甲醛含量' }).waitFor();
    await shoot(page, 'regulator-supplier');

    await page.getByRole('link', { name: /^消息/ }).click();
    await page.getByRole('heading', { name: '消息' }).waitFor();
    await page
      .getByRole('link', { name: /收到.*名单/ })
      .first()
      .waitFor();
    await shoot(page, 'regulator-notifications');
    await page.getByRole('link', { name: '接收地址' }).click();
    await page.getByRole('heading', { name: '名单接收地址' }).waitFor();
    await shoot(page, 'regulator-webhooks');
    expect(listId).toBeTruthy();
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the admin opens the dashboard, then they choose the district and see its schools', async () => {
    const admin = await buildUser(e2e.t.ctx, 'admin');
    const tab = await as(admin.username);
    const { page } = tab;
    await page.getByRole('link', { name: '合规总览' }).click();
    await page.getByLabel('区县').selectOption({ label: '江州市涪溪区' });
    await page.getByRole('heading', { name: '合规总览 · 江州市涪溪区' }).waitFor();
    await page.getByRole('link', { name: '江州市涪溪区实验小学' }).waitFor();
    await page.getByRole('link', { name: '我的账户' }).click();
    await page.getByRole('heading', { name: '个人访问令牌', exact: true }).waitFor();
    await shoot(page, 'account');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the regulator types the 成果统计表 cells for 2026 and exports it, then the XLSX holds the typed cells and counts the sampling result', async () => {
    const tab = await as(users.regulator);
    const { page } = tab;
    await page.getByRole('link', { name: '统计' }).click();
    await page.getByRole('heading', { name: /成果统计/ }).waitFor();
    await page.getByLabel('统计开始日期').fill('2026-01-01');
    await page.getByLabel('统计结束日期').fill('2026-12-31');
    await page.getByRole('button', { name: '查看该期间' }).click();
    const table = page.getByRole('table', { name: '成果统计表（2026-01-01 至 2026-12-31）' });
    await table.waitFor();
    await table.getByRole('columnheader', { name: '行业自律', exact: true }).waitFor();
    await page.getByLabel('填报单位').fill('江州市涪溪区市场监督管理局');
    await page.getByLabel('执法办案·立案（起）').fill('3');
    await page.getByLabel('执法办案·罚没金额（万元）').fill('2.5');
    await page.getByLabel('监督检查·检查生产企业（家次）').fill('12');
    await page.getByRole('button', { name: '保存填报数据' }).click();
    await page.getByText('已保存成果统计表填报数据。').waitFor();
    await page.getByText(/最近保存：regulator 测试/).waitFor();
    await shoot(page, 'regulator-statistics');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出成果统计表/ }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/成果统计表.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const ws = workbook.getWorksheet('成果统计表')!;
    const headers = (ws.getRow(4).values as unknown[]).map(String);
    const value = (header: string) => ws.getRow(5).getCell(headers.indexOf(header)).value;
    expect(ws.getCell(5, 1).value).toBe('江州市涪溪区市场监督管理局');
    expect(value('抽查批次（批次）')).toBe(3);
    expect(value('不合格批次（批次）')).toBe(1);
    expect(value('立案（起）')).toBe(3);
    expect(value('罚没金额（万元）')).toBe(2.5);
    expect(value('检查生产企业（家次）')).toBe(12);
    expect(ws.model.merges).toContain('B3:E3');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});
