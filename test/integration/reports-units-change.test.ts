// Reports both ways (issue #10 item 4): units as they were, and rolled up into their successors. A hand-built
// year whose units are later renamed, dissolved, merged and split, with every figure computed by hand; then a
// property test on random events: the province totals are the same both ways, and each successor's row is
// the sum of its chain (its distinct persons counted over the chain's courses, never summed).
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Actor } from '../../server/auth/actor.js';
import type { Course, Enrollment, Trainee, Unit } from '../../server/db/models.js';
import { seededRandom, type Random } from '../../server/lib/random.js';
import { progressReport } from '../../server/reports/reports.service.js';
import type { Figures, Period, ProgressReport, UnitFigures } from '../../server/reports/report.types.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { unitAsOf } from '../../server/units/unit-history.js';
import { recordUnitEvent } from '../../server/units/unit-events.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { expectConsistent } from '../helpers/report-assertions.js';
import { makePlan } from '../helpers/report-fixture.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const Y = 2083; // no other test reads this year; the units below exist from 1/1/2083 only
const asOf = `${Y}-12-31`;
const A_NAME = 'Trung tâm Chính trị huyện Kim Động Thử';
const A_RENAMED = 'Trung tâm Chính trị thị xã Kim Động Thử';
const S_NAME = 'Đảng ủy khu vực Kim Động Thử';

const rowOf = (r: ProgressReport, code: string) => r.units.find((u) => u.unitCode === code);
const codes = (r: ProgressReport) => r.units.map((u) => u.unitCode);

