// Every page of every role (issue #14's acceptance), at desktop and phone width. The pages are not listed by hand:
// each role's browser starts at the home page and follows every link it is shown, and every search form as it
// comes filled, one address per route, until no link leads to a route it has not seen. The routes it must reach
// are read from the security suite's allowlist (test/security/route-access.ts, which fails when a route is added
// without an entry): every GET route the role may use that answers a page. So a page added to the app is visited
// here, or this test fails naming it.
// The demo data has no urging, issued report, survey or correction request yet: before crawling, the roles make
// one of each through the pages, as they would on their first weeks. Some links show only on some records (a
// closed year's course, an enrollment without a certificate): those records are found through the API and the
// crawl starts from them as well as from the home page.
// On each page ./helpers/watch.ts runs axe (WCAG 2 A and AA), reads the CSP violations the browser reported, and
// at phone width checks that nothing scrolls sideways; this file adds that every table box that scrolls can be
// reached by keyboard, and that the page answered below 400.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ROUTE_ACCESS, type Access } from '../security/route-access.js';
import { demoApp, signIn } from './helpers/server.js';

const WIDTHS = [1366, 390];

/** GET routes that are not pages: files, JSON, the API, health checks. */
const NOT_A_PAGE = /^\/api\/|\.pdf$|\.xlsx$|\.:format$|^\/(healthz|readyz|courses\/suggest-name)$/;

/**
 * Pages no link leads to, and where a browser test reaches them instead (with the same checks, which every browser
 * test makes on every page). Kept short: each one is a page that only a form's answer opens.
 */
const REACHED_BY_A_FORM: Record<string, string> = {
  '/courses/:id/imports/:kind/:sha256': 'the preview after an upload: e2e/imports.test.ts',
};

/** Routes a role may ask for that answer it with a redirect, not a page: no link of theirs leads there. */
const REDIRECTS_FOR: Record<string, Record<string, string>> = {
  center: { '/surveys/:id': 'a unit is sent on to its own answer, /surveys/:id/answer' },
};

const ROLES: Record<string, { user: string; access: Access[] }> = {
  board: { user: 'admin', access: ['signed-in', 'own', 'staff', 'board'] },
  center: { user: 'vanlam', access: ['signed-in', 'own', 'staff', 'center'] },
  trainee: { user: 'hocvien1', access: ['signed-in', 'own', 'trainee'] },
};

interface Route {
  path: string;
  access: Access;
  pattern: RegExp;
  params: number;
}

const ROUTES: Route[] = Object.entries(ROUTE_ACCESS)
  .filter(([key]) => key.startsWith('GET '))
  .map(([key, access]) => ({ path: key.slice(4), access }))
  .filter((r) => !NOT_A_PAGE.test(r.path))
  .map((r) => ({
    ...r,
    pattern: new RegExp(`^${r.path.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`),
    params: (r.path.match(/:/g) ?? []).length,
  }));

/** The route an address belongs to: of those that match, the one with the fewest parameters (/plans/new, not /plans/:id). */
function routeOf(pathname: string): Route | undefined {
  // A file's address can look like a page's (/certificates/register.pdf fits /certificates/:id): files are not pages.
  if (NOT_A_PAGE.test(pathname)) return undefined;
  return ROUTES.filter((r) => r.pattern.test(pathname)).sort((a, b) => a.params - b.params)[0];
}

const UNREACHABLE_REGIONS = `[...document.querySelectorAll('.table-responsive')].filter((b) => b.scrollWidth > b.clientWidth
  && !(b.getAttribute('tabindex') === '0' && b.getAttribute('role') === 'region' && ((b.getAttribute('aria-label') || '').trim() !== '' || (b.getAttribute('aria-labelledby') || '') !== ''))).length`;

/** Where each GET form on the page leads as it stands (its fields as filled by default). */
const GET_FORMS = `[...document.querySelectorAll('form')].filter((f) => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
  .map((f) => { const u = new URL(f.action, location.href); for (const [k, v] of new FormData(f)) if (typeof v === 'string' && v !== '') u.searchParams.append(k, v); return u.href; })`;

interface Visit {
  route: string;
  address: string;
  status: number;
  unreachable: number;
}

/** One address is followed per route and set of query parameters: /plans and /plans?year=2026 are two pages. */
const keyOf = (route: Route, url: URL) => `${route.path}?${[...new Set(url.searchParams.keys())].sort().join('&')}`;

/**
 * Follows every link from the starting records and the home page, one address per route and query; returns the
 * pages visited. The starting records do not stand for their routes, and a link to an address already visited is
 * not one: the next other record of the same route is followed.
 */
