/**
 * The pages follow what the server says the user may do (the session's `may`, from the policy table):
 * each role's menu and home page, a page outside the role's permissions refused, and the supplier
 * page's send button only for whoever may send the list.
 */
import type { Role } from '../../models/user.repository';
import { buildDistrict, buildSchool, buildUser } from '../helpers/test-app';
import { login, openTab, startE2E, type E2E } from './helpers/browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const CASES: [Role, { home: string; menu: string[]; refused: string }][] = [
  [
    'school_staff',
    {
      home: '/documents',
      menu: ['上传文档', '文档列表', '合同与核验', '结果公示', '消息', '我的账户'],
      refused: '/dashboard',
    },
  ],
  [
    'bureau',
    {
      home: '/dashboard',
      menu: ['合规总览', '供货企业名单', '已发送名单', '文档', '统计', '消息', '我的账户'],
      refused: '/upload',
    },
  ],
  [
    'regulator',
    {
      home: '/lists',
      menu: ['收到的名单', '供货企业', '统计', '接收地址', '消息', '我的账户'],
      refused: '/documents',
    },
  ],
  [
    'admin',
    {
      home: '/admin/districts',
      menu: ['区县', '学校', '用户', '规则库', '合规总览', '消息', '我的账户'],
      refused: '/upload',
    },
  ],
];

async function userOf(role: Role) {
  const district = await buildDistrict(e2e.t.ctx);
  const school = await buildSchool(e2e.t.ctx, { districtId: district.id });
  if (role === 'school_staff') return buildUser(e2e.t.ctx, role, { schoolId: school.id });
  if (role === 'admin') return buildUser(e2e.t.ctx, role);
  return buildUser(e2e.t.ctx, role, { districtId: district.id });
}

describe('What the pages offer follows what the server says the user may do', () => {
  it.each(CASES)(
    'When a %s signs in, then they land on their home page, see their menu, and are refused other pages',
    async (role, { home, menu, refused }) => {
      const user = await userOf(role);
      const tab = await openTab(e2e);
      const { page } = tab;
      await login(tab, user.username);
      await page.waitForURL((url) => url.hash === `#${home}`);
      const items = await page.$$eval('#nav a', (links) =>
        links.map((a) => a.childNodes[0]?.textContent ?? ''),
      );
      expect(items).toEqual(menu);
      await page.goto(`/#${refused}`);
      await page.getByRole('heading', { name: '无权访问' }).waitFor();
      expect(tab.problems).toEqual([]);
      await tab.close();
    },
  );

  it.each([
    ['bureau', '供货企业名单', true],
    ['regulator', '供货企业', false],
  ] as const)(
    'When a %s opens the supplier page, then it is titled %s and the send button is there: %s',
    async (role, title, canSend) => {
      const user = await userOf(role);
      const tab = await openTab(e2e);
      const { page } = tab;
      await login(tab, user.username);
      await page.goto('/#/suppliers');
      await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
      await page.getByRole('heading', { name: '全部供货企业' }).waitFor();
      expect(await page.getByRole('button', { name: '发送至市场监管部门' }).count()).toBe(canSend ? 1 : 0);
      expect(tab.problems).toEqual([]);
      await tab.close();
    },
  );
});
