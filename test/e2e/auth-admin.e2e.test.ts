/**
 * Login for every role, wrong-password and lockout messages, logout, and the admin pages
 * (districts with policy, schools, users) driven through the browser.
 */
import { buildDistrict, buildSchool, buildUser } from '../helpers/test-app';
import { login, openTab, PHONE, SCREENSHOT_DIR, shoot, startE2E, type E2E } from './helpers/browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('Login', () => {
  it('When a visitor opens the site, then the login page is shown without console errors', async () => {
    const tab = await openTab(e2e);
    await tab.page.goto('/');
    await tab.page.getByRole('heading', { name: '双送检核验' }).waitFor();
    await shoot(tab.page, 'login');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the password is wrong, then the API message is shown; after 5 failures the lockout message', async () => {
    const user = await buildUser(e2e.t.ctx, 'bureau');
    const tab = await openTab(e2e);
    tab.allowHttpErrors(401, 423);
    const { page } = tab;
    await page.goto('/#/login');
    await page.getByLabel('用户名').fill(user.username);
    for (let i = 0; i < 4; i++) {
      await page.getByLabel('密码').fill('wrong-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: `还可尝试 ${4 - i} 次` })
        .waitFor();
    }
    await shoot(page, 'login-wrong-password', { phone: false });
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '账户已锁定' }).waitFor();
    await shoot(page, 'login-locked', { phone: false });
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When a user signs in with the keyboard only, then Tab order reaches the fields and Enter submits', async () => {
    const user = await buildUser(e2e.t.ctx, 'regulator');
    const tab = await openTab(e2e);
    const { page } = tab;
    await page.goto('/#/login');
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.type(user.username); // the user name field has the focus on arrival
    await page.keyboard.press('Tab');
    await page.keyboard.type('Passw0rd-test');
    await page.keyboard.press('Enter');
    await page.locator('#logout').waitFor();
    // After a page change the focus is on the main content, so Tab continues inside the page.
    await page.getByRole('heading', { name: '收到的名单' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When school staff use a phone, then the menu button opens the navigation and leads to the upload page', async () => {
    const user = await buildUser(e2e.t.ctx, 'school_staff');
    const tab = await openTab(e2e, PHONE);
    const { page } = tab;
    await login(tab, user.username);
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    expect(await page.getByRole('button', { name: '菜单' }).getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: '上传文档' }).click();
    await page.getByRole('heading', { name: '上传文档' }).waitFor();
    expect(await nav.isVisible()).toBe(false); // closes again after navigating
    await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-upload.png`, fullPage: true });
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it.each([
    ['school_staff', '文档列表'],
    ['bureau', '合规总览'],
    ['regulator', '收到的名单'],
    ['admin', '区县'],
  ] as const)(
    'When a %s logs in, then their home page and menu are shown, and logout returns to login',
    async (role, navText) => {
      const user = await buildUser(e2e.t.ctx, role);
      const tab = await openTab(e2e);
      await login(tab, user.username);
      const { page } = tab;
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: navText }).waitFor();
      await page.locator('#who').getByText(user.displayName).waitFor();
      await shoot(page, `home-${role}`);
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByLabel('用户名').waitFor();
      // The session is gone on the server too: reloading stays on the login page.
      await page.reload();
      await page.getByLabel('用户名').waitFor();
      expect(tab.problems).toEqual([]);
      await tab.close();
    },
  );
});

describe('Admin pages', () => {
  it('When the admin creates a district, sets its policy, adds a school and a user, then each appears', async () => {
    const admin = await buildUser(e2e.t.ctx, 'admin');
    const tab = await openTab(e2e);
    const { page } = tab;
    await login(tab, admin.username);

    await page.getByLabel('代码').fill('e2e_fx');
    await page.getByLabel('区县名称').fill('端到端测试区');
    await page.getByLabel('教育行政部门名称').fill('端到端测试区教育局');
    await page.getByRole('button', { name: '新建区县' }).click();
    await page.getByText('已新建区县：端到端测试区').waitFor();
    await page
      .getByRole('row', { name: /端到端测试区/ })
      .getByRole('button', { name: '编辑政策' })
      .click();
    await page.getByLabel('学校（采购方）送检报告为必需').selectOption('false');
    await page.getByLabel('缺少学校送检报告的宽限期（交货后，天）').fill('45');
    await page.getByRole('button', { name: '保存政策' }).click();
    await page.getByText('核验政策已保存').waitFor();
    await shoot(page, 'admin-districts');

    await page.getByRole('link', { name: '学校' }).click();
    await page.getByLabel('所属区县').selectOption({ label: '端到端测试区' });
    await page.getByLabel('学校名称').fill('端到端测试小学');
    await page.getByLabel('类型').selectOption('primary');
    await page.getByRole('button', { name: '新建学校' }).click();
    await page.getByText('已新建学校：端到端测试小学').waitFor();
    await page.getByRole('cell', { name: '端到端测试小学' }).waitFor();
    await shoot(page, 'admin-schools');

    await page.getByRole('link', { name: '用户' }).click();
    await page.getByLabel('用户名').fill('e2e_teacher');
    await page.getByLabel('姓名').fill('端到端 老师');
    await page.getByLabel('初始密码').fill('E2e-passw0rd');
    await page.getByLabel('角色').selectOption('school_staff');
    await page.getByLabel('所属学校').selectOption({ label: '端到端测试小学' });
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByText('已新建用户：e2e_teacher').waitFor();
    await page.getByRole('button', { name: '停用 e2e_teacher' }).click();
    await page.getByText('已停用用户 e2e_teacher').waitFor();
    await shoot(page, 'admin-users');

    await page.getByRole('link', { name: '规则库' }).click();
    await page.getByRole('heading', { name: '规则库' }).waitFor();
    await page.getByRole('cell', { name: '当前使用' }).waitFor();
    await page.getByRole('heading', { name: /^版本 \d{4}\.\d+/ }).waitFor();
    await page.getByRole('button', { name: '发布新版本' }).waitFor();
    await shoot(page, 'admin-registry');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When a school user opens an admin page, then access is refused', async () => {
    const district = await buildDistrict(e2e.t.ctx);
    const school = await buildSchool(e2e.t.ctx, { districtId: district.id });
    const staff = await buildUser(e2e.t.ctx, 'school_staff', { schoolId: school.id });
    const tab = await openTab(e2e);
    await login(tab, staff.username);
    await tab.page.goto('/#/admin/users');
    await tab.page.getByRole('heading', { name: '无权访问' }).waitFor();
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When a page is still loading as the user moves on, then its late answer does not replace the next page', async () => {
    const district = await buildDistrict(e2e.t.ctx);
    const school = await buildSchool(e2e.t.ctx, { districtId: district.id });
    const staff = await buildUser(e2e.t.ctx, 'school_staff', { schoolId: school.id });
    const tab = await openTab(e2e);
    const { page } = tab;
    await login(tab, staff.username);
    // Hold the document list's request until the user has gone on to another page.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    await page.route('**/api/documents*', async (route) => {
      held();
      await released;
      await route.continue();
    });
    await page.evaluate(() => (location.hash = '#/documents?again=1'));
    await isHeld;
    await page.goto('/#/admin/users');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    const answered = page.waitForResponse((r) => r.url().includes('/api/documents'));
    release();
    await answered;
    // The list page mounts right after its answer; give it the turn it would need to do so.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(await page.getByRole('heading', { name: '文档列表' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '无权访问' }).isVisible()).toBe(true);
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});