async function crawl(page: Page, origin: string, allowed: (route: Route) => boolean, starts: string[]): Promise<Visit[]> {
  const queue: string[] = [...starts, '/'];
  const seen = new Set<string>(queue);
  const followed = new Set<string>();
  const visits: Visit[] = [];
  while (queue.length > 0) {
    const address = queue.shift()!;
    const res = await page.goto(`${origin}${address}`, { waitUntil: 'load' });
    if (process.env.E2E_FINDINGS === 'log') console.log(`      visit ${address}`);
    // Deferred scripts (charts, the grid) have run by "load"; give their late changes a moment, then look again.
    await page.waitForTimeout(300);
    visits.push({ route: routeOf(new URL(address, origin).pathname)!.path, address, status: res?.status() ?? 0, unreachable: (await page.evaluate(UNREACHABLE_REGIONS)) as number });
    const hrefs = [
      ...((await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href))) as string[]),
      ...((await page.evaluate(GET_FORMS)) as string[]),
    ];
    for (const href of hrefs) {
      const url = new URL(href);
      const next = `${url.pathname}${url.search}`;
      if (url.origin !== origin || url.searchParams.has('lang') || seen.has(next)) continue;
      const route = routeOf(url.pathname);
      if (!route || followed.has(keyOf(route, url)) || !(route.access === 'public' || allowed(route))) continue;
      followed.add(keyOf(route, url));
      seen.add(next);
      queue.push(next);
    }
  }
  return visits;
}

interface Starts {
  board: string[];
  center: string[];
  trainee: string[];
}

/** A signed-in page of its own browser context, closed by `done`. */
async function as(browser: Browser, url: string, user: string): Promise<{ page: Page; done: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, url, user);
  return { page, done: () => context.close() };
}

/**
 * The objects the demo has none of, made through the pages: the board opens the 2027 needs survey, urges the units
 * lagging in mid-2024 and issues the 2024 report; Như Quỳnh answers the survey, drafts its 2027 plan and asks to
 * correct a course of the closed year 2023; a trainee reports a mistake in their record. Returns where each role's
 * crawl starts besides the home page.
 */
async function firstWeeks(browser: Browser, url: string): Promise<Starts> {
  const board = await as(browser, url, 'admin');
  await board.page.goto(`${url}/surveys`);
  await board.page.fill('#f-deadline', '2027-01-15');
  await Promise.all([board.page.waitForURL(/\/surveys\/\d+$/), board.page.click('form[data-open-survey] button[type="submit"]')]);

  // Mid-2026: the units lagging then, and Như Quỳnh, so that its staff have an urging to open too.
  await board.page.goto(`${url}/urgings/new?year=2026&asOf=2026-06-30`);
  await board.page.check('#u-DUXNQ');
  await board.page.fill('#f-date', '2026-07-05');
  await board.page.fill('#f-deadline', '2026-08-15');
  await Promise.all([board.page.waitForURL(/\/urgings\/\d+$/), board.page.click('button[data-issue]')]);

  await board.page.goto(`${url}/issued-reports/new?year=2024&asOf=2024-12-31&date=2024-12-15`);
  await board.page.fill('#f-number', '127');
  await board.page.fill('#f-strengths', 'Các đơn vị chủ động mở lớp đúng kế hoạch.');
  board.page.once('dialog', (dialog) => void dialog.accept());
  await Promise.all([board.page.waitForURL(/\/issued-reports\/\d+$/), board.page.click('button[value="issue"]')]);
  await board.done();

  const center = await as(browser, url, 'vanlam');
  await center.page.goto(`${url}/surveys`);
  await Promise.all([center.page.waitForURL(/\/surveys\/\d+\/answer$/), center.page.click('[data-answer="2027"]')]);
  await center.page.locator('form[data-answer-form] input[type="number"]').first().fill('30');
  await Promise.all([center.page.waitForEvent('load'), center.page.click('[data-save]')]);
  await center.page.goto(`${url}/plans`);
  await Promise.all([center.page.waitForURL(/\/plans\/\d+\/edit$/), center.page.click('[data-drafts] [data-draft="copy"]')]);
  const draft = new URL(center.page.url()).pathname.replace(/\/edit$/, '');
  await center.page.goto(`${url}/issued-reports/new/DUXNQ?year=2026`);
  center.page.once('dialog', (dialog) => void dialog.accept());
  await Promise.all([center.page.waitForURL(/\/issued-reports\/\d+$/), center.page.click('button[value="issue"]')]);
  const units = (await (await center.page.request.get(`${url}/api/v1/units`)).json()) as { units: Array<{ id: number; code: string }> };
  const ownUnit = `/units/${units.units.find((u) => u.code === 'DUXNQ')!.id}`;

  // A course of the closed year 2023 (Văn Lâm's, which Như Quỳnh carries on), and one of its enrollments without a
  // certificate: only there are the "ask to correct" links.
  const listed = (await (await center.page.request.get(`${url}/api/v1/courses?year=2023&status=finished`)).json()) as { courses: Array<{ id: number }> };
  let closed: { course: number; enrollment: number } | null = null;
  for (const { id } of listed.courses) {
    const roster = (await (await center.page.request.get(`${url}/api/v1/courses/${id}/enrollments`)).json()) as { enrollments: Array<{ id: number; status: string; certified: boolean }> };
    const open = roster.enrollments.find((e) => !e.certified && e.status !== 'withdrawn');
    if (open) {
      closed = { course: id, enrollment: open.id };
      break;
    }
  }
  expect(closed, 'a 2023 enrollment of Như Quỳnh without a certificate').to.not.equal(null);
  // And courses of this open year: one that has ended (its results and certificates), one still taking people.
  const courses = async (status: string) => ((await (await center.page.request.get(`${url}/api/v1/courses?year=2026&status=${status}`)).json()) as { courses: Array<{ id: number }> }).courses;
  const [ended] = await courses('finished');
  const [taking] = [...(await courses('open')), ...(await courses('planned'))];
  expect([ended, taking], 'a course of Như Quỳnh of 2026 that ended, and one that has not').to.not.include(undefined);
  await center.page.goto(`${url}/courses/${closed!.course}/year-correction`);
  await center.page.fill('#f-place', 'Hội trường Trung tâm Chính trị huyện Văn Lâm');
  await center.page.fill('#f-reason', 'Nhập nhầm địa điểm học khi mở lớp.');
  await Promise.all([center.page.waitForURL(/\/year-corrections\/\d+$/), center.page.click('form[action$="/year-correction"] button[type="submit"]')]);
  await center.done();

  const trainee = await as(browser, url, 'hocvien1');
  await trainee.page.goto(`${url}/me/corrections/new`);
  await trainee.page.fill('#f-message', 'Năm sinh của tôi là 1985, hồ sơ ghi 1986.');
  await Promise.all([trainee.page.waitForEvent('load'), trainee.page.click('form[action="/me/corrections"] button[type="submit"]')]);
  await trainee.done();

  const records = [`/courses/${taking!.id}`, `/courses/${ended!.id}`, `/courses/${closed!.course}`, `/enrollments/${closed!.enrollment}`, draft];
  return { board: records, center: [...records, ownUnit], trainee: [] };
}

