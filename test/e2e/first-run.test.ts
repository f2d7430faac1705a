// The README's promise: `npm start` on a fresh machine serves the Vietnamese login page, with demo data,
// and every demo account signs in and lands on its home page. A second start reuses the data.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn, startServer, tempDataDir, type RunningServer } from './helpers/server.js';

async function signOut(page: Page): Promise<void> {
  const toggler = page.locator('.navbar-toggler');
  if (await toggler.isVisible()) {
    await toggler.click();
    // Bootstrap slides the menu open ("collapsing", then "show"): a click during the slide can land beside the button.
    await page.locator('.navbar-collapse.show').waitFor();
  }
  await Promise.all([page.waitForURL(/\/login$/), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
}

/** How far the page, or any table box on it, scrolls sideways: [] when everything fits the screen. */
async function sidewaysScroll(page: Page): Promise<number[]> {
  const overflows = await page.locator('main, main .table-responsive').evaluateAll((boxes) => boxes.map((b) => b.scrollWidth - b.clientWidth));
  return overflows.filter((o) => o > 0);
}

describe('first run in a browser', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ DATA_DIR: data.dir });
    console.log(`      first start (build + migrate + demo seed + listen): ${(server.startMs / 1000).toFixed(1)} s`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data.cleanup();
  });

  it('when a visitor opens the app, then the Vietnamese login page is served and passes an accessibility check', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    expect(page.url()).to.match(/\/login$/);
    expect(await page.getAttribute('html', 'lang')).to.equal('vi');
    expect(await page.locator('h1').textContent()).to.equal('Đăng nhập');
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
    await context.close();
  });

  it('when the admin signs in, then the home page shows the whole province with real counts', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'admin');
    expect(await page.locator('h1').textContent()).to.contain('Xin chào');
    expect(await page.locator('[data-stat="units"]').textContent()).to.equal('14');
    const enrollments = Number((await page.locator('[data-stat="enrollments"]').textContent())!.replace(/\./g, ''));
    expect(enrollments).to.be.within(20_000, 32_000);
    await page.getByRole('button', { name: 'Quản lý' }).click();
    await page.getByRole('link', { name: 'Tài khoản người dùng' }).click();
    await page.waitForURL(`${server.url}/users`);
    expect(await page.locator('h1').textContent()).to.equal('Tài khoản người dùng');
    await signOut(page);
    await page.close();
  });

  it('when each center account signs in on a phone, then its home page names its own unit and its course list reads without sideways scroll', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const [username, unit] of [
      ['vanlam', 'Đảng ủy xã Như Quỳnh'],
      ['vangiang', 'Đảng ủy xã Văn Giang'],
      ['congan', 'Đảng ủy Công an tỉnh'],
    ]) {
      await signIn(page, server.url, username!);
      expect(await page.locator('main').textContent()).to.contain(unit);
      const courses = Number((await page.locator('[data-stat="courses"]').textContent())!.replace(/\./g, ''));
      expect(courses, username).to.be.within(5, 60);
      await page.goto(`${server.url}/courses`);
      expect(await page.locator('tbody tr').count(), username).to.be.greaterThan(1);
      expect(await sidewaysScroll(page), username).to.deep.equal([]);
      await signOut(page);
    }
    await page.close();
  });

  it('when a demo trainee signs in on a phone, then their own 2023 and 2024 courses show as cards, with nothing to scroll sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.url, 'hocvien1');
    const text = (await page.locator('main').textContent())!;
    expect(text).to.contain('năm 2023');
    expect(text).to.contain('năm 2024');
    expect(await sidewaysScroll(page)).to.deep.equal([]);
    const rows = page.locator('tr[data-enrollment]');
    expect(await rows.count()).to.be.greaterThan(1);
    for (const box of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().width))) expect(box).to.be.within(300, 390);
    // Each value is labelled by its column, as the table's header would.
    expect(await rows.first().locator('td[data-label="Điểm"]').count()).to.equal(1);
    await signOut(page);
    await page.close();
  });

  it('when the app is started again on the same data, then it starts fast and seeds nothing twice', async () => {
    await server.stop();
    const again = await startServer({ DATA_DIR: data.dir });
    try {
      console.log(`      second start: ${(again.startMs / 1000).toFixed(1)} s`);
      expect(again.output()).not.to.contain('demo data loaded');
      expect(again.output()).not.to.contain('migrations applied');
      const page = await browser.newPage();
      await signIn(page, again.url, 'admin');
      expect(await page.locator('[data-stat="units"]').textContent()).to.equal('14');
      await page.close();
    } finally {
      await again.stop();
    }
  });
});
