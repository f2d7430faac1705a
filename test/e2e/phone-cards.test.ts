// Issue #14 item 3: on a phone (390 px) the roster, the enrollment search and the report tables read as cards,
// like the trainee record: nothing scrolls sideways, every row fits the screen, and the Ghi danh button of a
// search result is on screen.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { demoApp, signIn } from './helpers/server.js';

const PHONE = { width: 390, height: 844 };

/** Sideways scroll of the page and of each table box, and the widest table row, in CSS pixels. */
async function fit(page: Page, table: string) {
  const page_ = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  const boxes = await page.locator('.table-responsive').evaluateAll((els) => els.map((b) => b.scrollWidth - b.clientWidth));
  const rows = await page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().right));
  return { page: page_, boxes: Math.max(0, ...boxes), rightmost: Math.max(0, ...rows), rows: rows.length };
}

describe('phone layouts: roster, enrollment search and report tables as cards (issue #14 item 3)', () => {
  const app = demoApp();

  async function phonePage(username: string): Promise<Page> {
    const context = await app.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, app.server.url, username);
    return page;
  }

  it('when a center opens a roster and searches people to enroll on a phone, then rows are cards and Ghi danh is on screen', async () => {
    const page = await phonePage('vanlam');
    await page.goto(`${app.server.url}/courses?status=open`);
    let href = await page.locator('table tbody a[href^="/courses/"]').first().getAttribute('href');
    if (!href) {
      await page.goto(`${app.server.url}/courses?status=planned`);
      href = await page.locator('table tbody a[href^="/courses/"]').first().getAttribute('href');
    }
    expect(href, 'an open or planned course of Như Quỳnh').to.match(/^\/courses\/\d+$/);

    await page.goto(`${app.server.url}/courses?year=2024`);
    const finished = await page.locator('table tbody a[href^="/courses/"]').first().getAttribute('href');
    await page.goto(`${app.server.url}${finished}`);
    const roster = await fit(page, 'table[data-roster]');
    expect(roster.rows).to.be.greaterThan(0);
    expect(roster.page, 'the roster page scrolls sideways').to.equal(0);
    expect(roster.boxes, 'a table box scrolls sideways').to.equal(0);
    expect(roster.rightmost).to.be.at.most(PHONE.width);

    await page.goto(`${app.server.url}${href}/enrollments/new?q=${encodeURIComponent('Nguyễn')}`);
    const search = await fit(page, 'table[data-hits]');
    expect(search.rows).to.be.greaterThan(0);
    expect(search.page).to.equal(0);
    expect(search.boxes).to.equal(0);
    const button = await page.locator('table[data-hits] button[type="submit"]').first().boundingBox();
    expect(button, 'a Ghi danh button').to.not.equal(null);
    expect(button!.x).to.be.at.least(0);
    expect(button!.x + button!.width).to.be.at.most(PHONE.width);
    await page.context().close();
  });

  it('when the board reads the dashboard and a unit’s report on a phone, then each unit and program is a card that fits', async () => {
    const page = await phonePage('admin');
    await page.goto(`${app.server.url}/reports?year=2024`);
    const units = await fit(page, 'table[data-table="units"]');
    expect(units.rows).to.be.greaterThan(5);
    expect(units.page).to.equal(0);
    expect(units.rightmost).to.be.at.most(PHONE.width);
    const programs = await fit(page, 'table[data-table="programs"]');
    expect(programs.rows).to.be.greaterThan(5);
    expect(programs.rightmost).to.be.at.most(PHONE.width);
    // Each figure keeps its column's name beside it.
    const label = await page.locator('table[data-table="units"] tbody tr').first().locator('[data-field="enrolled"]').getAttribute('data-label');
    expect(label).to.equal('TH số học viên (lượt)');
    // The trainee breakdowns and the quarter table are cards too, each figure under its column's name.
    const breakdowns = await fit(page, 'table[data-breakdown]');
    expect(breakdowns.rows).to.be.greaterThan(5);
    expect(breakdowns.boxes, 'a breakdown table scrolls sideways').to.equal(0);
    expect(breakdowns.rightmost).to.be.at.most(PHONE.width);
    expect(await page.locator('table[data-breakdown] tbody tr').first().locator('[data-field="share"]').getAttribute('data-label')).to.equal('Tỷ trọng (% lượt)');
    const quarters = await fit(page, 'table[data-table="quarters"]');
    expect(quarters.rows, 'the demo splits targets by quarter').to.be.greaterThan(0);
    expect(quarters.boxes, 'the quarter table scrolls sideways').to.equal(0);
    expect(quarters.rightmost).to.be.at.most(PHONE.width);

    const unit = await page.locator('table[data-table="units"] tbody a[href^="/reports/units/"]').first().getAttribute('href');
    await page.goto(`${app.server.url}${unit}`);
    const own = await fit(page, 'table[data-table="programs"]');
    expect(own.page).to.equal(0);
    expect(own.rightmost).to.be.at.most(PHONE.width);
    await page.context().close();
  });
});
