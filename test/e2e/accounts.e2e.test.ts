/**
 * Accounts in the browser: a user changes their own password (other sessions end); an administrator
 * resets a password in a dialog and the user must set their own at the next login; a deep link
 * opened while signed out (or after the session expired) is where the user lands after logging in.
 */
import { buildDistrict, buildSchool, buildUser, TEST_PASSWORD } from '../helpers/test-app';
import { login, openTab, shoot, startE2E, type E2E } from './helpers/browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('Own password', () => {
  it('When a user changes their password on 我的账户, then other sessions end and only the new password signs in', async () => {
    const user = await buildUser(e2e.t.ctx, 'regulator');
    const other = await openTab(e2e);
    await login(other, user.username);
    const tab = await openTab(e2e);
    const { page } = tab;
    await login(tab, user.username);
    await page.getByRole('link', { name: '我的账户' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();

    await page.getByLabel('当前密码').fill(TEST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Changed-passw0rd');
    await page.getByLabel('再次输入新密码').fill('Changed-passw0rd-typo');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('alert').filter({ hasText: '两次输入的新密码不一致' }).waitFor();
    await page.getByLabel('再次输入新密码').fill('Changed-passw0rd');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改。其他设备上的登录和所有个人访问令牌已失效。').waitFor();
    await shoot(page, 'account-password-changed');

    // This browser keeps working with its new session (a write needs the new CSRF token).
    await page.getByLabel('令牌名称').fill('脚本');
    await page.getByRole('button', { name: '创建令牌' }).click();
    await page.getByText('令牌已创建').waitFor();

    // The other browser's session is gone: reloading shows the login page.
    other.allowHttpErrors(401);
    await other.page.reload();
    await other.page.getByLabel('用户名').waitFor();
    await other.close();

    await page.getByRole('button', { name: '退出登录' }).click();
    tab.allowHttpErrors(401);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await page.getByLabel('密码').fill('Changed-passw0rd');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#logout').waitFor();
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});

describe('Administrator reset', () => {
  it('When the admin resets a password in the dialog, then the user must set a new one at the next login before anything else', async () => {
    const admin = await buildUser(e2e.t.ctx, 'admin');
    const staff = await buildUser(e2e.t.ctx, 'school_staff');
    const tab = await openTab(e2e);
    tab.allowHttpErrors(400); // the weak password below
    const { page } = tab;
    await login(tab, admin.username);
    await page.getByRole('link', { name: '用户' }).click();
    await page.getByRole('button', { name: `重置 ${staff.username} 的密码` }).click();
    const dialog = page.getByRole('dialog', { name: `重置 ${staff.username}（${staff.displayName}）的密码` });
    await dialog.waitFor();
    // A generated temporary password is proposed; a weak one typed instead is refused inside the dialog.
    expect(await dialog.getByLabel('临时密码').inputValue()).toMatch(/^[A-Za-z]{9}\d{3}$/);
    await dialog.getByLabel('临时密码').fill('weak');
    await dialog.getByRole('button', { name: '确认重置' }).click();
    await dialog.getByRole('alert').filter({ hasText: '至少 8 位' }).waitFor();
    await dialog.getByLabel('临时密码').fill('Temp-reset-42');
    await shoot(page, 'admin-reset-dialog', { phone: false });
    await dialog.getByRole('button', { name: '确认重置' }).click();
    await page.getByText(`已重置 ${staff.username} 的密码`).waitFor();
    expect(await dialog.count()).toBe(0);
    await page
      .getByRole('row', { name: new RegExp(staff.username) })
      .getByText('待修改密码')
      .waitFor();
    await shoot(page, 'admin-reset-done', { phone: false });
    expect(tab.problems).toEqual([]);
    await tab.close();

    const user = await openTab(e2e);
    user.allowHttpErrors(403);
    await login(user, staff.username, 'Temp-reset-42');
    await user.page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await user.page.getByText('管理员已重置您的密码').waitFor();
    await shoot(user.page, 'forced-password-change');
    // Any other page leads back here until the password is changed.
    await user.page.goto('/#/documents');
    await user.page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await user.page.getByLabel('临时密码（管理员告知）').fill('Temp-reset-42');
    await user.page.getByLabel('新密码', { exact: true }).fill('My-own-passw0rd');
    await user.page.getByLabel('再次输入新密码').fill('My-own-passw0rd');
    await user.page.getByRole('button', { name: '设置新密码并继续' }).click();
    // Back to the page the user asked for.
    await user.page.getByRole('heading', { name: '文档列表' }).waitFor();
    expect(user.problems).toEqual([]);
    await user.close();
  });
});

describe('Deep links', () => {
  it('When a signed-out visitor opens a deep link, then after logging in they land on that page', async () => {
    const district = await buildDistrict(e2e.t.ctx);
    const school = await buildSchool(e2e.t.ctx, { districtId: district.id, name: '深链接测试小学' });
    const bureau = await buildUser(e2e.t.ctx, 'bureau', { districtId: district.id });
    const tab = await openTab(e2e);
    const { page } = tab;
    await page.goto(`/#/schools/${school.id}`);
    await page.getByText('请先登录，登录后将回到您要打开的页面。').waitFor();
    expect(page.url()).toContain(`next=${encodeURIComponent(`/schools/${school.id}`)}`);
    await shoot(page, 'login-deep-link', { phone: false });
    await page.getByLabel('用户名').fill(bureau.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '学校合规详情 · 深链接测试小学' }).waitFor();
    expect(tab.problems).toEqual([]);
    await tab.close();
  });

  it('When the session expires on a page, then logging in again returns to that page', async () => {
    const bureau = await buildUser(e2e.t.ctx, 'bureau');
    const tab = await openTab(e2e);
    tab.allowHttpErrors(401);
    const { page } = tab;
    await login(tab, bureau.username);
    await page.goto('/#/statistics');
    await page.getByRole('heading', { name: /成果统计/ }).waitFor();
    await e2e.t.ctx.database.query('delete from sessions where user_id = $1', [bureau.id]);
    await page.getByRole('link', { name: '已发送名单' }).click();
    await page.getByText('登录已过期，请重新登录。').waitFor();
    await page.getByLabel('用户名').fill(bureau.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('heading', { name: /已发送|名单/ })
      .first()
      .waitFor();
    expect(page.url()).toContain('#/lists');
    expect(tab.problems).toEqual([]);
    await tab.close();
  });
});
