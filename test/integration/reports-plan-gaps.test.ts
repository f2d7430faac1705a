// Issue #11 items 2, 3 and 5 on a year of its own (2089, and 2090) with units of its own:
//   P: approved plan, NTVD 4 courses / 20 trainees split by quarter (courses 1/1/1/1, trainees 5/5/5/5);
//      courses 15/1 (6 lượt) and 10/4 (3 lượt).
//   Q: approved plan, DVM 2 / 10, not split; a course 1/3 (2 lượt).
//   N: no approved plan (a submitted one only); a course 1/2 with 12 lượt.
// Before the fix the province total read 23 / 30 = 76,7 % of the plan; the units with a plan stand at 11 / 30.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Unit } from '../../server/db/models.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeCourse, makeEnrollment, makeToken, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { makePlan } from '../helpers/report-fixture.js';
import { makeUnit } from '../helpers/units.js';
import { defaultReportYear } from '../../server/reports/reports.drilldown.js';

const Y = 2089;
const AS_OF = `${Y}-06-30`;

async function courseWith(unit: Unit, program: string, start: string, end: string, enrolled: number): Promise<void> {
  const course = await makeCourse({ unitCode: unit.code, programCode: program, startDate: `${Y}-${start}`, endDate: `${Y}-${end}` });
  for (let i = 0; i < enrolled; i++) await makeEnrollment(course, undefined, { status: 'completed' });
}

