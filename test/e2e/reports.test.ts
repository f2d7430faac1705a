// Issue #5's acceptance on the demo data: the board's dashboard for 2024 shows the figures of the JSON,
// in a real browser, with its charts drawn under the app's CSP and no serious accessibility fault.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { formatNumber, formatPercent } from '../../server/lib/format.js';
import type { Figures, ProgressReport } from '../../server/reports/report.types.js';
import { allText, pdfPages } from '../helpers/documents.js';
import { demoApp, seriousAxeFindings, signIn } from './helpers/server.js';

const shown = (f: Figures) => [
  formatNumber(f.plannedCourses),
  formatNumber(f.courses),
  formatNumber(f.plannedTrainees),
  formatNumber(f.enrolled),
  formatNumber(f.trainees),
  formatPercent(f.traineeFulfillment),
  formatNumber(f.completed),
  formatPercent(f.completionRate),
  formatPercent(f.goodRate),
];
const FIELDS = ['plannedCourses', 'courses', 'plannedTrainees', 'enrolled', 'trainees', 'traineeFulfillment', 'completed', 'completionRate', 'goodRate'];

async function cells(page: Page, selector: string): Promise<string[]> {
  return Promise.all(FIELDS.map(async (field) => ((await page.locator(`${selector} [data-field="${field}"]`).textContent()) ?? '').trim()));
}

describe('progress dashboards on the demo data, in a browser', () => {
  const app = demoApp();

  it('when the board opens 2024, then every unit, category and program and the totals show the JSON figures', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, app.server.url, 'admin');
    await page.goto(`${app.server.url}/reports?year=2024&asOf=2024-12-31`);
    const json = (await (await page.request.get(`${app.server.url}/api/v1/reports/progress?year=2024&asOf=2024-12-31`)).json()) as ProgressReport;

    expect(json.units).to.have.length(14);
    expect(json.totals.enrolled).to.be.within(20_000, 32_000);
    for (const unit of json.units) expect(await cells(page, `tr[data-unit="${unit.unitCode}"]`), unit.unitCode).to.deep.equal(shown(unit));
    expect(await cells(page, 'tr[data-unit="total"]')).to.deep.equal(shown(json.totals));
    for (const category of json.categories) {
      expect(await cells(page, `tr[data-category="${category.category}"]`), category.category).to.deep.equal(shown(category));
      for (const p of category.programs) expect(await cells(page, `tr[data-program="${p.programCode}"]`), p.programCode).to.deep.equal(shown(p));
    }
    const lagging = json.units.filter((u) => u.lagging).map((u) => u.unitCode);
    expect(await page.locator('[data-lagging] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-unit')))).to.have.members(lagging);

    // Charts drawn by the app's own Chart.js, under script-src 'self': no CSP report, no script error.
    const sizes = await page.locator('canvas[data-chart]').evaluateAll((canvases) => canvases.map((c) => (c as unknown as { width: number }).width));
    expect(sizes).to.have.length(2);
    expect(sizes.every((w) => w > 100)).to.equal(true);
    expect(problems).to.deep.equal([]);

    // The shared navigation bar (pale links on the party red) is checked apart from the report itself.
    expect(await seriousAxeFindings(page)).to.deep.equal([]);
    await context.close();
  });

  it('when the board issues the 2024 report as number 127, then the issued PDF carries the JSON figures, Vietnamese style, and reprints byte for byte', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.server.url, 'admin');
    const query = 'year=2024&asOf=2024-12-31';
    const json = (await (await page.request.get(`${app.server.url}/api/v1/reports/progress?${query}`)).json()) as ProgressReport;
    // Issue #11, item 7: a number is given by issuing the report; the plain PDF is a working copy without one.
    await page.goto(`${app.server.url}/issued-reports/new?${query}&date=2024-12-15`);
    await page.fill('#f-number', '127');
    await page.fill('#f-strengths', 'Các đơn vị chủ động mở lớp đúng kế hoạch.');
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(/\/issued-reports\/\d+$/), page.click('button[value="issue"]')]);
    const response = await page.request.get(`${page.url()}.pdf`);
    expect(response.status()).to.equal(200);
    expect(response.headers()['content-type']).to.equal('application/pdf');
    const bytes = Buffer.from(await response.body());
    expect(Buffer.from(await (await page.request.get(`${page.url()}.pdf`)).body()).equals(bytes)).to.equal(true);
    const text = allText(await pdfPages(bytes));
    expect(text).to.contain('II. ĐÁNH GIÁ 1. Ưu điểm Các đơn vị chủ động mở lớp đúng kế hoạch.');
    const t = json.totals;
    expect(text).to.contain('Số 127-BC/BTGTU');
    expect(text).to.contain('Hưng Yên, ngày 15 tháng 12 năm 2024');
    expect(text).to.contain(
      `mở ${formatNumber(t.courses)} lớp với ${formatNumber(t.enrolled)} lượt học viên (${formatNumber(t.trainees)} người), đạt ${formatPercent(t.traineeFulfillment)} kế hoạch năm`,
    );
    for (const unit of json.units) {
      for (const value of [formatNumber(unit.enrolled), formatPercent(unit.traineeFulfillment), formatPercent(unit.goodRate)]) {
        expect(text, `${unit.unitCode} ${value}`).to.contain(value);
      }
    }
    for (const unit of json.units.filter((u) => u.lagging)) expect(text).to.contain(`${unit.unitName}: đạt ${formatPercent(unit.traineeFulfillment)}`);
    await context.close();
  });

  it('when a successor’s staff open the reports of a year before the change, then they see their unit carrying its predecessor’s figures, and can drill down to a course', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.server.url, 'vanlam');
    await page.goto(`${app.server.url}/reports?year=2024`);
    expect(page.url()).to.contain('/reports/units/DUXNQ?year=2024&view=rolled-up');
    const json = (await (await page.request.get(`${app.server.url}/api/v1/reports/progress?year=2024&view=rolled-up`)).json()) as ProgressReport;
    expect(json.units.map((u) => u.unitCode)).to.deep.equal(['DUXNQ']);
    const asWas = (await (await page.request.get(`${app.server.url}/api/v1/reports/progress?year=2024`)).json()) as ProgressReport;
    expect(asWas.units.map((u) => u.unitCode)).to.deep.equal(['TTCTVL']);
    expect(asWas.units[0]!.enrolled).to.equal(json.units[0]!.enrolled);
    expect(await cells(page, 'tr[data-program="total"]')).to.deep.equal(shown(json.units[0]!));
    expect(await seriousAxeFindings(page)).to.deep.equal([]);
    await page.locator('tr[data-program] th a').first().click();
    await page.waitForURL(/\/reports\/units\/DUXNQ\/programs\/\w+/);
    expect(await page.locator('tr[data-course] a[href^="/courses/"]').count()).to.be.greaterThan(0);
    await context.close();
  });
});
