// Issue #13's first acceptance on the demo data, in a browser: the board urges two lagging units from the
// lagging list; one unit's staff acknowledge on their home page; the board's page of the urging shows it; the
// dispatch PDF names both units with their figures, Vietnamese style.
import { expect } from 'chai';
import { formatNumber, formatPercent } from '../../server/lib/format.js';
import type { ProgressReport, UnitFigures } from '../../server/reports/report.types.js';
import { DEMO_USERNAMES } from '../../seeders/support/demo-data.js';
import { allText, pdfPages } from '../helpers/documents.js';
import { demoApp, seriousAxeFindings, signIn } from './helpers/server.js';

const YEAR = 2024;
const DATES = ['06-30', '05-31', '07-31', '04-30', '08-31', '09-30', '03-31'].map((d) => `${YEAR}-${d}`);

describe('urging lagging units on the demo data, in a browser (issue #13 item 1)', () => {
  const app = demoApp();

  it('when the board urges two lagging units and one acknowledges, then the board sees who has, and the PDF names both with their figures', async () => {
    const boardContext = await app.browser.newContext();
    const page = await boardContext.newPage();
    await signIn(page, app.server.url, 'admin');

    // A date of 2024 when at least two units with a demo account lag.
    let asOf = '';
    let lagging: UnitFigures[] = [];
    for (const date of DATES) {
      const json = (await (await page.request.get(`${app.server.url}/api/v1/reports/progress?year=${YEAR}&asOf=${date}`)).json()) as ProgressReport;
      lagging = json.units.filter((u) => u.lagging && DEMO_USERNAMES[u.unitCode]);
      if (lagging.length >= 2) {
        asOf = date;
        break;
      }
    }
    expect(lagging.length, 'two lagging units in the demo data').to.be.at.least(2);
    const [first, second] = lagging as [UnitFigures, UnitFigures];

    await page.goto(`${app.server.url}/reports?year=${YEAR}&asOf=${asOf}`);
    await Promise.all([page.waitForURL(/\/urgings\/new/), page.click('[data-urge]')]);
    // Only the two: uncheck the rest of the proposal.
    for (const box of await page.locator('input[name="units"]').all()) await box.uncheck();
    await page.check(`#u-${first.unitCode}`);
    await page.check(`#u-${second.unitCode}`);
    await page.fill('#f-date', `${YEAR}-07-05`);
    await page.fill('#f-deadline', `${YEAR}-08-15`);
    expect(await seriousAxeFindings(page)).to.deep.equal([]);
    await Promise.all([page.waitForURL(/\/urgings\/\d+$/), page.click('button[data-issue]')]);
    const urgingUrl = page.url();
    const symbol = ((await page.locator('h1').textContent()) ?? '').trim();
    expect(symbol).to.match(/^\d+-TB\/BTGTU$/);

    // The staff of the first unit acknowledge on their home page.
    const staffContext = await app.browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, app.server.url, DEMO_USERNAMES[first.unitCode]!);
    const id = urgingUrl.split('/').pop()!;
    expect(await staff.locator(`[data-urgings-pending] [data-urging="${id}"]`).count()).to.equal(1);
    expect(await seriousAxeFindings(staff)).to.deep.equal([]);
    await staff.fill(`#ack-note-${id}`, 'Đã nhận, đơn vị mở thêm lớp trong quý III.');
    await Promise.all([staff.waitForURL(`${app.server.url}/`), staff.click(`[data-acknowledge="${id}"]`)]);
    expect(await staff.locator(`[data-urging="${id}"]`).count()).to.equal(0);
    await staffContext.close();

    await page.goto(urgingUrl);
    expect(await page.locator(`tr[data-unit="${first.unitCode}"]`).getAttribute('data-acknowledged')).to.equal('yes');
    expect(await page.locator(`tr[data-unit="${second.unitCode}"]`).getAttribute('data-acknowledged')).to.equal('no');
    expect(await page.locator(`tr[data-unit="${first.unitCode}"] [data-ack]`).textContent()).to.contain('Đã nhận, đơn vị mở thêm lớp trong quý III.');
    await page.goto(`${app.server.url}/urgings`);
    expect(await page.locator(`tr[data-urging="${id}"]`).textContent()).to.contain('1/2 đơn vị đã nhận');

    const bytes = Buffer.from(await (await page.request.get(`${urgingUrl}.pdf`)).body());
    const text = allText(await pdfPages(bytes)).replace(/\s+/g, ' ');
    expect(text).to.contain(`Số ${symbol}`);
    for (const unit of [first, second]) {
      expect(text).to.contain(unit.unitName);
      const row = [formatNumber(unit.plannedTrainees), formatNumber(unit.enrolled), formatPercent(unit.traineeFulfillment), formatPercent(unit.expectedPace)].join(' ');
      expect(text, unit.unitCode).to.contain(row);
    }
    await boardContext.close();
  });
});
