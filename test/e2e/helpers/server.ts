// Starts the app the way the README does (`npm start`: build, migrate, seed, listen) in a fresh data folder,
// and drives it with the system's Chromium.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../seeders/support/demo-password.js';
import { NPM_START, startAppProcess, type AppProcess } from '../../helpers/app-process.js';
import { axeAfterNavigation, checkUncheckedPages, COLLECT_CSP_VIOLATIONS, keepScreenshots, watchPage } from './watch.js';

export type RunningServer = AppProcess;

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'llct-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startServer(env: Record<string, string>): Promise<RunningServer> {
  return startAppProcess(NPM_START, env);
}

/**
 * The system's Chromium. Every page of every context it opens is watched (./watch.ts): axe (WCAG 2 A and AA), the
 * CSP violations and, at phone width, sideways scrolling are checked after each navigation the tests make, and a failed test leaves full-page screenshots in test/e2e/artifacts/.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    await context.addInitScript({ content: COLLECT_CSP_VIOLATIONS });
    context.on('page', watchPage);
    const newPage = context.newPage.bind(context);
    context.newPage = async () => watchPage(await newPage());
    return context;
  };
  // Playwright's own newPage() makes a page that may not open others in its context, which axe needs: a context
  // of its own instead, closed with the page.
  browser.newPage = async (...args: Parameters<Browser['newPage']>): Promise<Page> => {
    const context = await browser.newContext(...args);
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => {}));
    return page;
  };
  return browser;
}

// Root hooks (this module is loaded by every e2e file, so they are registered once, on the root suite).
afterEach(async function () {
  this.timeout(120_000);
  const test = this.currentTest;
  let unchecked: Error | null = null;
  if (test?.state === 'passed') unchecked = await checkUncheckedPages();
  if (test && (test.state === 'failed' || unchecked)) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const saved = await keepScreenshots(ARTIFACTS, test.fullTitle());
    if (saved.length) console.log(`      screenshots: ${saved.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  }
  if (unchecked) throw unchecked;
});

export const ARTIFACTS = path.join(import.meta.dirname, '..', 'artifacts');
export { axeAfterNavigation };

/** Signs in through the login form; staff land on the home page, a trainee on their own record (/me). */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.href === `${url}/` || u.href === `${url}/me`);
}

/**
 * The demo app (as `npm start` leaves it) in a fresh data folder, and a browser: started before the suite's
 * tests and stopped after them. Read `server` and `browser` inside the tests, once `before` has run.
 */
export function demoApp(env: Record<string, string> = {}): { readonly server: RunningServer; readonly browser: Browser } {
  const data = tempDataDir();
  const handle = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    handle.server = await startServer({ DATA_DIR: data.dir, ...env });
    handle.browser = await launchBrowser();
  });
  after(async () => {
    await handle.browser?.close();
    await handle.server?.stop();
    data.cleanup();
  });
  return handle;
}

/** axe's serious and critical findings on the page (the shared navigation bar is checked on its own). */
export async function seriousAxeFindings(page: Page, exclude = 'nav.navbar'): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude(exclude).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(' | ')}`);
}
