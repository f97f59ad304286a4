/**
 * The single-page shell: session, the menu of what the user may do, and a hash router (#/path). Each page module
 * exports `render(view, ctx)`, which fills `view` and may return a cleanup function (timers).
 */
import { ApiError, get, hasRoute, loadRoutes, post, setCsrfToken } from './api.js';
import { h, mount, notice } from './dom.js';
import { ACROSS_SCHOOLS, DISTRICT, may, SCHOOL, setPermissions } from './may.js';
import * as loginPage from './pages/login.js';
import * as passwordPage from './pages/password.js';
import * as uploadPage from './pages/upload.js';
import * as documentsPage from './pages/documents.js';
import * as reviewPage from './pages/review.js';
import * as contractsPage from './pages/contracts.js';
import * as noticePage from './pages/notice.js';
import * as linePage from './pages/line.js';
import * as dashboardPage from './pages/dashboard.js';
import * as schoolPage from './pages/school.js';
import * as suppliersPage from './pages/suppliers.js';
import * as listsPage from './pages/lists.js';
import * as listPage from './pages/list.js';
import * as supplierPage from './pages/supplier.js';
import * as statisticsPage from './pages/statistics.js';
import * as adminDistrictsPage from './pages/admin-districts.js';
import * as adminSchoolsPage from './pages/admin-schools.js';
import * as adminUsersPage from './pages/admin-users.js';
import * as adminRegistryPage from './pages/admin-registry.js';
import * as accountPage from './pages/account.js';
import * as notificationsPage from './pages/notifications.js';
import * as webhooksPage from './pages/webhooks.js';

/**
 * Route table: pattern (with :params), page, and what the user must be allowed to do to open it
 * (an action of the server's policy table, optionally in one of some scopes; none: every user).
 */
const ROUTES = [
  { path: '/upload', page: uploadPage, may: ['document.upload'] },
  { path: '/documents', page: documentsPage, may: ['document.read'] },
  { path: '/documents/:id', page: reviewPage, may: ['document.read'] },
  { path: '/contracts', page: contractsPage, may: ['contract.manage'] },
  { path: '/notice', page: noticePage, may: ['compliance.read', SCHOOL] },
  { path: '/schools/:id/notice', page: noticePage, may: ['compliance.read', ...ACROSS_SCHOOLS] },
  { path: '/lines/:id', page: linePage, may: ['contract.read'] },
  { path: '/dashboard', page: dashboardPage, may: ['compliance.read', ...ACROSS_SCHOOLS] },
  { path: '/schools/:id', page: schoolPage, may: ['compliance.read', ...ACROSS_SCHOOLS] },
  { path: '/suppliers', page: suppliersPage, may: ['supplier.read'] },
  { path: '/suppliers/:id', page: supplierPage, may: ['supplier.read'] },
  { path: '/lists', page: listsPage, may: ['samplingList.read'] },
  { path: '/lists/:id', page: listPage, may: ['samplingList.read'] },
  { path: '/statistics', page: statisticsPage, may: ['statistics.read'] },
  { path: '/admin/districts', page: adminDistrictsPage, may: ['district.manage'] },
  { path: '/admin/schools', page: adminSchoolsPage, may: ['school.manage'] },
  { path: '/admin/users', page: adminUsersPage, may: ['user.manage'] },
  { path: '/admin/registry', page: adminRegistryPage, may: ['registry.read'] },
  { path: '/account', page: accountPage },
  { path: '/notifications', page: notificationsPage, may: ['notification.read'] },
  { path: '/webhooks', page: webhooksPage, may: ['webhook.manage'] },
];

/**
 * The menu, in order: an entry is shown when the user may do its action (in that scope). A page a
 * user works in every day is listed; pages reached from others (an administrator's view of a
 * district's lists) are not. `home`: the first such entry the user sees is where they land.
 */
