// Issue #13's second acceptance on the demo data, in a browser: the board opens the 2027 needs survey; the
// staff of a demo unit (Đảng ủy Công an tỉnh, which has a 2026 plan) enter their needs, then build the 2027
// plan from them and submit it in under ten clicks; the board opens it, sees 2026 — plan and actuals, as the
// progress report gives them — beside each target, and approves it.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { formatNumber } from '../../server/lib/format.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { DEMO_USERNAMES } from '../../seeders/support/demo-data.js';
import { launchBrowser, signIn, startServer, tempDataDir, type RunningServer } from './helpers/server.js';

const YEAR = 2027;
const UNIT = 'DUCA';
const NEEDS: Record<string, number> = { 'NTVD__quan-chung-uu-tu': 120, 'NTVD__doan-vien-hoi-vien': 45, 'DVM__dang-vien-moi': 70, 'NVCTD__cap-uy-co-so': 33 };

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude('nav.navbar').analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the 2027 plan from the needs survey, on the demo data, in a browser (issue #13 items 4–5)', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ DATA_DIR: data.dir });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data.cleanup();
  });

  it('when a unit builds its 2027 plan from its survey answers, then it takes under ten clicks and the board approves it seeing 2026 beside each target', async () => {
    // The board opens the survey (the year is proposed: next year).
    const boardContext = await browser.newContext();
    const board = await boardContext.newPage();
    await signIn(board, server.url, 'admin');
    await board.goto(`${server.url}/surveys`);
    expect(await board.inputValue('#f-year')).to.equal(String(YEAR));
    await board.fill('#f-deadline', '2027-01-15');
    await Promise.all([board.waitForURL(/\/surveys\/\d+$/), board.click('form[data-open-survey] button[type="submit"]')]);
    expect(await board.locator('[data-status]').getAttribute('data-status')).to.equal('open');

    // The unit's staff, from their home page: every click counted.
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    staff.on('dialog', (dialog) => void dialog.accept());
    await signIn(staff, server.url, DEMO_USERNAMES[UNIT]!);
    let clicks = 0;
    const click = async (selector: string, url: RegExp, confirm = false) => {
      clicks += confirm ? 2 : 1; // accepting "Trình kế hoạch này…?" is a click too
      await Promise.all([staff.waitForURL(url), staff.click(selector)]);
    };
    await click('nav a[href="/surveys"]', /\/surveys$/);
    await click(`[data-answer="${YEAR}"]`, /\/surveys\/\d+\/answer$/);
    for (const [field, people] of Object.entries(NEEDS)) await staff.fill(`#f-${field}`, String(people));
    expect(await seriousViolations(staff)).to.deep.equal([]);
    await click('[data-save]', /\/surveys\/\d+\/answer$/);
    expect(await staff.locator('tr[data-program="NTVD"] [data-total]').textContent()).to.equal('165');
    const answerClicks = clicks;

    await click('nav a[href="/plans"]', /\/plans$/);
    await click('[data-drafts] [data-draft="survey"]', /\/plans\/\d+\/edit$/);
    // Trainees are the needs; courses ceil(needs ÷ 80).
    expect([await staff.inputValue('#f-NTVD_trainees'), await staff.inputValue('#f-NTVD_courses')]).to.deep.equal(['165', '3']);
    expect([await staff.inputValue('#f-DVM_trainees'), await staff.inputValue('#f-DVM_courses')]).to.deep.equal(['70', '1']);
    expect([await staff.inputValue('#f-NVCTD_trainees'), await staff.inputValue('#f-NVCTD_courses')]).to.deep.equal(['33', '1']);
    expect(await staff.locator('[data-comparison-year]').getAttribute('data-comparison-year')).to.equal('2026');
    await click('form[action^="/plans/"] button[type="submit"].btn-primary', /\/plans\/\d+$/);
    await click('form[action$="/submit"] button', /\/plans\/\d+$/, true);
    expect(await staff.locator('[data-status]').getAttribute('data-status')).to.equal('submitted');
    expect(clicks - answerClicks, 'clicks from the plans menu to a submitted plan').to.be.below(10);
    expect(clicks, 'clicks from the home page: needs entered, plan built and submitted').to.be.below(10);
    const planUrl = staff.url();
    await staffContext.close();

    // The board opens it from the status table and sees 2026 beside each target: the 2026 plan in force and
    // the year's courses and enrollments, as the progress report counts them.
    await board.goto(`${server.url}/plans?year=${YEAR}`);
    await Promise.all([board.waitForURL(planUrl), board.click(`tr[data-unit="${UNIT}"] a[href^="/plans/"]`)]);
    expect(await board.locator('th[data-comparison-year]').textContent()).to.contain('Năm 2026');
    const report = (await (await board.request.get(`${server.url}/api/v1/reports/progress?year=2026&asOf=2026-12-31&unitCode=${UNIT}`)).json()) as ProgressReport;
    const row = report.units.find((u) => u.unitCode === UNIT)!;
    for (const code of ['NTVD', 'DVM', 'NVCTD']) {
      const last = row.programs.find((p) => p.programCode === code);
      const shown = await Promise.all(
        ['planned-courses', 'planned-trainees', 'courses', 'enrolled'].map(async (k) => ((await board.locator(`tr[data-target="${code}"] [data-last-${k}]`).textContent()) ?? '').trim()),
      );
      expect(shown, code).to.deep.equal([formatNumber(last?.plannedCourses ?? null), formatNumber(last?.plannedTrainees ?? null), formatNumber(last?.courses ?? 0), formatNumber(last?.enrolled ?? 0)]);
    }
    expect(((await board.locator('[data-last-total="enrolled"]').textContent()) ?? '').trim()).to.equal(formatNumber(row.enrolled));
    expect(((await board.locator('[data-last-total="plannedTrainees"]').textContent()) ?? '').trim()).to.equal(formatNumber(row.plannedTrainees));
    expect(row.plannedTrainees, 'the demo unit has an approved 2026 plan').to.be.a('number');
    expect(await seriousViolations(board)).to.deep.equal([]);
    board.on('dialog', (dialog) => void dialog.accept());
    await Promise.all([board.waitForURL(planUrl), board.click('form[action$="/approve"] button')]);
    expect(await board.locator('[data-status]').getAttribute('data-status')).to.equal('approved');

    // The survey summary shows the unit's answer.
    await board.goto(`${server.url}/surveys`);
    await Promise.all([board.waitForURL(/\/surveys\/\d+$/), board.click(`tr[data-survey="${YEAR}"] a`)]);
    expect(((await board.locator(`tr[data-unit="${UNIT}"] [data-total]`).textContent()) ?? '').trim()).to.equal('268');
    await boardContext.close();
  });
});
