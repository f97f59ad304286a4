/**
 * A school clerk's and an officer's working day without dead ends (issue 11), in Chromium against the
 * real app with its job services: reports matched to contract lines by the service (自动匹配, undo,
 * suggestions, a checklist that refreshes by itself), review that can be finished, page images, Chinese
 * dates and one status vocabulary, a supplier list the regulator can trust, the 采购人 check, the 公示
 * notice. One test per point; screenshots in test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { buildUser, tokenFor } from '../helpers/test-app';
import { createDistrict, createSchool } from '../../server/use-cases/accounts/manage-accounts';
import { login, openTab, shoot, startE2E, type E2E, type Tab } from './helpers/browser';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'dev', 'docs');
const CONTRACT = 'doc-017.pdf'; // JZCG2024-4851, 江州市涪溪区实验小学 ← 江州锦程服饰有限公司, lines JC24-X15 / JC24-D07
const SUPPLIER_REPORT = 'doc-016.pdf'; // line 1, commissioned by the supplier
const SCHOOL_REPORT = 'doc-003.pdf'; // line 1, commissioned by the school
const WINTER_SCHOOL_REPORT = 'doc-026.pdf'; // line 2, commissioned by the school

let e2e: E2E;
const users = { staff: '', bureau: '', regulator: '' };
let staffToken = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  e2e = await startE2E({ services: true });
  const { ctx } = e2e.t;
  const district = await createDistrict(ctx.db, null, {
    code: 'fuxi-day',
    name: '江州市涪溪区',
    bureauName: '江州市涪溪区教育委员会',
  });
  const school = await createSchool(ctx.db, null, {
    districtId: district.id,
    name: '江州市涪溪区实验小学',
    kind: 'primary',
  });
  users.staff = (await buildUser(ctx, 'school_staff', { schoolId: school.id })).username;
  users.bureau = (await buildUser(ctx, 'bureau', { districtId: district.id })).username;
  users.regulator = (await buildUser(ctx, 'regulator', { districtId: district.id })).username;
  staffToken = await tokenFor(e2e.t.app, users.staff);
});
afterAll(async () => {
  await e2e?.close();
});

async function as(user: string): Promise<Tab> {
  const tab = await openTab(e2e);
  await login(tab, user);
  return tab;
}

/** Uploads a corpus file through the API as the school (the browser parts are what these tests watch). */
async function uploadFile(name: string, kind?: string): Promise<string> {
  let req = request(e2e.t.app).post('/api/documents').set('Authorization', `Bearer ${staffToken}`);
  if (kind) req = req.field('kind', kind);
  const res = await req.attach('files', fs.readFileSync(path.join(CORPUS, name)), name);
  expect(res.status).toBe(202);
  return res.body.documents[0].id as string;
}

async function waitDone(id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const res = await request(e2e.t.app)
      .get(`/api/documents/${id}`)
      .set('Authorization', `Bearer ${staffToken}`);
    if (!['queued', 'processing'].includes(res.body.status)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`document ${id} not processed`);
}

describe('1. Reports are matched to contract lines by the service', () => {
  it('When the contract arrives after its reports, then the line shows them as 自动匹配 with a one-click undo, and a report finishing later appears by itself', async () => {
    ids.supplierReport = await uploadFile(SUPPLIER_REPORT);
    ids.schoolReport = await uploadFile(SCHOOL_REPORT);
    await Promise.all([waitDone(ids.supplierReport), waitDone(ids.schoolReport)]);
    ids.contract = await uploadFile(CONTRACT, 'contract');
    await waitDone(ids.contract);

    const tab = await as(users.staff);
    const { page } = tab;
    await page.getByRole('link', { name: '合同与核验' }).first().click();
    await page.getByRole('heading', { name: /JZCG2024-4851/ }).waitFor();
    const rows = page.locator('tr[data-line-id]');
    ids.line1 = (await rows.nth(0).getAttribute('data-line-id'))!;
    ids.line2 = (await rows.nth(1).getAttribute('data-line-id'))!;
    await rows.nth(0).getByRole('link').click();
    await page.getByRole('heading', { name: /第 1 行/ }).waitFor();
    const linked = page.locator('table').first();
    await linked.getByRole('link', { name: SUPPLIER_REPORT }).waitFor();
    await linked.getByRole('link', { name: SCHOOL_REPORT }).waitFor();
    expect(await linked.locator('.pill', { hasText: '自动匹配' }).count()).toBe(2);
    await linked
      .getByText(/样品型号JC24-X15与合同明细一致/)
      .first()
      .waitFor();
    await shoot(page, 'day-1-auto-matched');

    // One click undoes a match: the report leaves the line and is back, unticked, in the checklist.
    await page.getByRole('button', { name: `撤销自动匹配：${SCHOOL_REPORT}` }).click();
    await page.getByText('已撤销自动匹配').waitFor();
    await expect(linked.getByRole('link', { name: SCHOOL_REPORT }).count()).resolves.toBe(0);
    const box = page.getByRole('checkbox', { name: new RegExp(SCHOOL_REPORT) });
    expect(await box.isChecked()).toBe(false);
    // The checklist tells reports apart: number, 委托单位, sample and model, lab, date, conclusion.
    const row = page.locator(`.checklist-table tr[data-document-id="${ids.schoolReport}"]`);
    await row.getByText('HBT24-662290-TX').waitFor();
    await row.getByText('江州市涪溪区实验小学').waitFor();
    await row.getByText(/JC24-X15/).waitFor();
    await shoot(page, 'day-1-undone-checklist');

    // Line 2 open while its school report is read: the page refreshes by itself.
    await page.goto(`/#/lines/${ids.line2}`);
    await page.getByRole('heading', { name: /第 2 行/ }).waitFor();
    ids.winterSchoolReport = await uploadFile(WINTER_SCHOOL_REPORT);
    await page
      .locator('table')
      .first()
      .getByRole('link', { name: WINTER_SCHOOL_REPORT })
      .waitFor({ timeout: 60_000 });
    await page.locator('table').first().locator('.pill', { hasText: '自动匹配' }).waitFor();
    await shoot(page, 'day-1-refreshed-by-itself');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});

describe('5. Chinese for people', () => {
  it('When staff type a date as 2024年9月7日 or 2024/9/8, then it is accepted; the status reads 已识别 in the filter and on the badge', async () => {
    const tab = await as(users.staff);
    const { page } = tab;
    await page.goto(`/#/documents/${ids.schoolReport}`);
    const issued = page.getByLabel('签发日期');
    await issued.waitFor();
    await issued.fill('2024年9月7日');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.getByText(/已保存 1 处更正/).waitFor();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('input[name="dates.issued"]')?.value === '2024-09-07',
    );
    await page.getByLabel('签发日期').fill('2024/9/8');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('input[name="dates.issued"]')?.value === '2024-09-08',
    );
    const history = page.locator('[aria-label="更正记录"]');
    await history.getByText('2024-09-07').first().waitFor();
    await shoot(page, 'day-5-chinese-dates');

    await page.getByRole('link', { name: '文档列表' }).click();
    const filter = page.locator('select[name="status"]');
    await filter.waitFor();
    const options = await filter.locator('option').allInnerTexts();
    expect(options).toContain('已识别');
    expect(options).not.toContain('已完成');
    await page.locator('.pill', { hasText: '已识别' }).first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain('已完成');
    await shoot(page, 'day-5-status-vocabulary', { phone: false });
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});
