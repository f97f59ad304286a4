/**
 * The single-page shell: session, role navigation and a hash router (#/path). Each page module
 * exports `render(view, ctx)`, which fills `view` and may return a cleanup function (timers).
 */
import { ApiError, get, hasRoute, loadRoutes, post, setCsrfToken } from './api.js';
import { h, mount, notice } from './dom.js';
import { ROLE_LABELS } from './labels.js';
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

const ALL = ['school_staff', 'bureau', 'regulator', 'admin'];

/** Route table: pattern (with :params), page, roles allowed. */
const ROUTES = [
  { path: '/upload', page: uploadPage, roles: ['school_staff'] },
  { path: '/documents', page: documentsPage, roles: ['school_staff', 'bureau', 'admin'] },
  { path: '/documents/:id', page: reviewPage, roles: ['school_staff', 'bureau', 'admin'] },
  { path: '/contracts', page: contractsPage, roles: ['school_staff'] },
  { path: '/notice', page: noticePage, roles: ['school_staff'] },
  { path: '/schools/:id/notice', page: noticePage, roles: ['bureau', 'admin'] },
  { path: '/lines/:id', page: linePage, roles: ['school_staff', 'bureau', 'admin'] },
  { path: '/dashboard', page: dashboardPage, roles: ['bureau', 'admin'] },
  { path: '/schools/:id', page: schoolPage, roles: ['bureau', 'admin'] },
  { path: '/suppliers', page: suppliersPage, roles: ['bureau', 'regulator', 'admin'] },
  { path: '/suppliers/:id', page: supplierPage, roles: ['bureau', 'regulator', 'admin'] },
  { path: '/lists', page: listsPage, roles: ['bureau', 'regulator', 'admin'] },
  { path: '/lists/:id', page: listPage, roles: ['bureau', 'regulator', 'admin'] },
  { path: '/statistics', page: statisticsPage, roles: ['bureau', 'regulator', 'admin'] },
  { path: '/admin/districts', page: adminDistrictsPage, roles: ['admin'] },
  { path: '/admin/schools', page: adminSchoolsPage, roles: ['admin'] },
  { path: '/admin/users', page: adminUsersPage, roles: ['admin'] },
  { path: '/admin/registry', page: adminRegistryPage, roles: ALL },
  { path: '/account', page: accountPage, roles: ALL },
  { path: '/notifications', page: notificationsPage, roles: ALL },
  { path: '/webhooks', page: webhooksPage, roles: ['regulator', 'admin'] },
];

const NAV = {
  school_staff: [
    ['/upload', '上传文档'],
    ['/documents', '文档列表'],
    ['/contracts', '合同与核验'],
    ['/notice', '结果公示'],
    ['/notifications', '消息'],
    ['/account', '我的账户'],
  ],
  bureau: [
    ['/dashboard', '合规总览'],
    ['/suppliers', '供货企业名单'],
    ['/lists', '已发送名单'],
    ['/documents', '文档'],
    ['/statistics', '统计'],
    ['/notifications', '消息'],
    ['/account', '我的账户'],
  ],
  regulator: [
    ['/lists', '收到的名单'],
    ['/suppliers', '供货企业'],
    ['/statistics', '统计'],
    ['/webhooks', '接收地址'],
    ['/notifications', '消息'],
    ['/account', '我的账户'],
  ],
  admin: [
    ['/admin/districts', '区县'],
    ['/admin/schools', '学校'],
    ['/admin/users', '用户'],
    ['/admin/registry', '规则库'],
    ['/dashboard', '合规总览'],
    ['/notifications', '消息'],
    ['/account', '我的账户'],
  ],
};

const HOME = {
  school_staff: '/documents',
  bureau: '/dashboard',
  regulator: '/lists',
  admin: '/admin/districts',
};
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
export function afterLogin(next, user) {
  const ok = typeof next === 'string' && /^\/[^/]/.test(next) && !/^\/(login|password)\b/.test(next);
  return ok ? next : homeOf(user);
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
      NAV[user.role].map(([href, text]) =>
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
    h('span', { class: 'who-name', text: `${user.displayName}（${ROLE_LABELS[user.role] ?? user.role}）` }),
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
  setCsrfToken(null);
  localStorage.removeItem(SESSION_FLAG);
}

/** Called by the login page. */
export function setSignedIn(result) {
  session.user = result.user;
  setCsrfToken(result.csrfToken);
  localStorage.setItem(SESSION_FLAG, '1');
}

export function homeOf(user) {
  return HOME[user.role] ?? '/account';
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
  const view = document.getElementById('main');
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
      homeOf: (u) => afterLogin(query.next, u),
    });
    return;
  }
  if (path === '/login' || path === '/' || path === '/password') {
    go(afterLogin(query.next, session.user));
    return;
  }
  const match = matchRoute(path);
  if (!match) {
    document.title = '页面不存在 - 双送检核验';
    mount(
      view,
      h('h1', { text: '页面不存在' }),
      notice('error', '您访问的页面不存在。'),
      h('a', { href: '#' + homeOf(session.user), text: '返回首页' }),
    );
    return;
  }
  if (!match.route.roles.includes(session.user.role)) {
    document.title = '无权访问 - 双送检核验';
    mount(
      view,
      h('h1', { text: '无权访问' }),
      notice('error', '您的账户无权访问此页面。'),
      h('a', { href: '#' + homeOf(session.user), text: '返回首页' }),
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
  if (seq === renderSeq) view.focus({ preventScroll: true });
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
