// Every page of every role (issue #14's acceptance), at desktop and phone width. The pages are not listed by hand:
// each role's browser starts at the home page and follows every link it is shown, one address per route, until
// no link leads to a route it has not seen. The routes it must reach are read from the security suite's
// allowlist (test/security/route-access.ts, which fails when a route is added without an entry): every GET route
// the role may use that answers a page. So a page added to the app is visited here, or this test fails naming it.
// On each page ./helpers/watch.ts runs axe (WCAG 2 A and AA), reads the CSP violations the browser reported, and
// at phone width checks that nothing scrolls sideways; this file adds that every table box that scrolls can be
// reached by keyboard, and that the page answered below 400.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
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
  return ROUTES.filter((r) => r.pattern.test(pathname)).sort((a, b) => a.params - b.params)[0];
}

const UNREACHABLE_REGIONS = `[...document.querySelectorAll('.table-responsive')].filter((b) => b.scrollWidth > b.clientWidth
  && !(b.getAttribute('tabindex') === '0' && b.getAttribute('role') === 'region' && ((b.getAttribute('aria-label') || '').trim() !== '' || (b.getAttribute('aria-labelledby') || '') !== ''))).length`;

interface Visit {
  route: string;
  address: string;
  status: number;
  unreachable: number;
}

/** Follows every link from the home page, one address per route; returns the pages visited. */
async function crawl(page: Page, origin: string, allowed: (route: Route) => boolean): Promise<Visit[]> {
  const queue: string[] = ['/'];
  const queued = new Set<string>([routeOf('/')!.path]);
  const visits: Visit[] = [];
  while (queue.length > 0) {
    const address = queue.shift()!;
    const res = await page.goto(`${origin}${address}`, { waitUntil: 'load' });
    // Deferred scripts (charts, the grid) have run by "load"; give their late changes a moment, then look again.
    await page.waitForTimeout(300);
    visits.push({ route: routeOf(new URL(address, origin).pathname)!.path, address, status: res?.status() ?? 0, unreachable: (await page.evaluate(UNREACHABLE_REGIONS)) as number });
    const hrefs = (await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href))) as string[];
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin || url.searchParams.has('lang')) continue;
      const route = routeOf(url.pathname);
      if (!route || queued.has(route.path) || !(route.access === 'public' || allowed(route))) continue;
      queued.add(route.path);
      queue.push(`${url.pathname}${url.search}`);
    }
  }
  return visits;
}

describe('every page of every role in the browser', function () {
  // The demo seed alone can take minutes on a busy machine; each crawl opens some seventy pages.
  this.timeout(1_200_000);
  const app = demoApp();

  for (const [role, { user, access }] of Object.entries(ROLES)) {
    for (const width of WIDTHS) {
      it(`when the ${role} (${user}) follows every link at ${width} px, then every page of the role is reached, each with no axe finding, no CSP violation${width < 500 ? ', nothing scrolling sideways' : ''} and every scrolling table reachable by keyboard`, async () => {
        const context = await app.browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await signIn(page, app.server.url, user);
        const allowed = (route: Route) => access.includes(route.access);
        const visits = await crawl(page, app.server.url, allowed);

        expect(visits.filter((v) => v.status >= 400).map((v) => `${v.address}: ${v.status}`)).to.deep.equal([]);
        expect(visits.filter((v) => v.unreachable > 0).map((v) => `${v.address}: ${v.unreachable} scrolling table(s) not focusable`)).to.deep.equal([]);
        const reached = new Set(visits.map((v) => v.route));
        const missing = ROUTES.filter((r) => allowed(r) && !reached.has(r.path) && !(r.path in REACHED_BY_A_FORM)).map((r) => r.path);
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
