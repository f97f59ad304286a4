/**
 * End-to-end harness: the real app (startTestApp) listening on a random port, and Debian's
 * Chromium driven by playwright-core. Every page records console errors and uncaught exceptions;
 * tests assert there were none. Screenshots go to test-results/screenshots/ (git-ignored).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../bench/layouts/chromium';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../helpers/test-app';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the app and the browser. Playwright's launch() gives Chromium a new, empty profile dir. */
export async function startE2E(
  opts: { services?: boolean; env?: Record<string, string> } = {},
): Promise<E2E> {
  const t = await startTestApp(opts.env ?? {}, { services: opts.services ?? false });
  const server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

/** A browser tab in its own context (own cookies) that records problems. */
export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
  /** Console "Failed to load resource" errors for these HTTP statuses are expected (e.g. 401 on a wrong password). */
  allowHttpErrors(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function openTab(e2e: E2E, viewport = DESKTOP): Promise<Tab> {
  const context = await e2e.browser.newContext({
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    baseURL: e2e.baseUrl,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed = new Set<number>();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const m = /status of (\d{3})/.exec(msg.text());
    if (m && allowed.has(Number(m[1]))) return;
    problems.push(`console: ${msg.text()} @ ${msg.location().url}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return {
    context,
    page,
    problems,
    allowHttpErrors: (...statuses) => statuses.forEach((s) => allowed.add(s)),
    close: () => context.close(),
  };
}

/** Logs in through the login page and waits for the role's home page. */
export async function login(tab: Tab, username: string, password = TEST_PASSWORD): Promise<void> {
  const { page } = tab;
  await page.goto('/#/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#logout').waitFor();
}

/** Fails when the page is wider than the viewport (wide tables must scroll inside their frame). */
async function expectNoHorizontalOverflow(page: Page, name: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  if (scroll > client + 1) throw new Error(`${name}: page is ${scroll}px wide in a ${client}px viewport`);
}

/**
 * Full-page screenshot at the current viewport, and one at phone width; both checked for
 * horizontal overflow.
 */
export async function shoot(page: Page, name: string, opts: { phone?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  await expectNoHorizontalOverflow(page, name);
  if (opts.phone ?? true) {
    const size = page.viewportSize() ?? DESKTOP;
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
    await expectNoHorizontalOverflow(page, `${name}-phone`);
    await page.setViewportSize(size);
  }
}
