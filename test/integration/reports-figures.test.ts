// Every figure of GET /api/v1/reports/progress on a hand-built year (test/helpers/report-fixture.ts), each
// expected value computed by hand from the fixture's courses, enrollments and plans.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { actorForToken } from '../../server/auth/tokens.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { progressReport } from '../../server/reports/reports.service.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { makeApp } from '../helpers/app.js';
import { testDb } from '../helpers/db.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { expectConsistent, expectFigures, figures, grades } from '../helpers/report-assertions.js';
import { buildReportFixture } from '../helpers/report-fixture.js';

const Y = 2041; // 365 days: 31/3 is day 90, 30/6 is day 181.
const UNITS = ['TTCTHY', 'TTCTMH', 'TTCTVL', 'TTCTVG', 'TTCTYM', 'TTCTAT', 'TTCTKC', 'TTCTKD', 'TTCTTL', 'TTCTPC', 'DUKCCQ', 'DUKDN', 'DUQS', 'DUCA'];

describe('progress report figures (hand-built year)', () => {
  let app: App;
  let token: string;

  const get = async (query: string): Promise<ProgressReport> => {
    const res = await supertest(app).get(`/api/v1/reports/progress?${query}`).set('Authorization', `Bearer ${token}`);
    expect(res.status, res.text).to.equal(200);
    return res.body as ProgressReport;
  };
  const unit = (r: ProgressReport, code: string) => r.units.find((u) => u.unitCode === code)!;
  const program = (r: ProgressReport, unitCode: string, code: string) => unit(r, unitCode).programs.find((p) => p.programCode === code);
  const category = (r: ProgressReport, name: string) => r.categories.find((c) => c.category === name)!;
  const categoryProgram = (r: ProgressReport, code: string) => r.categories.flatMap((c) => c.programs).find((p) => p.programCode === code);

  before(async () => {
    app = makeApp();
    token = await makeToken(await makeUser({ role: 'admin' }));
    await buildReportFixture(Y);
  });

  describe('when the whole year is asked as of 31/12', () => {
    let r: ProgressReport;
    before(async () => {
      r = await get(`year=${Y}&asOf=${Y}-12-31`);
    });

    it('then the report names its year, date, period and window, and lists every training unit in order', () => {
      expect(r.year).to.equal(Y);
      expect(r.asOf).to.equal(`${Y}-12-31`);
      expect(r.period).to.equal('year');
      expect(r.window).to.deep.equal({ from: `${Y}-01-01`, to: `${Y}-12-31` });
      expect(r.units.map((u) => u.unitCode)).to.deep.equal(UNITS);
      expect(r.categories.map((c) => c.category)).to.deep.equal(['dao-tao', 'boi-duong-llct', 'boi-duong-nv']);
    });

    it('then a unit counts the latest approved plan version, withdrawals, distinct persons, and no cancelled course', () => {
      // v2 targets (6 courses, 400 trainees); A1 A2 A3 (NTVD) A4 A6 (DVM); A5 cancelled is not there.
      // t1 sits in A1, A2 and A4: 11 persons for 13 enrollments.
      expectFigures(unit(r, 'TTCTVL'), figures({
        plannedCourses: 6, plannedTrainees: 400, courses: 5, enrolled: 13, trainees: 11, finished: 13, completed: 8,
        grades: grades(3, 2, 1, 2, 1), completionRate: 8 / 13, goodRate: 6 / 9, courseFulfillment: 5 / 6,
        traineeFulfillment: 13 / 400, expectedPace: 1, lagging: true,
      }), 'TTCTVL');
      expect(unit(r, 'TTCTVL').programs.map((p) => p.programCode)).to.deep.equal(['NTVD', 'DVM']);
      expectFigures(program(r, 'TTCTVL', 'NTVD'), figures({
        plannedCourses: 4, plannedTrainees: 300, courses: 3, enrolled: 10, trainees: 9, finished: 10, completed: 7,
        grades: grades(2, 2, 1, 2, 1), completionRate: 7 / 10, goodRate: 5 / 8, courseFulfillment: 3 / 4,
        traineeFulfillment: 10 / 300, expectedPace: 1, lagging: true,
      }), 'TTCTVL/NTVD');
      expectFigures(program(r, 'TTCTVL', 'DVM'), figures({
        plannedCourses: 2, plannedTrainees: 100, courses: 2, enrolled: 3, trainees: 3, finished: 3, completed: 1,
        grades: grades(1), completionRate: 1 / 3, goodRate: 1, courseFulfillment: 1, traineeFulfillment: 3 / 100,
        expectedPace: 1, lagging: true,
      }), 'TTCTVL/DVM');
    });

    it('then a unit without an approved plan has null planned figures, null fulfillment and pace, and never lags', () => {
      const expected = figures({ courses: 1, enrolled: 3, trainees: 3, finished: 3, completed: 2, completionRate: 2 / 3 });
      expectFigures(unit(r, 'TTCTVG'), expected, 'TTCTVG');
      expectFigures(program(r, 'TTCTVG', 'NVCTD'), expected, 'TTCTVG/NVCTD');
      expect(unit(r, 'TTCTVG').programs).to.have.length(1);
    });

    it('then a unit with a plan and no course shows 0% done against its plan, null rates, and lags; a target of 0 gives null', () => {
      expectFigures(unit(r, 'DUCA'), figures({
        plannedCourses: 1, plannedTrainees: 50, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 1, lagging: true,
      }), 'DUCA');
      expectFigures(program(r, 'DUCA', 'CNKT'), figures({ plannedCourses: 0, plannedTrainees: 0 }), 'DUCA/CNKT');
      expect(unit(r, 'DUCA').programs.map((p) => p.programCode)).to.deep.equal(['SCLLCT', 'CNKT']);
    });

    it('then a unit with nothing at all is listed with zeros and no plan', () => {
      expectFigures(unit(r, 'TTCTHY'), figures(), 'TTCTHY');
      expect(unit(r, 'TTCTHY').programs).to.deep.equal([]);
    });

    it('then categories and their programs add up across units, persons counted once per level', () => {
      expectFigures(category(r, 'dao-tao'), figures({
        plannedCourses: 1, plannedTrainees: 50, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 1, lagging: true,
      }), 'dao-tao');
      expectFigures(category(r, 'boi-duong-llct'), figures({
        plannedCourses: 6, plannedTrainees: 400, courses: 5, enrolled: 13, trainees: 11, finished: 13, completed: 8,
        grades: grades(3, 2, 1, 2, 1), completionRate: 8 / 13, goodRate: 6 / 9, courseFulfillment: 5 / 6,
        traineeFulfillment: 13 / 400, expectedPace: 1, lagging: true,
      }), 'boi-duong-llct');
      // NVCTD (TTCTVG: t13 t14 t1) and CNKT (TTCTKC: t15–t18); planned: CNKT 1/4 (TTCTKC) + 0 (DUCA).
      // Fulfilment over the units with a plan (issue #11.2): TTCTVG has none, so 1 course and 4 lượt of
      // TTCTKC against 1 and 4 — 100 %, not 200 % and 175 %.
      expectFigures(category(r, 'boi-duong-nv'), figures({
        plannedCourses: 1, plannedTrainees: 4, courses: 2, enrolled: 7, trainees: 7, finished: 7, completed: 6,
        completionRate: 6 / 7, coursesOnPlan: 1, enrolledOnPlan: 4, courseFulfillment: 1, traineeFulfillment: 1, expectedPace: 1, lagging: false,
      }), 'boi-duong-nv');
      expectFigures(categoryProgram(r, 'NVCTD'), figures({
        plannedCourses: 0, plannedTrainees: 0, courses: 1, enrolled: 3, trainees: 3, finished: 3, completed: 2, completionRate: 2 / 3,
        coursesOnPlan: 0, enrolledOnPlan: 0, // TTCTVG, the only one with an NVCTD course, has no approved plan
      }), 'NVCTD');
      expectFigures(categoryProgram(r, 'LSD'), figures({ plannedCourses: 0, plannedTrainees: 0 }), 'LSD');
      expect(r.categories.flatMap((c) => c.programs.map((p) => p.programCode))).to.deep.equal(['SCLLCT', 'NTVD', 'DVM', 'LSD', 'CDHCM', 'NVCTD', 'NVMTDT', 'CNKT']);
    });

    it('then the totals are the sums of the rows, rates from the sums, persons counted once (t1 is in two units)', () => {
      expectFigures(r.totals, figures({
        plannedCourses: 8, plannedTrainees: 454, courses: 7, enrolled: 20, trainees: 17, finished: 20, completed: 14,
        // Fulfilment over the units with a plan: TTCTVG's course and 3 lượt count, but meet no target.
        grades: grades(3, 2, 1, 2, 1), completionRate: 14 / 20, goodRate: 6 / 9, coursesOnPlan: 6, enrolledOnPlan: 17, courseFulfillment: 6 / 8,
        traineeFulfillment: 17 / 454, expectedPace: 1, lagging: true,
      }), 'totals');
      expect(r.unplanned!.units.map((u) => u.unitCode)).to.deep.equal(UNITS.filter((c) => !['TTCTVL', 'TTCTKC', 'DUCA'].includes(c)));
      expect(r.unplanned).to.deep.include({ courses: 1, enrolled: 3, finished: 3, completed: 2 });
      // 11 (llct) + 7 (nv) persons, but t1 is in both: 17, not 18.
      expect(r.categories.reduce((s, c) => s + c.trainees, 0)).to.equal(18);
      expectConsistent(r);
    });
  });

  describe('when the first quarter is asked as of 31/3', () => {
    let r: ProgressReport;
    const dvm = (100 * 90) / 365;
    const scllct = (50 * 90) / 365;
    before(async () => {
      r = await get(`year=${Y}&period=q1&asOf=${Y}-03-31`);
    });

    it('then a course that started in the quarter counts, and its enrollments are finished only if it ended by D', () => {
      expect(r.window).to.deep.equal({ from: `${Y}-01-01`, to: `${Y}-03-31` });
      // A1 ended 14/3 (5 finished); A2 started 29/3 but ends 2/4: enrolled, not finished.
      expectFigures(unit(r, 'TTCTVL'), figures({
        plannedCourses: 6, plannedTrainees: 400, courses: 2, enrolled: 8, trainees: 7, finished: 5, completed: 3,
        grades: grades(1, 1, 1, 0, 1), completionRate: 3 / 5, goodRate: 3 / 4, courseFulfillment: 2 / 6,
        traineeFulfillment: 8 / 400, expectedPace: (60 + dvm) / 400, lagging: true,
      }), 'TTCTVL');
      // Split plan: Q1 ended by D, so 60 of 300 are due.
      expectFigures(program(r, 'TTCTVL', 'NTVD'), figures({
        plannedCourses: 4, plannedTrainees: 300, courses: 2, enrolled: 8, trainees: 7, finished: 5, completed: 3,
        grades: grades(1, 1, 1, 0, 1), completionRate: 3 / 5, goodRate: 3 / 4, courseFulfillment: 2 / 4,
        traineeFulfillment: 8 / 300, expectedPace: 0.2, lagging: true,
      }), 'TTCTVL/NTVD');
      // Not split: 90 days of 365.
      expectFigures(program(r, 'TTCTVL', 'DVM'), figures({
        plannedCourses: 2, plannedTrainees: 100, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: dvm / 100, lagging: true,
      }), 'TTCTVL/DVM');
    });

    it('then the pace of each unit and of the totals follows its own targets', () => {
      expectFigures(unit(r, 'DUCA'), figures({
        plannedCourses: 1, plannedTrainees: 50, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 90 / 365, lagging: true,
      }), 'DUCA');
      expectFigures(unit(r, 'TTCTKC'), figures({
        plannedCourses: 1, plannedTrainees: 4, courses: 1, enrolled: 4, trainees: 4, finished: 4, completed: 4,
        completionRate: 1, courseFulfillment: 1, traineeFulfillment: 1, expectedPace: 1, lagging: false,
      }), 'TTCTKC');
      expectFigures(r.totals, figures({
        plannedCourses: 8, plannedTrainees: 454, courses: 4, enrolled: 15, trainees: 13, finished: 12, completed: 9,
        // TTCTVG's B1 (1/2, 3 lượt) has no approved plan behind it: 3 courses and 12 lượt meet the targets.
        grades: grades(1, 1, 1, 0, 1), completionRate: 9 / 12, goodRate: 3 / 4, coursesOnPlan: 3, enrolledOnPlan: 12, courseFulfillment: 3 / 8,
        traineeFulfillment: 12 / 454, expectedPace: (60 + dvm + scllct + 4) / 454, lagging: true,
      }), 'totals');
      expectConsistent(r);
    });
  });

  describe('when the second quarter is asked as of 30/6', () => {
    let r: ProgressReport;
    before(async () => {
      r = await get(`year=${Y}&period=q2&asOf=${Y}-06-30`);
    });

    it('then only courses starting from 1/4 count, however their neighbours straddle the boundary', () => {
      expect(r.window).to.deep.equal({ from: `${Y}-04-01`, to: `${Y}-06-30` });
      // A3 (1/4) and A4 (28/6, ends 4/7: not finished); A2 (29/3) belongs to Q1.
      expectFigures(unit(r, 'TTCTVL'), figures({
        plannedCourses: 6, plannedTrainees: 400, courses: 2, enrolled: 4, trainees: 4, finished: 2, completed: 2,
        grades: grades(0, 1, 0, 1), completionRate: 1, goodRate: 1 / 2, courseFulfillment: 2 / 6,
        traineeFulfillment: 4 / 400, expectedPace: (150 + (100 * 181) / 365) / 400, lagging: true,
      }), 'TTCTVL');
      expectFigures(program(r, 'TTCTVL', 'DVM'), figures({
        plannedCourses: 2, plannedTrainees: 100, courses: 1, enrolled: 2, trainees: 2, courseFulfillment: 1 / 2,
        traineeFulfillment: 2 / 100, expectedPace: 181 / 365, lagging: true,
      }), 'TTCTVL/DVM');
      expect(unit(r, 'TTCTVG').programs, 'no target, no course in Q2').to.deep.equal([]);
      expectConsistent(r);
    });

    it('then lagging is judged on the year to date, not on the quarter: TTCTKC did its year in January', () => {
      // Nothing in Q2 (fulfillment 0), but 4 of 4 since 1/1 against a pace of (4 + 0) / 4: not lagging.
      expectFigures(unit(r, 'TTCTKC'), figures({
        plannedCourses: 1, plannedTrainees: 4, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 1, lagging: false,
      }), 'TTCTKC');
    });
  });

  describe('when other periods and dates are asked', () => {
    it('when nine months are asked as of 31/12, then courses from 1/10 are left out but results count as of D', async () => {
      const r = await get(`year=${Y}&period=9m&asOf=${Y}-12-31`);
      expect(r.window).to.deep.equal({ from: `${Y}-01-01`, to: `${Y}-09-30` });
      const vl = unit(r, 'TTCTVL');
      expect([vl.courses, vl.enrolled, vl.trainees, vl.finished, vl.completed]).to.deep.equal([4, 12, 10, 12, 7]);
      expectConsistent(r);
    });

    it('when the as-of date is before the year, then nothing is counted, nothing is expected yet, and nobody lags', async () => {
      const r = await get(`year=${Y}&asOf=${Y - 1}-12-15`);
      expect(r.asOf).to.equal(`${Y - 1}-12-15`);
      expect(r.window.to < r.window.from).to.equal(true);
      expectFigures(unit(r, 'TTCTVL'), figures({
        plannedCourses: 6, plannedTrainees: 400, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 0,
      }), 'TTCTVL');
      expectFigures(r.totals, figures({
        plannedCourses: 8, plannedTrainees: 454, courseFulfillment: 0, traineeFulfillment: 0, expectedPace: 0,
      }), 'totals');
      expect(r.units.some((u) => u.lagging)).to.equal(false);
    });

    it('when no as-of date is asked, then today is used, capped at 31/12 of the year', async () => {
      expect((await get(`year=${Y}`)).asOf).to.equal(todayInVietnam());
      expect((await get('year=2020')).asOf).to.equal('2020-12-31');
    });

    it('when the as-of date is after the year, then it is capped at 31/12', async () => {
      const r = await get(`year=${Y}&asOf=${Y + 3}-05-01`);
      expect(r.asOf).to.equal(`${Y}-12-31`);
      expect(r.totals.enrolled).to.equal(20);
    });
  });

  it('when the report is computed for a year with data or an empty one, then the same number of queries runs', async () => {
    // Sequelize reads `options.logging` on every query; its type does not declare `options`.
    const options = (testDb().sequelize as unknown as { options: { logging: unknown } }).options;
    const admin = await makeUser({ role: 'admin' });
    const actor = (await actorForToken(await makeToken(admin)))!;
    const previous = options.logging;
    const count = async (year: number) => {
      let n = 0;
      options.logging = () => void n++;
      try {
        await progressReport(actor, { year, asOf: `${year}-12-31` });
      } finally {
        options.logging = previous;
      }
      return n;
    };
    await progressReport(actor, { year: Y }); // once first: the dialect check (MariaDB or MySQL) is cached
    const withData = await count(Y);
    const empty = await count(Y + 20);
    expect(withData).to.equal(empty);
    // Programs, units, plan targets, course counts, the distinct persons (one read of person_counts, issue #12),
    // the lagging threshold; the succession of units (one) and their names over time (two).
    expect(withData).to.equal(9);
  });
});