describe('every page of every role in the browser', function () {
  // The demo seed alone can take minutes on a busy machine; each crawl opens some seventy pages.
  this.timeout(1_200_000);
  const app = demoApp();
  let starts: Starts;
  before(async () => {
    starts = await firstWeeks(app.browser, app.server.url);
  });

  for (const [role, { user, access }] of Object.entries(ROLES)) {
    for (const width of WIDTHS) {
      it(`when the ${role} (${user}) follows every link at ${width} px, then every page of the role is reached, each with no axe finding, no CSP violation${width < 500 ? ', nothing scrolling sideways' : ''} and every scrolling table reachable by keyboard`, async () => {
        const context = await app.browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await signIn(page, app.server.url, user);
        const allowed = (route: Route) => access.includes(route.access);
        const visits = await crawl(page, app.server.url, allowed, starts[role as keyof Starts]);

        expect(visits.filter((v) => v.status >= 400).map((v) => `${v.address}: ${v.status}`)).to.deep.equal([]);
        expect(visits.filter((v) => v.unreachable > 0).map((v) => `${v.address}: ${v.unreachable} scrolling table(s) not focusable`)).to.deep.equal([]);
        const reached = new Set(visits.map((v) => v.route));
        const missing = ROUTES.filter((r) => allowed(r) && !reached.has(r.path) && !(r.path in REACHED_BY_A_FORM) && !(r.path in (REDIRECTS_FOR[role] ?? {}))).map((r) => r.path);
        expect(missing, `${role}: pages no link led to`).to.deep.equal([]);
        await context.close();
      });
    }
  }

  it('when a visitor opens the sign-in, verification and activation pages, then they pass the same checks at either width', async () => {
    for (const width of WIDTHS) {
      const context = await app.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const path of ['/login', '/verify', '/activate']) {
        const res = await page.goto(`${app.server.url}${path}`);
        expect(res?.status(), `${path} at ${width}`).to.be.below(400);
      }
      await context.close();
    }
  });

  it('when a page has an inline style, then the browser reports it to the checks (they can fail)', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<div style="color: red">x</div>')`);
    await page.waitForTimeout(100);
    const reported = (await page.evaluate('window.__cspViolations.splice(0)')) as string[];
    expect(reported.join(' ')).to.contain('style-src');
    await context.close();
  });
});