describe('reports: units without a plan, quarters, and the year shown (issue #11 items 2, 3, 5)', () => {
  let app: App;
  let token: string;
  let board: Agent;
  let P: Unit;
  let Q: Unit;
  let N: Unit;
  let report: ProgressReport;

  before(async () => {
    app = makeApp();
    const admin = await makeUser({ role: 'admin' });
    token = await makeToken(admin);
    board = await signIn(app, admin.username);
    [P, Q, N] = [await makeUnit(), await makeUnit(), await makeUnit()];
    await makePlan(P.code, Y, 1, 'approved', [{ program: 'NTVD', courses: 4, trainees: 20, quarters: [5, 5, 5, 5], quarterCourses: [1, 1, 1, 1] }]);
    await makePlan(Q.code, Y, 1, 'approved', [{ program: 'DVM', courses: 2, trainees: 10 }]);
    await makePlan(N.code, Y, 1, 'submitted', [{ program: 'NTVD', courses: 9, trainees: 900 }]);
    await courseWith(P, 'NTVD', '01-15', '01-20', 6);
    await courseWith(P, 'NTVD', '04-10', '04-15', 3);
    await courseWith(Q, 'DVM', '03-01', '03-05', 2);
    await courseWith(N, 'NTVD', '02-01', '02-05', 12);
    const res = await supertest(app).get(`/api/v1/reports/progress?year=${Y}&asOf=${AS_OF}`).set('Authorization', `Bearer ${token}`);
    expect(res.status, res.text).to.equal(200);
    report = res.body as ProgressReport;
  });

  describe('item 2: fulfilment over the units with an approved plan', () => {
    it('then the total counts every enrollment but divides only those of planned units by the targets', () => {
      const t = report.totals;
      expect([t.courses, t.enrolled, t.plannedCourses, t.plannedTrainees]).to.deep.equal([4, 23, 6, 30]);
      expect([t.coursesOnPlan, t.enrolledOnPlan]).to.deep.equal([3, 11]);
      expect(t.traineeFulfillment).to.equal(11 / 30);
      expect(t.courseFulfillment).to.equal(3 / 6);
    });

    it('then the units without a plan and what they did stand on their own line', () => {
      const codes = report.unplanned!.units.map((u) => u.unitCode);
      expect(codes).to.include(N.code);
      expect(codes).not.to.include.members([P.code, Q.code]);
      expect(report.unplanned).to.deep.include({ courses: 1, enrolled: 12, finished: 12, completed: 12 });
    });

    it('then the total is judged on pace over the planned units: 11 of 30 against 14,96 expected by 30/6', async () => {
      // Expected: P 5 + 5 (Q1 and Q2 ended), Q 10 × 181/365; 0,3667 against 0,4986 is 13,2 points behind: not lagging.
      expect(report.totals.expectedPace).to.be.closeTo((10 + (10 * 181) / 365) / 30, 1e-12);
      expect(report.totals.lagging).to.equal(false);
      const q = report.units.find((u) => u.unitCode === Q.code)!;
      expect(q.lagging, 'Q: 2 of 10 against 4,96 expected').to.equal(true);
    });

    it('then the dashboard shows the line, its footnote and the rate of the planned units', async () => {
      const res = await board.get(`/reports?year=${Y}&asOf=${AS_OF}`);
      expect(res.status).to.equal(200);
      const line = /<tr data-unit="unplanned"[\s\S]*?<\/tr>/.exec(res.text)?.[0] ?? '';
      expect(line).to.contain('Trong đó: đơn vị chưa có kế hoạch được duyệt');
      expect(line).to.match(/data-field="enrolled">12</);
      const total = /<tr data-unit="total"[\s\S]*?<\/tr>/.exec(res.text)?.[0] ?? '';
      expect(total).to.match(/data-field="enrolled">23</);
      expect(total).to.match(/data-field="traineeFulfillment">36,7%</);
      expect(res.text).to.contain('chỉ tính trên các đơn vị có kế hoạch được duyệt: 3 lớp, 11 lượt học viên');
    });

    it('then the province PDF prints the line under the total and says what the rate divides', async () => {
      const res = await board.get(`/reports/progress.pdf?year=${Y}&asOf=${AS_OF}`).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      const text = allText(await pdfPages(res.body as Buffer));
      expect(text).to.match(/Trong đó: đơn vị chưa có kế hoạch được duyệt \(\d+\)/);
      expect(text).to.contain('Tỷ lệ % TH/KH của dòng Tổng cộng tính trên các đơn vị có kế hoạch được duyệt (11 lượt học viên)');
      expect(text).to.contain('chưa có kế hoạch năm được phê duyệt, chưa đánh giá được tiến độ');
      expect(text).to.contain(N.name);
    });
  });

  describe('item 3: the lagging panel and the year shown', () => {
    it('then the panel names the units without a plan', async () => {
      const res = await board.get(`/reports?year=${Y}&asOf=${AS_OF}`);
      const panel = /<div class="alert alert-secondary mt-2 mb-0" data-unplanned>[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
      expect(panel).to.match(new RegExp(`\\d+ đơn vị chưa có kế hoạch năm ${Y} được duyệt`));
      expect(panel).to.contain(`data-unit="${N.code}"`);
      expect(panel).not.to.contain(`data-unit="${P.code}"`);
    });

    it('when no unit has an approved plan, then the panel says so instead of "nobody is lagging"', async () => {
      const lone = await makeUnit();
      await courseWith(lone, 'NTVD', '03-01', '03-02', 1);
      const res = await board.get(`/reports?year=${Y + 1}&asOf=${Y + 1}-12-31`);
      expect(res.text).to.contain(`Chưa có đơn vị nào có kế hoạch năm ${Y + 1} được duyệt: chưa đánh giá được tiến độ.`);
      expect(res.text).not.to.contain('không có đơn vị nào chậm');
    });

    it('then every year is one click away, keeping the period and the view', async () => {
      const staff = await signIn(app, (await makeUser({ role: 'center', unitCode: N.code })).username);
      const page = await staff.get(`/reports/units/${N.code}?year=${Y}&period=h1&asOf=${AS_OF}&view=rolled-up`);
      expect(page.status).to.equal(200);
      const links = (/<nav class="mb-2 no-print"[\s\S]*?<\/nav>/.exec(page.text)?.[0] ?? '').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
      expect(links).to.contain(`class="nav-link py-1 px-2 active" aria-current="page" href="/reports/units/${N.code}?year=${Y}&period=h1&view=rolled-up"`);
      expect(links).to.contain(`href="/reports/units/${N.code}?year=${new Date().getFullYear()}&period=h1&view=rolled-up"`);
      const home = await staff.get('/');
      expect(home.text).to.contain(`href="/?year=${Y}"`);
    });

    it('when the board has no figures this year, then the home page and dashboard open on the latest year that has', async () => {
      // The demo data and the seeded units are shared by the whole run, so the rule is checked where it is made.
      expect(defaultReportYear(2026, 2026, 2027), 'this year has figures').to.equal(2026);
      expect(defaultReportYear(2026, 2025, 2027), 'nothing approved nor taught in 2026 yet').to.equal(2025);
      expect(defaultReportYear(2026, null, 2027), 'a unit set up for next year').to.equal(2027);
      expect(defaultReportYear(2026, null, null), 'nothing anywhere').to.equal(2026);
      const board2026 = await board.get('/');
      const shown = Number(/class="btn btn-outline-secondary btn-sm active" aria-current="true" href="\/\?year=(\d+)"/.exec(board2026.text)?.[1]);
      const dashboard = await board.get('/reports');
      expect(dashboard.text, 'the dashboard and the home page agree').to.contain(`<option value="${shown}" selected>`);
    });
  });

  describe('item 5: quarter targets against actuals', () => {
    it('then a split target carries each quarter, actuals by start date; a row with no split has none', () => {
      const p = report.units.find((u) => u.unitCode === P.code)!;
      expect(p.quarters!.map((q) => [q.plannedCourses, q.courses, q.plannedTrainees, q.enrolled])).to.deep.equal([
        [1, 1, 5, 6],
        [1, 1, 5, 3],
        [1, 0, 5, 0],
        [1, 0, 5, 0],
      ]);
      expect(p.quarters![0]!.traineeFulfillment).to.equal(6 / 5);
      expect(p.programs.find((x) => x.programCode === 'NTVD')!.quarters).to.deep.equal(p.quarters);
      expect(report.units.find((u) => u.unitCode === Q.code)!.quarters).to.equal(null);
      expect(report.units.find((u) => u.unitCode === N.code)!.quarters).to.equal(null);
    });

    it('then the unit page shows the quarter table, and a quarter ended short is marked', async () => {
      const res = await board.get(`/reports/units/${P.code}?year=${Y}&asOf=${AS_OF}`);
      const table = /<table class="[^"]*" data-table="quarters">[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? '';
      expect(table).to.contain('Quý 1');
      const total = /<tr data-quarter-row="total">[\s\S]*?<\/tr>/.exec(table)?.[0] ?? '';
      expect(total).to.match(/data-quarter="1">\s*<div>[^]*?data-field="trainees">6\/5</);
      expect(total).to.match(/class="num text-danger"[^>]*data-quarter="2">[^]*?data-field="trainees">3\/5</);
      expect(total).to.match(/class="num"[^>]*data-quarter="3">/);
    });

    it('then the unit PDF has Biểu 3 with each quarter', async () => {
      const res = await board.get(`/reports/units/${P.code}/progress.pdf?year=${Y}&asOf=${AS_OF}`).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      const pages = await pdfPages(res.body as Buffer);
      const last = pages.at(-1)!.text;
      expect(last).to.contain('TIẾN ĐỘ THỰC HIỆN THEO QUÝ');
      expect(last).to.contain('Quý 4');
      expect(last).to.match(/1 1 5 6 1 1 5 3 1 0 5 0 1 0 5 0/);
    });

    it('then the province PDF has Biểu 3 too', async () => {
      const res = await board.get(`/reports/progress.pdf?year=${Y}&asOf=${AS_OF}`).buffer(true).parse(binary);
      const text = allText(await pdfPages(res.body as Buffer));
      expect(text).to.contain('Số liệu chi tiết tại Biểu 1, Biểu 2 và Biểu 3 kèm theo.');
      expect(text).to.contain('TIẾN ĐỘ THỰC HIỆN THEO QUÝ');
    });
  });
});
