/**
 * A demo that is alive (issue 11 point 9), in Chromium: the demo district as the first start loads it
 * (accounts, then the documents made for it read by the pipeline and a first list sent), seen by
 * `bureau` (a dashboard with findings), `regulator` (a list in the inbox) and `school` (the sample file
 * README names, uploaded and matched to its line by itself); and the school's 公示 notice (point 8) over
 * the demo's verified summer uniform. Screenshots in test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadDemo } from '../../server/use-cases/accounts/load-demo';
import { loadDemoDocuments } from '../../server/use-cases/accounts/load-demo-documents';
import { DEMO_SAMPLES, DEMO_SCHOOLS, DEMO_SUPPLIERS, demoFilesDir } from '../../server/demo/demo-district';
import { login, openTab, SCREENSHOT_DIR, shoot, startE2E, type E2E, type Tab } from './helpers/browser';

let e2e: E2E;
const passwords: Record<string, string> = {};

beforeAll(async () => {
  e2e = await startE2E({ services: true });
  for (const a of await loadDemo(e2e.t.ctx.db)) passwords[a.username] = a.password;
  const loaded = await loadDemoDocuments(e2e.t.ctx);
  expect(loaded.listVersion).toBe(1);
});
afterAll(async () => {
  await e2e?.close();
});

async function as(user: string): Promise<Tab> {
  const tab = await openTab(e2e);
  await login(tab, user, passwords[user]);
  return tab;
}

describe('8. The school’s 公示 notice', () => {
  it('When school staff open 结果公示, then the verified line shows both sides’ reports, the other is pending, and it prints and downloads as a PDF', async () => {
    const tab = await as('school');
    const { page } = tab;
    await page.getByRole('link', { name: '结果公示' }).first().click();
    const article = page.locator('article.public-notice');
    await article.getByRole('heading', { name: DEMO_SCHOOLS.primary.name }).waitFor();
    await article.getByText('一、已核验合格（1 项）').waitFor();
    const row = article.locator('tbody tr', { hasText: 'MD24-X01' });
    await row.getByText('编号 SFJ24-0518-031').waitFor();
    await row.getByText('编号 MDHC24-0906-117').waitFor();
    expect(await row.innerText()).toContain(DEMO_SUPPLIERS.uniforms.name);
    await article.getByText(/二、尚未核验通过（1 项/).waitFor();
    await article.locator('.notice-pending li', { hasText: '冬季校服（防寒外套）' }).waitFor();
    await shoot(page, 'demo-8-public-notice');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'demo-8-public-notice-print.png'),
      fullPage: true,
    });
    await page.emulateMedia({ media: 'screen' });
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/双送检结果公示\.pdf$/);
    const bytes = fs.readFileSync(await pdf.path());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    fs.copyFileSync(await pdf.path(), path.join(SCREENSHOT_DIR, 'demo-8-public-notice.pdf'));
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});

describe('9. A demo that is alive', () => {
  it('When a newcomer signs in as bureau, then the dashboard shows both demo schools with findings', async () => {
    const tab = await as('bureau');
    const { page } = tab;
    await page.getByRole('heading', { name: /合规总览/ }).waitFor();
    await page.getByRole('row', { name: new RegExp(DEMO_SCHOOLS.primary.name) }).waitFor();
    await page.getByRole('row', { name: new RegExp(DEMO_SCHOOLS.kindergarten.name) }).waitFor();
    await page.getByRole('img', { name: /问题分类（按问题类型）/ }).waitFor();
    await page.getByLabel('筛选').selectOption('findings');
    await page.getByRole('row', { name: new RegExp(DEMO_SCHOOLS.kindergarten.name) }).waitFor();
    await shoot(page, 'demo-9-bureau-dashboard');

    await page.getByRole('link', { name: DEMO_SCHOOLS.kindergarten.name }).click();
    await page.getByRole('heading', { name: /MDCG2024-0112/ }).waitFor();
    await page.locator('tr[data-line-id]').first().getByRole('link').click();
    await page.getByText('检验项目不合格').first().waitFor();
    await shoot(page, 'demo-9-bureau-failed-item');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When a newcomer signs in as regulator, then the inbox holds the first list, the failed supplier first', async () => {
    const tab = await as('regulator');
    const { page } = tab;
    await page.getByRole('heading', { name: '收到的名单' }).waitFor();
    await page.getByRole('link', { name: '第 1 版' }).click();
    const rows = page.locator('table').first().locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain(DEMO_SUPPLIERS.kindergarten.name);
    expect(await page.locator('main').innerText()).toContain(DEMO_SUPPLIERS.uniforms.name);
    await shoot(page, 'demo-9-regulator-list');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When a newcomer uploads the sample file as school, then it is read and matched to the winter uniform line by itself', async () => {
    const tab = await as('school');
    const { page } = tab;
    const sample = DEMO_SAMPLES[0]!;
    await page.getByRole('link', { name: '上传文档' }).first().click();
    await page.getByRole('button', { name: /选择文件上传/ }).waitFor();
    await page.locator('#file-input').setInputFiles({
      name: sample,
      mimeType: 'application/pdf',
      buffer: fs.readFileSync(path.join(demoFilesDir('samples'), sample)),
    });
    const item = page.locator(`.upload-item[data-file="${sample}"]`);
    await item.locator('.pill', { hasText: '已识别' }).waitFor({ timeout: 60_000 });

    await page.getByRole('link', { name: '合同与核验' }).first().click();
    await page.getByRole('heading', { name: /MDCG2024-0107/ }).waitFor();
    await page.locator('tr[data-line-id]').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /第 2 行/ }).waitFor();
    const linked = page.locator('table').first();
    await linked.getByRole('link', { name: sample }).waitFor();
    await linked.locator('.pill', { hasText: '自动匹配' }).first().waitFor();
    await page.getByText('引用作废标准').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain('缺少采购方（学校）送检报告');
    await shoot(page, 'demo-9-school-sample-matched');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});
