// What the browser tests watch on every page (issue #15 item 1, issue #14's acceptance):
// - on each HTML page the journeys reach — after every goto, reload, back/forward, waitForURL, waitForLoadState,
//   waitForNavigation and waitForEvent('load') — axe with the WCAG 2 A and AA rules runs, the content security
//   policy violations the browser reported since the page began loading are read (COLLECT_CSP_VIOLATIONS runs
//   in every context from each page's first byte), and at phone width (under 500 px) the page must not scroll
//   sideways. A finding fails the test at that step, naming the page. /api/docs (Swagger UI, not ours) is left
//   out. A page reached some other way (a click with no wait after it) is checked as it stands when the test ends.
// - when a test fails, every open page is saved as a full-page PNG (test/e2e/artifacts/, gitignored).
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa'];
const NOT_CHECKED = [/^\/api\/docs(\/|$)/];
const WRAPPED = ['goto', 'reload', 'goBack', 'goForward', 'waitForURL', 'waitForLoadState', 'waitForNavigation'] as const;

/** Plain text, not a function: tsx would add helpers the browser lacks. Added to every context (./server.ts). */
export const COLLECT_CSP_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber);
  });
`;
const PHONE = 500;

const open = new Set<Page>();
/** Per page: the number of loads seen, and the number that had been seen when axe last ran on it. */
const loads = new WeakMap<Page, { seen: number; checked: number }>();
const watched = new WeakSet<Page>();

export class AxeFindings extends Error {}

/** Runs axe on the page as it is now; returns one line per violation, each naming the page. */
export async function axeFindings(page: Page): Promise<string[]> {
  if (page.isClosed()) return [];
  const url = new URL(page.url());
  if (!/^https?:$/.test(url.protocol) || NOT_CHECKED.some((r) => r.test(url.pathname))) return [];
  const type = await page.evaluate('document.contentType').catch(() => null);
  if (type !== 'text/html') return []; // a PDF, JSON or a download
  const state = loads.get(page);
  if (state) state.checked = state.seen;
  let result;
  try {
    result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  } catch (err) {
    // The page navigated on its own while axe ran (a script's redirect, a restored draft's sign-in): check the
    // page it went to instead.
    if (!/Execution context was destroyed|navigat/i.test((err as Error).message)) throw err;
    await page.waitForLoadState('load');
    return axeFindings(page);
  }
  const where = `${url.pathname}${url.search}`;
  const found = result.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join(' | ')}`,
  );
  // Read and reset, so a violation is reported once, on the page that caused it.
  const csp = ((await page.evaluate('(window.__cspViolations || []).splice(0)').catch(() => [])) as string[]) ?? [];
  found.push(...csp.map((v) => `${where}: content security policy violation: ${v}`));
  if ((page.viewportSize()?.width ?? PHONE) < PHONE) {
    const sideways = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth').catch(() => 0)) as number;
    if (sideways > 0) found.push(`${where}: scrolls ${sideways} px sideways at phone width`);
  }
  return found;
}

/** After a navigation step: axe, and a failure naming the page if it finds anything. */
export async function axeAfterNavigation(page: Page): Promise<void> {
  const found = await axeFindings(page);
  // E2E_FINDINGS=log: print them and go on, to see every finding of a long walk in one run (never in CI).
  if (found.length && process.env.E2E_FINDINGS === 'log') return void console.log(`      findings:\n  ${found.join('\n  ')}`);
  if (found.length) throw new AxeFindings(`axe (WCAG 2 A/AA), CSP or phone width: ${found.length} finding(s):\n  ${found.join('\n  ')}`);
}

export function watchPage(page: Page): Page {
  if (watched.has(page)) return page;
  watched.add(page);
  open.add(page);
  loads.set(page, { seen: 0, checked: 0 });
  page.on('close', () => open.delete(page));
  page.on('load', () => loads.get(page)!.seen++);
  const target = page as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of WRAPPED) {
    const original = target[name]!.bind(page);
    target[name] = async (...args: unknown[]) => {
      const result = await original(...args);
      await axeAfterNavigation(page);
      return result;
    };
  }
  const waitForEvent = target.waitForEvent!.bind(page);
  target.waitForEvent = async (...args: unknown[]) => {
    const result = await waitForEvent(...args);
    if (args[0] === 'load') await axeAfterNavigation(page);
    return result;
  };
  return page;
}

/** At the end of a passing test: axe on each open page loaded since it was last checked. */
export async function checkUncheckedPages(): Promise<Error | null> {
  const found: string[] = [];
  for (const page of open) {
    const state = loads.get(page);
    if (!state || state.seen === state.checked || page.isClosed()) continue;
    found.push(...(await axeFindings(page).catch(() => [])));
  }
  return found.length ? new AxeFindings(`axe (WCAG 2 A/AA) on the pages open at the end of the test:\n  ${found.join('\n  ')}`) : null;
}

/** Full-page screenshots of every open page, named after the test; returns the files written. */
export async function keepScreenshots(dir: string, title: string): Promise<string[]> {
  const stem = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').replace(/[^\w]+/g, '-').slice(0, 80).replace(/^-|-$/g, '');
  const files: string[] = [];
  let n = 0;
  for (const page of open) {
    if (page.isClosed()) continue;
    const file = path.join(dir, `${stem}-${++n}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 15_000 });
      files.push(file);
    } catch {
      // A page mid-navigation or crashed: the others are still worth keeping.
    }
  }
  return files;
}