const MENU = [
  { href: '/admin/districts', text: '区县', may: ['district.manage'], home: true },
  { href: '/admin/schools', text: '学校', may: ['school.manage'] },
  { href: '/admin/users', text: '用户', may: ['user.manage'] },
  { href: '/admin/registry', text: '规则库', may: ['registry.update'] },
  { href: '/upload', text: '上传文档', may: ['document.upload'] },
  { href: '/documents', text: '文档列表', may: ['document.upload'], home: true },
  { href: '/contracts', text: '合同与核验', may: ['contract.manage'] },
  { href: '/notice', text: '结果公示', may: ['compliance.read', SCHOOL] },
  { href: '/dashboard', text: '合规总览', may: ['compliance.read', ...ACROSS_SCHOOLS], home: true },
  { href: '/lists', text: '收到的名单', may: ['samplingList.acknowledge'], home: true },
  { href: '/suppliers', text: '供货企业名单', may: ['samplingList.send'] },
  { href: '/lists', text: '已发送名单', may: ['samplingList.send'] },
  { href: '/documents', text: '文档', may: ['document.correct', DISTRICT] },
  { href: '/suppliers', text: '供货企业', may: ['samplingList.acknowledge'] },
  { href: '/statistics', text: '统计', may: ['statistics.read', DISTRICT] },
  { href: '/webhooks', text: '接收地址', may: ['webhook.manage', DISTRICT] },
  { href: '/notifications', text: '消息', may: ['notification.read'] },
  { href: '/account', text: '我的账户' },
];

/** Whether the signed-in user may open a route or see a menu entry (`may`: [action, ...scopes]). */
const allowed = (entry) => !entry.may || may(...entry.may);

const SESSION_FLAG = 'dsv.session';

/** The logged-in user, shared with pages. */
const session = { user: null };
let cleanup = null;
let renderSeq = 0;

function matchRoute(path) {
  for (const r of ROUTES) {
    const names = [];
    const re = new RegExp('^' + r.path.replace(/:(\w+)/g, (_m, n) => (names.push(n), '([^/]+)')) + '$');
    const m = re.exec(path);
    if (m) {
      const params = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { route: r, params };
    }
  }
  return null;
}

function currentLocation() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(qs || '')) };
}