describe('reports both ways: units as they were and rolled up into their successors', () => {
  let app: App;
  let admin: Actor;
  let token: string;
  let board: Agent;
  let A: Unit, B: Unit, C: Unit, S: Unit, D: Unit, E: Unit;
  let courseNames: Record<'A1' | 'A2' | 'B1' | 'C1', string>;
  let courseIds: Record<'A1' | 'A2' | 'B1' | 'C1', number>;
  /** Rolled up, units are named as they are today (a dissolved unit by its last name; these units lie in the future). */
  let aToday: string;

  // A (plan NTVD 2 / 60) and B (plan DVM 1 / 40) end on 1/7/2084 into S, which begins that day; C (no plan)
  // is split into D (first: carries C's figures) and E. t1 attends courses of A, B and C.
  //   A1 NTVD 2/3–6/3: t1 9.0 completed, t2 7.5 completed, t3 withdrawn   A2 NTVD 5/10–9/10: t4 8.0 completed
  //   B1 DVM 4/5–8/5: t1 6.0 completed, t5 4.0 failed                      C1 CNKT 1/6–2/6: t6, t1 completed
  before(async () => {
    app = makeApp();
    const user = await makeUser({ role: 'admin' });
    admin = await actorOf(user);
    token = await makeToken(user);
    board = await signIn(app, user.username);

    A = await makeUnit({ name: A_NAME, validFrom: `${Y}-01-01` });
    B = await makeUnit({ validFrom: `${Y}-01-01` });
    C = await makeUnit({ validFrom: `${Y}-01-01` });
    S = await makeUnit({ kind: 'committee', name: S_NAME, headerName: 'ĐẢNG ỦY KHU VỰC', validFrom: `${Y + 1}-07-01` });
    D = await makeUnit({ validFrom: `${Y + 1}-07-01` });
    E = await makeUnit({ validFrom: `${Y + 1}-07-01` });

    await makePlan(A.code, Y, 1, 'approved', [{ program: 'NTVD', courses: 2, trainees: 60, quarters: [15, 15, 15, 15] }]);
    await makePlan(B.code, Y, 1, 'approved', [{ program: 'DVM', courses: 1, trainees: 40 }]);
    await makePlan(B.code, Y, 2, 'draft', [{ program: 'DVM', courses: 9, trainees: 900 }]);

    const t: Trainee[] = [];
    for (let i = 1; i <= 6; i++) t[i] = await makeTrainee({ fullName: `Học viên Kế Tục số ${i}` });
    const course = (unit: Unit, program: string, start: string, end: string, name: string) =>
      makeCourse({ unitCode: unit.code, programCode: program, startDate: `${Y}-${start}`, endDate: `${Y}-${end}`, name });
    const A1 = await course(A, 'NTVD', '03-02', '03-06', 'Lớp NTVD khóa 1 Kim Động Thử');
    await makeEnrollment(A1, t[1], { status: 'completed', score: 9, grade: 'excellent' });
    await makeEnrollment(A1, t[2], { status: 'completed', score: 7.5, grade: 'fair' });
    await makeEnrollment(A1, t[3], { status: 'withdrawn' });
    const A2 = await course(A, 'NTVD', '10-05', '10-09', 'Lớp NTVD khóa 2 Kim Động Thử');
    await makeEnrollment(A2, t[4], { status: 'completed', score: 8, grade: 'good' });
    const B1 = await course(B, 'DVM', '05-04', '05-08', 'Lớp DVM đơn vị B Thử');
    await makeEnrollment(B1, t[1], { status: 'completed', score: 6, grade: 'average' });
    await makeEnrollment(B1, t[5], { status: 'failed', score: 4, grade: 'fail' });
    const C1 = await course(C, 'CNKT', '06-01', '06-02', 'Lớp CNKT đơn vị C Thử');
    await makeEnrollment(C1, t[6], { status: 'completed' });
    await makeEnrollment(C1, t[1], { status: 'completed' });
    courseNames = { A1: A1.name, A2: A2.name, B1: B1.name, C1: C1.name };
    courseIds = { A1: A1.id, A2: A2.id, B1: B1.id, C1: C1.id };

    const boardUser = await boardActor();
    await recordUnitEvent(boardUser, A.id, { kind: 'rename', effectiveDate: `${Y + 1}-03-01`, decisionNumber: '12-QĐ/TU', name: A_RENAMED });
    const end = `${Y + 1}-07-01`;
    await recordUnitEvent(boardUser, A.id, { kind: 'dissolve', effectiveDate: end, decisionNumber: '1788-QĐ/TU', successorIds: [S.id] });
    await recordUnitEvent(boardUser, B.id, { kind: 'merge', effectiveDate: end, decisionNumber: '1789-QĐ/TU', successorIds: [S.id] });
    await recordUnitEvent(boardUser, C.id, { kind: 'split', effectiveDate: end, decisionNumber: '1790-QĐ/TU', successorIds: [D.id, E.id] });
    aToday = (await unitAsOf(A.id, todayInVietnam())).name;
  });

  describe('as they were (the default)', () => {
    let r: ProgressReport;
    before(async () => {
      r = await progressReport(admin, { year: Y, asOf });
    });

    it('then a row per unit of the year, each named as of the report date and marked as ended, with its successors', () => {
      expect(r.view).to.equal('as-was');
      expect(codes(r)).to.include.members([A.code, B.code, C.code]);
      expect(codes(r)).to.not.include.members([S.code]);
      expect(codes(r)).to.not.include(D.code);
      const a = rowOf(r, A.code)!;
      expect(a.unitName).to.equal(A_NAME); // renamed in 2084: the 2083 report keeps the name of 2083
      expect(a.validTo).to.equal(`${Y + 1}-06-30`);
      expect(a.ended).to.deep.equal({ kind: 'dissolve', on: `${Y + 1}-07-01`, successors: [{ unitCode: S.code, unitName: S_NAME }] });
      expect(a.rolledInto).to.deep.equal({ unitCode: S.code, unitName: S_NAME });
      expect(a.predecessors).to.deep.equal([]);
      expect(rowOf(r, B.code)!.ended?.kind).to.equal('merge');
      expect(rowOf(r, C.code)!.ended).to.deep.include({ kind: 'split' });
      expect(rowOf(r, C.code)!.ended!.successors.map((s) => s.unitCode)).to.deep.equal([D.code, E.code]);
      expect(rowOf(r, C.code)!.rolledInto?.unitCode).to.equal(D.code);
    });

    it('then each unit keeps its own figures', () => {
      expect(rowOf(r, A.code)).to.include({ courses: 2, enrolled: 4, trainees: 4, plannedCourses: 2, plannedTrainees: 60, completed: 3 });
      expect(rowOf(r, B.code)).to.include({ courses: 1, enrolled: 2, trainees: 2, plannedCourses: 1, plannedTrainees: 40 });
      expect(rowOf(r, C.code)).to.include({ courses: 1, enrolled: 2, trainees: 2, plannedCourses: null, plannedTrainees: null });
      expectConsistent(r);
    });

    it('then a report dated after the rename names the unit by its new name', async () => {
      const later = await progressReport(admin, { year: Y + 1, asOf: `${Y + 1}-05-01` });
      expect(rowOf(later, A.code)!.unitName).to.equal(A_RENAMED);
    });
  });

  describe('rolled up into the successors', () => {
    let asWas: ProgressReport;
    let r: ProgressReport;
    before(async () => {
      asWas = await progressReport(admin, { year: Y, asOf });
      r = await progressReport(admin, { year: Y, asOf, view: 'rolled-up' });
    });

    it('then the successors have the rows, even those that did not exist in the year, and the rolled-up units are gone', () => {
      expect(r.view).to.equal('rolled-up');
      expect(codes(r)).to.not.include.members([A.code]);
      expect(codes(r)).to.not.include(B.code);
      expect(codes(r)).to.not.include(C.code);
      const mine = codes(r).filter((c) => [S.code, D.code, E.code].includes(c));
      expect(mine).to.deep.equal([S.code, D.code, E.code]); // in the successors' sort order
      const s = rowOf(r, S.code)!;
      expect(s.unitName).to.equal(S_NAME);
      expect(s.predecessors).to.deep.equal([
        { unitCode: A.code, unitName: aToday },
        { unitCode: B.code, unitName: B.name },
      ]);
      expect(s.ended).to.equal(null);
      expect(s.rolledInto).to.equal(null);
    });

    it("then the successor carries its predecessors' figures and plans, and a person of two predecessors counts once", () => {
      const s = rowOf(r, S.code)!;
      // t1 attended A1 and B1: 6 enrollments, 5 persons.
      expect(s).to.include({ courses: 3, enrolled: 6, trainees: 5, finished: 6, completed: 4, plannedCourses: 3, plannedTrainees: 100 });
      expect(s.grades).to.deep.equal({ excellent: 1, good: 1, fair: 1, average: 1, fail: 1 });
      expect(s.traineeFulfillment).to.equal(6 / 100);
      const ntvd = s.programs.find((p) => p.programCode === 'NTVD')!;
      expect(ntvd).to.include({ courses: 2, enrolled: 4, trainees: 4, plannedCourses: 2, plannedTrainees: 60 });
      expect(s.programs.find((p) => p.programCode === 'DVM')).to.include({ courses: 1, enrolled: 2, plannedCourses: 1, plannedTrainees: 40 });
      // The expected pace blends the two plans by their targets: both are at 100% on 31/12.
      expect(s.expectedPace).to.equal(1);
      // The first successor of the split carries C's figures; the other starts from zero.
      expect(rowOf(r, D.code)).to.include({ courses: 1, enrolled: 2, trainees: 2, plannedCourses: null });
      expect(rowOf(r, E.code)).to.include({ courses: 0, enrolled: 0, trainees: 0, plannedCourses: null });
      expectConsistent(r);
    });

    it('then the province totals and the program table are the same as the units were', () => {
      expect(r.totals).to.deep.equal(asWas.totals);
      expect(r.categories).to.deep.equal(asWas.categories);
    });

    it('then the report runs a fixed number of queries both ways: rolled up, two more count the rows that carry predecessors', async () => {
      const options = (testDb().sequelize as unknown as { options: { logging: unknown } }).options;
      const previous = options.logging;
      const count = async (view: 'as-was' | 'rolled-up') => {
        let n = 0;
        options.logging = () => void n++;
        try {
          await progressReport(admin, { year: Y, asOf, view });
        } finally {
          options.logging = previous;
        }
        return n;
      };
      // As they were, the persons come from person_counts alone; rolled up, a successor's persons over its
      // predecessors' courses are counted from those units' enrollments (issue #12, server/summaries/CONTEXT.md).
      expect(await count('as-was')).to.equal(9);
      expect(await count('rolled-up')).to.equal(11);
    });
  });

  describe('the JSON API', () => {
    const api = (query: string) => supertest(app).get(`/api/v1/reports/progress?${query}`).set('Authorization', `Bearer ${token}`);

    it('when view=rolled-up is asked, then the successor rows come back; by default, the units as they were', async () => {
      const rolled = await api(`year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(rolled.status).to.equal(200);
      expect(rolled.body.view).to.equal('rolled-up');
      expect((rolled.body as ProgressReport).units.find((u) => u.unitCode === S.code)).to.include({ enrolled: 6, trainees: 5 });
      const plain = await api(`year=${Y}&asOf=${asOf}`);
      expect(plain.body.view).to.equal('as-was');
      expect((plain.body as ProgressReport).units.find((u) => u.unitCode === A.code)).to.include({ unitName: A_NAME, validTo: `${Y + 1}-06-30` });
      expect(rolled.body.totals).to.deep.equal(plain.body.totals);
    });

    it('when one unit is asked rolled up, then its row covers its predecessors; a rolled-up unit is not found', async () => {
      const one = await api(`year=${Y}&asOf=${asOf}&view=rolled-up&unitCode=${S.code}`);
      expect(one.status).to.equal(200);
      expect(one.body.units.map((u: UnitFigures) => u.unitCode)).to.deep.equal([S.code]);
      expect(one.body.units[0]).to.include({ courses: 3, enrolled: 6, trainees: 5, plannedTrainees: 100 });
      expect(one.body.totals).to.include({ enrolled: 6, trainees: 5 });
      const gone = await api(`year=${Y}&asOf=${asOf}&view=rolled-up&unitCode=${A.code}`);
      expect(gone.status).to.equal(404);
      expect(gone.body.error.message).to.contain(S_NAME);
      const asWas = await api(`year=${Y}&asOf=${asOf}&unitCode=${A.code}`);
      expect(asWas.body.units.map((u: UnitFigures) => u.unitCode)).to.deep.equal([A.code]);
    });

    it('when the view is unknown, then 422 names the field', async () => {
      const res = await api(`year=${Y}&view=sideways`);
      expect(res.status).to.equal(422);
      expect(res.body.error.fields).to.have.property('view');
    });
  });

  describe('the pages', () => {
    it('when the board opens the report as the units were, then dissolved, merged and split units are marked, in Vietnamese', async () => {
      const res = await board.get(`/reports?year=${Y}&asOf=${asOf}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(`${A_NAME}</a> <span class="small text-body-secondary" data-ended>(đã giải thể từ 01/07/${Y + 1})</span>`);
      expect(res.text).to.contain(`(đã sáp nhập vào ${S_NAME} từ 01/07/${Y + 1})`);
      expect(res.text).to.contain(`(đã chia tách từ 01/07/${Y + 1})`);
      expect(res.text).to.match(/<option value="as-was" selected>như lúc đó<\/option>/);
      expect(res.text).to.not.contain('data-view="rolled-up"');
    });

    it('when the board picks "gộp vào đơn vị kế tục", then the successors show, and every link and form keeps the view', async () => {
      const res = await board.get(`/reports?year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('Số liệu theo đơn vị kế tục (sau sắp xếp)');
      expect(res.text).to.match(/<option value="rolled-up" selected>gộp vào đơn vị kế tục<\/option>/);
      expect(res.text).to.contain(`data-unit="${S.code}"`);
      expect(res.text).to.not.contain(`data-unit="${A.code}"`);
      expect(res.text).to.contain(`Gồm số liệu của: ${aToday}; ${B.name}`);
      const view = '(?:=|&#x3D;)rolled-up';
      expect(res.text).to.match(new RegExp(`href="/reports/units/${S.code}\\?[^"]*view${view}"`));
      expect(res.text).to.match(new RegExp(`href="/reports/bieu-1\\.xlsx\\?[^"]*view${view}"`));
      expect(res.text).to.match(/<input type="hidden" name="view" value="rolled-up">/);
    });

    it('when in English, then the selector and the marks are English', async () => {
      const english = await signIn(app, (await makeUser({ role: 'admin' })).username);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await english.get('/')).text)![1];
      await english.post('/lang').type('form').send({ locale: 'en', returnTo: '/', _csrf: csrf });
      const res = await english.get(`/reports?year=${Y}&asOf=${asOf}`);
      expect(res.text).to.contain(`(dissolved as of 01/07/${Y + 1})`);
      expect(res.text).to.contain('rolled up into successors');
    });

    it("when a dissolved unit's page is asked rolled up, then the reader goes to its successor's page, which lists the predecessors' courses", async () => {
      const moved = await board.get(`/reports/units/${A.code}?year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(moved.status).to.equal(303);
      expect(moved.headers.location).to.equal(`/reports/units/${S.code}?year=${Y}&asOf=${asOf}&view=rolled-up`);
      const page = await board.get(moved.headers.location!);
      expect(page.status).to.equal(200);
      for (const id of [courseIds.A1, courseIds.A2, courseIds.B1]) expect(page.text).to.contain(`data-course="${id}"`);
      expect(page.text).to.not.contain(`data-course="${courseIds.C1}"`);
      const program = await board.get(`/reports/units/${B.code}/programs/DVM?year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(program.headers.location).to.equal(`/reports/units/${S.code}/programs/DVM?year=${Y}&asOf=${asOf}&view=rolled-up`);
    });

    it("when a dissolved unit's own page is opened as it was, then it is marked and links to its successor rolled up", async () => {
      const res = await board.get(`/reports/units/${A.code}?year=${Y}&asOf=${asOf}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(`đã giải thể từ 01/07/${Y + 1}`);
      expect(res.text).to.contain(`data-rolled-into="${S.code}"`);
      expect(res.text).to.not.contain(`data-course="${courseIds.B1}"`);
    });
  });

  describe('the PDFs and the exports', () => {
    const pdf = (path: string) => board.get(path).buffer(true).parse(binary);

    it('when the province report is printed rolled up, then it says so and Biểu 1 has the successors with the same totals', async () => {
      const rolled = allText(await pdfPages((await pdf(`/reports/progress.pdf?year=${Y}&asOf=${asOf}&view=rolled-up`)).body as Buffer));
      // Printed after the dissolution, the paper marks it; printed before, it could not know (next test).
      const asWas = allText(await pdfPages((await pdf(`/reports/progress.pdf?year=${Y}&asOf=${asOf}&date=${Y + 2}-01-10`)).body as Buffer));
      expect(rolled).to.contain('Số liệu theo đơn vị kế tục (sau sắp xếp)');
      expect(rolled).to.contain(S_NAME);
      expect(rolled).to.not.contain(A_NAME);
      expect(asWas).to.not.contain('Số liệu theo đơn vị kế tục');
      expect(asWas).to.contain(`${A_NAME} (đã giải thể từ 01/07/${Y + 1})`);
      // The summary line carries the province totals: identical both ways.
      const summary = (text: string) => /toàn tỉnh mở [^;]+/.exec(text)?.[0];
      expect(summary(rolled)).to.be.a('string');
      expect(summary(rolled)).to.equal(summary(asWas));
    });

    it('when the report as they were is printed with a date before the dissolution, then the paper does not speak of it', async () => {
      const early = allText(await pdfPages((await pdf(`/reports/progress.pdf?year=${Y}&asOf=${asOf}&date=${Y}-12-20`)).body as Buffer));
      expect(early).to.contain(A_NAME);
      expect(early).to.not.contain('đã giải thể');
    });

    it("when the successor's own report is printed rolled up, then it names its predecessors and lists their courses", async () => {
      const res = await pdf(`/reports/units/${S.code}/progress.pdf?year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(res.status).to.equal(200);
      const text = allText(await pdfPages(res.body as Buffer));
      expect(text).to.contain('Số liệu theo đơn vị kế tục (sau sắp xếp)');
      expect(text).to.contain(`Gồm số liệu của: ${aToday}; ${B.name}`);
      for (const name of [courseNames.A1, courseNames.A2, courseNames.B1]) expect(text).to.contain(name);
      expect(text).to.not.contain(courseNames.C1);
    });

    it('when Biểu 1 is exported, then the view chosen gives the rows, with the same columns', async () => {
      const asWas = await board.get(`/reports/bieu-1.csv?year=${Y}&asOf=${asOf}`);
      const rolled = await board.get(`/reports/bieu-1.csv?year=${Y}&asOf=${asOf}&view=rolled-up`);
      expect(asWas.status).to.equal(200);
      expect(rolled.status).to.equal(200);
      expect(asWas.text).to.contain(`${A_NAME} (đã giải thể từ 01/07/${Y + 1})`);
      expect(rolled.text).to.not.contain(A_NAME);
      expect(rolled.text).to.contain(S_NAME);
      const header = (text: string) => text.split(/\r?\n/)[0];
      expect(header(rolled.text)).to.equal(header(asWas.text));
      const total = (text: string) => text.split(/\r?\n/).find((line) => line.includes('Tổng cộng'));
      expect(total(rolled.text)).to.equal(total(asWas.text));
      expect(rolled.headers['content-disposition']).to.contain('don-vi-ke-tuc');
    });
  });
});

// ---- the property: random units, data and events ---------------------------------------------------------

interface Made {
  unit: Unit;
  courses: Array<{ course: Course; enrollments: Enrollment[] }>;
}

const PROGRAMS = ['NTVD', 'DVM', 'CNKT', 'LSD'];

function randomResult(random: Random): Partial<Pick<Enrollment, 'status' | 'score' | 'grade'>> {
  const status = random.weighted([['completed', 5], ['failed', 1], ['withdrawn', 1], ['enrolled', 1]] as const);
  if (status === 'withdrawn' || status === 'enrolled' || random.chance(0.2)) return { status };
  const score = status === 'failed' ? random.int(0, 49) / 10 : random.int(50, 100) / 10;
  const grade = score >= 9 ? 'excellent' : score >= 8 ? 'good' : score >= 7 ? 'fair' : score >= 5 ? 'average' : 'fail';
  return { status, score, grade };
}

const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

async function buildRandomWorld(random: Random, year: number): Promise<{ made: Made[]; carriers: Map<number, number> }> {
  const made: Made[] = [];
  const trainees: Trainee[] = [];
  for (let i = 0; i < 10; i++) trainees.push(await makeTrainee({ fullName: `Học viên Ngẫu Nhiên ${year} số ${i}` }));
  for (let u = 0; u < 6; u++) {
    const unit = await makeUnit({ validFrom: `${year}-01-01`, kind: random.chance(0.3) ? 'committee' : 'center' });
    const entry: Made = { unit, courses: [] };
    made.push(entry);
    if (random.chance(0.6)) {
      const programs = PROGRAMS.filter(() => random.chance(0.5));
      await makePlan(
        unit.code,
        year,
        1,
        'approved',
        programs.map((program) => {
          const trainees = random.int(0, 80);
          const split = random.chance(0.5);
          const q = Math.floor(trainees / 4);
          return { program, courses: random.int(0, 3), trainees, quarters: split ? ([q, q, q, trainees - 3 * q] as [number, number, number, number]) : undefined };
        }),
      );
    }
    for (let c = random.int(0, 3); c > 0; c--) {
      const month = random.int(1, 12);
      const start = random.int(1, 24);
      const status = random.weighted([['finished', 6], ['open', 2], ['cancelled', 1]] as const);
      const course = await makeCourse({
        unitCode: unit.code,
        programCode: random.pick(PROGRAMS),
        startDate: day(year, month, start),
        endDate: day(year, month, start + random.int(0, 4)),
        status,
      });
      const enrollments: Enrollment[] = [];
      const people = new Set<number>();
      for (let k = random.int(0, 5); k > 0; k--) people.add(random.int(0, trainees.length - 1));
      for (const p of people) enrollments.push(await makeEnrollment(course, trainees[p], randomResult(random)));
      entry.courses.push({ course, enrollments });
    }
  }

  // Random endings in the years after: merge (one successor), split (two), dissolve (none, one or two);
  // successors are units still alive or units created on the day. The first successor carries the figures.
  const board = await boardActor();
  const alive = new Set(made.map((m) => m.unit.id));
  const all = new Map(made.map((m) => [m.unit.id, m.unit]));
  const carriers = new Map<number, number>();
  for (let step = 0; step < 6; step++) {
    const date = day(year + 1 + Math.floor(step / 2), 1 + (step % 2) * 6, 1);
    const victim = random.pick([...alive]);
    const kind = random.pick(['merge', 'split', 'dissolve'] as const);
    const wanted = kind === 'merge' ? 1 : kind === 'split' ? 2 : random.int(0, 2);
    const others = [...alive].filter((id) => id !== victim);
    const successors: number[] = [];
    for (let i = 0; i < wanted; i++) {
      const pool = others.filter((id) => !successors.includes(id));
      if (pool.length > 0 && random.chance(0.5)) successors.push(random.pick(pool));
      else {
        const fresh = await makeUnit({ validFrom: date });
        all.set(fresh.id, fresh);
        alive.add(fresh.id);
        successors.push(fresh.id);
      }
    }
    await recordUnitEvent(board, victim, { kind, effectiveDate: date, decisionNumber: `${step + 1}-QĐ/TU`, successorIds: successors });
    alive.delete(victim);
    if (successors[0] !== undefined) carriers.set(victim, successors[0]);
    if (alive.size === 0) break;
  }
  for (const id of all.keys()) if (!made.some((m) => m.unit.id === id)) made.push({ unit: all.get(id)!, courses: [] });
  // Down the chain, computed here apart from the service.
  const terminal = new Map<number, number>();
  for (const id of carriers.keys()) {
    let current = id;
    while (carriers.has(current)) current = carriers.get(current)!;
    terminal.set(id, current);
  }
  return { made, carriers: terminal };
}

const COUNTS = ['courses', 'enrolled', 'finished', 'completed'] as const;
const sumPlanned = (values: Array<number | null>) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
};

describe('reports both ways: a property on random units, data and events', () => {
  const YEAR = 2086;
  let admin: Actor;
  let world: Awaited<ReturnType<typeof buildRandomWorld>>;

  before(async function () {
    this.timeout(120_000);
    admin = await actorOf(await makeUser({ role: 'admin' }));
    world = await buildRandomWorld(seededRandom(20_860_701), YEAR);
  });

  const cases: Array<{ period: Period; asOf: string }> = [
    { period: 'year', asOf: `${YEAR}-12-31` },
    { period: 'h1', asOf: `${YEAR}-05-20` },
    { period: 'q3', asOf: `${YEAR}-12-31` },
  ];
  for (const { period, asOf } of cases) {
    it(`when the report (${period}, as of ${asOf}) is read both ways, then the totals are equal and each successor is the sum of its chain`, async () => {
      const asWas = await progressReport(admin, { year: YEAR, asOf, period });
      const rolled = await progressReport(admin, { year: YEAR, asOf, period, view: 'rolled-up' });
      expect(rolled.totals, 'totals').to.deep.equal(asWas.totals);
      expect(rolled.categories, 'categories').to.deep.equal(asWas.categories);
      expectConsistent(asWas);
      expectConsistent(rolled);

      const window = asWas.window;
      const carrierOf = (id: number) => world.carriers.get(id) ?? id;
      const mine = new Map(world.made.map((m) => [m.unit.code, m]));
      for (const m of world.made) {
        const row = rowOf(rolled, m.unit.code);
        // A unit that rolls into another has no row; every other of ours that carries figures or follows a unit of the year has one.
        if (carrierOf(m.unit.id) !== m.unit.id) expect(row, `${m.unit.code} rolled up`).to.equal(undefined);
      }
      for (const row of rolled.units.filter((u) => mine.has(u.unitCode))) {
        const unit = mine.get(row.unitCode)!.unit;
        const chain = world.made.filter((m) => carrierOf(m.unit.id) === unit.id);
        const members = chain.map((m) => rowOf(asWas, m.unit.code)).filter((f): f is UnitFigures => f !== undefined);
        const label = `${row.unitCode} (${chain.length} in its chain)`;
        for (const key of COUNTS) expect(row[key], `${label}.${key}`).to.equal(members.reduce((s, f) => s + f[key], 0));
        for (const g of ['excellent', 'good', 'fair', 'average', 'fail'] as const) {
          expect(row.grades[g], `${label}.grades.${g}`).to.equal(members.reduce((s, f) => s + f.grades[g], 0));
        }
        expect(row.plannedCourses, `${label}.plannedCourses`).to.equal(sumPlanned(members.map((f) => f.plannedCourses)));
        expect(row.plannedTrainees, `${label}.plannedTrainees`).to.equal(sumPlanned(members.map((f) => f.plannedTrainees)));
        // Distinct persons over the chain's courses in the window, counted here from the rows made.
        const persons = new Set<number>();
        for (const m of chain) {
          for (const { course, enrollments } of m.courses) {
            if (course.status === 'cancelled' || course.startDate < window.from || course.startDate > window.to) continue;
            for (const e of enrollments) persons.add(e.traineeId);
          }
        }
        expect(row.trainees, `${label}.trainees`).to.equal(persons.size);
        const predecessors = chain.filter((m) => m.unit.id !== unit.id).map((m) => m.unit.code);
        expect((row.predecessors ?? []).map((p) => p.unitCode).sort(), `${label}.predecessors`).to.deep.equal(predecessors.sort());
      }
      // Every unit of ours with figures in the year is counted in some row, both ways.
      const sum = (r: ProgressReport) => r.units.filter((u) => mine.has(u.unitCode)).reduce((s, u) => s + u.enrolled, 0);
      expect(sum(rolled)).to.equal(sum(asWas));
    });
  }

  it('when the same figures are summed over the rows both ways, then nothing is lost or counted twice', async () => {
    const asWas = await progressReport(admin, { year: YEAR, asOf: `${YEAR}-12-31` });
    const rolled = await progressReport(admin, { year: YEAR, asOf: `${YEAR}-12-31`, view: 'rolled-up' });
    const total = (rows: Figures[], key: (typeof COUNTS)[number]) => rows.reduce((s, f) => s + f[key], 0);
    for (const key of COUNTS) expect(total(rolled.units, key), key).to.equal(total(asWas.units, key));
    expect(asWas.totals.enrolled, 'the random world has data').to.be.above(0);
    // The events are not trivial: some successor carries a predecessor's enrollments.
    const ours = new Set(world.made.map((m) => m.unit.code));
    const carried = rolled.units.filter((u) => ours.has(u.unitCode) && (u.predecessors ?? []).some((p) => (rowOf(asWas, p.unitCode)?.enrolled ?? 0) > 0));
    expect(carried.length, 'successors carrying figures').to.be.above(0);
    expect(world.carriers.size, 'units rolled up').to.be.at.least(3);
  });
});