/** The current page as a path with its query, to come back to after logging in. */
function currentTarget() {
  const raw = location.hash.replace(/^#/, '') || '/';
  return raw;
}

/**
 * Where to go after logging in: the deep link the visitor opened (kept in `?next=`), when it is a
 * page of this app and not the login or password page itself.
 */
export function afterLogin(next) {
  const ok = typeof next === 'string' && /^\/[^/]/.test(next) && !/^\/(login|password)\b/.test(next);
  return ok ? next : homeOf();
}

const withNext = (path, next) =>
  next && next !== '/' ? `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}` : path;

/** Navigates to `#path`. */
export function go(path) {
  if (location.hash === '#' + path) void render();
  else location.hash = path;
}

function renderShell() {
  const bar = document.getElementById('topbar');
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const user = session.user;
  bar.hidden = !user;
  if (!user) return;
  const { path } = currentLocation();
  mount(
    nav,
    h(
      'ul',
      {},
      MENU.filter(allowed).map(({ href, text }) =>
        h(
          'li',
          {},
          h('a', {
            href: '#' + href,
            text,
            'aria-current': path === href || path.startsWith(href + '/') ? 'page' : null,
          }),
        ),
      ),
    ),
  );
  void refreshBadge();
  mount(
    who,
    h('span', { class: 'who-name', text: `${user.displayName}（${user.roleLabel}）` }),
    h('button', {
      type: 'button',
      class: 'btn btn-small btn-ghost',
      id: 'logout',
      text: '退出登录',
      onclick: () => void logout(),
    }),
  );
}

/** Shows the number of unread notifications on the 消息 menu item. */
async function refreshBadge() {
  const link = document.querySelector('#nav a[href="#/notifications"]');
  if (!link || !session.user || !hasRoute('get', '/api/notifications')) return;
  try {
    const items = await get('/api/notifications?unread=1');
    const n = (Array.isArray(items) ? items : (items.items ?? [])).length;
    link.querySelector('.badge')?.remove();
    if (n > 0) link.append(h('span', { class: 'badge', 'aria-label': `${n} 条未读`, text: String(n) }));
  } catch {
    // the badge is a convenience; the page itself reports errors
  }
}

async function logout() {
  try {
    await post('/api/auth/logout');
  } catch {
    // The session may already be gone; logging out locally is what matters.
  }
  setSignedOut();
  go('/login');
}

function setSignedOut() {
  session.user = null;
  setPermissions(null);
  setCsrfToken(null);
  localStorage.removeItem(SESSION_FLAG);
}

/** Called by the login page. */
export function setSignedIn(result) {
  session.user = result.user;
  setPermissions(result.may);
  setCsrfToken(result.csrfToken);
  localStorage.setItem(SESSION_FLAG, '1');
}

/** Where a signed-in user lands: their first menu entry marked home, else their first entry. */
export function homeOf() {
  const menu = MENU.filter(allowed);
  return (menu.find((m) => m.home) ?? menu[0]).href;
}

async function render() {
  const seq = ++renderSeq;
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // a page's cleanup must never block navigation
    }
    cleanup = null;
  }
  // Each render writes into its own root. A page still loading when the user moves on (a slow
  // fetch, then mount) then fills a detached element, never the page that replaced it.
  const main = document.getElementById('main');
  const view = h('div', { class: 'page-root' });
  mount(main, view);
  const { path, query } = currentLocation();
  renderShell();
  closeNav();
  if (!session.user) {
    if (path !== '/login') {
      go(withNext('/login', currentTarget()));
      return;
    }
    await loginPage.render(view, { session, query, go, signIn: setSignedIn, homeOf, afterLogin });
    return;
  }
  if (session.user.mustChangePassword) {
    // An administrator reset the password: nothing else until the user has chosen their own.
    if (path !== '/password') {
      go(withNext('/password', path === '/login' ? query.next : currentTarget()));
      return;
    }
    passwordPage.render(view, {
      session,
      query,
      go,
      signIn: setSignedIn,
      homeOf: () => afterLogin(query.next),
    });
    return;
  }
  if (path === '/login' || path === '/' || path === '/password') {
    go(afterLogin(query.next));
    return;
  }
  const match = matchRoute(path);
  if (!match) {
    document.title = '页面不存在 - 双送检核验';
    mount(
      view,
      h('h1', { text: '页面不存在' }),
      notice('error', '您访问的页面不存在。'),
      h('a', { href: '#' + homeOf(), text: '返回首页' }),
    );
    return;
  }
  if (!allowed(match.route)) {
    document.title = '无权访问 - 双送检核验';
    mount(
      view,
      h('h1', { text: '无权访问' }),
      notice('error', '您的账户无权访问此页面。'),
      h('a', { href: '#' + homeOf(), text: '返回首页' }),
    );
    return;
  }
  mount(view, h('p', { class: 'loading', text: '正在加载…' }));
  try {
    const done = await match.route.page.render(view, {
      session,
      params: match.params,
      query,
      go,
      refreshBadge,
    });
    if (seq === renderSeq) cleanup = typeof done === 'function' ? done : null;
    else if (typeof done === 'function') done();
  } catch (e) {
    if (seq !== renderSeq) return;
    const message = e instanceof ApiError ? e.message : '页面加载失败，请刷新重试';
    mount(view, h('h1', { text: '出错了' }), notice('error', message));
    if (!(e instanceof ApiError)) console.warn(e);
  }
  if (seq === renderSeq) main.focus({ preventScroll: true });
}

function closeNav() {
  const toggle = document.getElementById('nav-toggle');
  toggle.setAttribute('aria-expanded', 'false');
  document.getElementById('nav').classList.remove('open');
}

async function start() {
  const toggle = document.getElementById('nav-toggle');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    document.getElementById('nav').classList.toggle('open', open);
  });
  window.addEventListener('dsv:unauthenticated', () => {
    if (!session.user) return;
    const back = currentTarget();
    setSignedOut();
    go(withNext('/login?expired=1', back));
  });
  await loadRoutes().catch(() => undefined);
  // Only ask for the session when this browser logged in before: a visitor gets the login page
  // without a 401 round trip.
  if (localStorage.getItem(SESSION_FLAG)) {
    try {
      setSignedIn(await get('/api/auth/me'));
    } catch {
      setSignedOut();
    }
  }
  window.addEventListener('hashchange', () => void render());
  await render();
}

void start();
