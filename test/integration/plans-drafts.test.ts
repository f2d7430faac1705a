// Issue #13 item 5: a unit starts next year's plan from its needs survey answer or from a copy of last year's
// plan, and sees last year's plan and actuals beside each target; the board sees the same when approving.
// Years of their own (2203–2207) and units of their own.
//   S: answers the 2203 survey: NTVD 100 + 70 people, DVM 40, LSD 0 → draft NTVD 170 (ceil(170/80) = 3 courses), DVM 40 (1).
//   C: approved 2204 plan NTVD 4/320 split by quarter, CNKT 2/150 → the 2205 draft copies it.
//   P: approved 2206 plan NTVD 4/320, CNKT 2/150; in 2206 two NTVD courses with 3 + 2 enrollments, one DVM course
//      with 4 → the 2207 plan shows, beside NTVD, 4 / 320 / 2 / 5, and DVM – / – / 1 / 4.
//   E: approved 2204 plan only → its 2206 plan compares with 2204 and says 2205 has none.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { NeedsSurvey, Plan, type Unit } from '../../server/db/models.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { planComparison } from '../../server/plans/plan-comparison.js';
import { suggestedCourses } from '../../server/plans/plan-drafts.service.js';
import { saveAnswer } from '../../server/surveys/answers.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { decode } from '../helpers/imports.js';
import { makePlan, targetsOf } from '../helpers/plans.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const inDays = (n: number) => new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The figures shown beside a program, in a form line or a table row. */
function lastYearOf(html: string, code: string): string[] {
  const start = html.search(new RegExp(`data-(?:last|target)="${code}"`));
  expect(start, `last-year figures of ${code}`).to.be.at.least(0);
  const chunk = html.slice(start, start + 2500);
  return ['planned-courses', 'planned-trainees', 'courses', 'enrolled'].map((k) => new RegExp(`data-last-${k}>([^<]*)<`).exec(chunk)![1]!);
}

describe('plans: drafting next year from the survey or a copy, with last year beside each target (issue #13 item 5)', () => {
  let app: App;
  let board: Agent;
  let S: Unit;
  let C: Unit;
  let P: Unit;
  let E: Unit;
  const staff = new Map<string, Agent>();

  before(async () => {
    app = makeApp();
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    [S, C, P, E] = [await makeUnit(), await makeUnit(), await makeUnit(), await makeUnit()];
    for (const unit of [S, C, P, E]) staff.set(unit.code, await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username));
  });

  it('when a unit drafts its plan from its survey answer, then trainees are the needs per program and courses ceil(needs ÷ class size of 80)', async () => {
    expect([suggestedCourses(170, 80), suggestedCourses(40, 80), suggestedCourses(160, 80), suggestedCourses(0, 80)]).to.deep.equal([3, 1, 2, 0]);
    const survey = await NeedsSurvey.create({ year: 2203, deadline: inDays(10), status: 'open' });
    const sActor = await actorOf(await makeUser({ role: 'center', unitCode: S.code }));
    const agent = staff.get(S.code)!;
    const none = await postForm(agent, '/plans/draft', { year: 2203, source: 'survey' }, '/plans');
    expect(none.status).to.equal(409);
    expect(decode(none.text)).to.include('Đơn vị chưa gửi nhu cầu trong đợt rà soát năm 2203');
    await saveAnswer(sActor, survey.id, {
      lockVersion: 0,
      cells: [
        { programCode: 'NTVD', category: 'dang-vien-moi', people: 100 },
        { programCode: 'NTVD', category: 'quan-chung-uu-tu', people: 70 },
        { programCode: 'DVM', category: 'dang-vien-moi', people: 40 },
        { programCode: 'LSD', category: 'khac', people: 0 },
      ],
    });
    const res = await postForm(agent, '/plans/draft', { year: 2203, source: 'survey', unitId: P.id }, '/plans');
    expect(res.status, res.text).to.equal(303);
    const plan = (await Plan.findOne({ where: { unitId: S.id, year: 2203 } }))!;
    expect(res.headers.location).to.equal(`/plans/${plan.id}/edit`);
    expect([plan.status, plan.version, plan.note]).to.deep.equal(['draft', 1, 'Lập từ kết quả rà soát nhu cầu đào tạo, bồi dưỡng năm 2203.']);
    const targets = await targetsOf(plan.id);
    expect(Object.fromEntries(Object.entries(targets).map(([code, t]) => [code, [t.courses, t.trainees]]))).to.deep.equal({ NTVD: [3, 170], DVM: [1, 40] });
    expect(await Plan.count({ where: { unitId: P.id, year: 2203 } }), 'a unitId field is ignored for unit staff').to.equal(0);
    const again = await postForm(agent, '/plans/draft', { year: 2203, source: 'survey' }, '/plans');
    expect(again.status).to.equal(409);
  });

  it("when a unit copies last year's plan, then the draft has its targets, quarters included; without an earlier plan, 409", async () => {
    await makePlan({
      unitCode: C.code,
      year: 2204,
      status: 'approved',
      targets: [
        { programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 1], trainees: [80, 80, 80, 80] } },
        { programCode: 'CNKT', plannedCourses: 2, plannedTrainees: 150 },
      ],
    });
    const agent = staff.get(C.code)!;
    const none = await postForm(agent, '/plans/draft', { year: 2204, source: 'copy' }, '/plans');
    expect(none.status).to.equal(409);
    expect(decode(none.text)).to.include('Đơn vị chưa có kế hoạch nào đã được duyệt trước năm 2204 để sao chép.');
    const res = await postForm(agent, '/plans/draft', { year: 2205, source: 'copy' }, '/plans');
    expect(res.status, res.text).to.equal(303);
    const plan = (await Plan.findOne({ where: { unitId: C.id, year: 2205 } }))!;
    expect(plan.note).to.equal('Sao chép từ kế hoạch năm 2204 (phiên bản 1).');
    expect(await targetsOf(plan.id)).to.deep.equal({
      NTVD: { courses: 4, trainees: 320, quarters: [1, 1, 1, 1, 80, 80, 80, 80] },
      CNKT: { courses: 2, trainees: 150, quarters: [null, null, null, null, null, null, null, null] },
    });
  });

  it('when the board drafts for a unit, then the unit it names gets the draft', async () => {
    const res = await postForm(board, '/plans/draft', { year: 2206, source: 'copy', unitId: C.id }, '/plans');
    expect(res.status, res.text).to.equal(303);
    const plan = (await Plan.findOne({ where: { unitId: C.id, year: 2206 } }))!;
    expect((await targetsOf(plan.id)).CNKT).to.deep.include({ courses: 2, trainees: 150 });
  });

  it("when a unit edits its plan, and the board opens it for approval, then both see last year's plan and actuals beside each target", async () => {
    await makePlan({ unitCode: P.code, year: 2206, status: 'approved', targets: [{ programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320 }, { programCode: 'CNKT', plannedCourses: 2, plannedTrainees: 150 }] });
    for (const [program, start, enrolled] of [['NTVD', '03-02', 3], ['NTVD', '05-04', 2], ['DVM', '06-01', 4]] as const) {
      const course = await makeCourse({ unitCode: P.code, programCode: program, startDate: `2206-${start}`, endDate: `2206-${start.slice(0, 3)}28` });
      for (let i = 0; i < enrolled; i++) await makeEnrollment(course, undefined, { status: 'completed' });
    }
    const comparison = await planComparison(await boardActor(), P.id, 2207);
    expect([comparison.year, comparison.previousYear]).to.deep.equal([2206, true]);
    expect(comparison.byProgram.NTVD).to.deep.equal({ plannedCourses: 4, plannedTrainees: 320, courses: 2, enrolled: 5 });
    expect(comparison.byProgram.DVM).to.deep.equal({ plannedCourses: null, plannedTrainees: null, courses: 1, enrolled: 4 });
    expect(comparison.totals).to.deep.equal({ plannedCourses: 6, plannedTrainees: 470, courses: 3, enrolled: 9 });

    const agent = staff.get(P.code)!;
    const res = await postForm(agent, '/plans/draft', { year: 2207, source: 'copy' }, '/plans');
    const id = Number(res.headers.location!.split('/')[2]);
    const form = await agent.get(`/plans/${id}/edit`);
    expect(form.status).to.equal(200);
    expect(form.text).to.include('data-comparison-year="2206"');
    expect(lastYearOf(form.text, 'NTVD')).to.deep.equal(['4', '320', '2', '5']);
    expect(lastYearOf(form.text, 'DVM')).to.deep.equal(['–', '–', '1', '4']);
    expect(lastYearOf(form.text, 'CNKT')).to.deep.equal(['2', '150', '0', '0']);

    expect((await postForm(agent, `/plans/${id}/submit`, { lockVersion: 0 }, `/plans/${id}`)).status).to.equal(303);
    const approval = await board.get(`/plans/${id}`);
    expect(approval.text).to.include('data-comparison-year="2206"').and.include('Năm 2206');
    expect(lastYearOf(approval.text, 'NTVD')).to.deep.equal(['4', '320', '2', '5']);
    expect(lastYearOf(approval.text, 'DVM'), 'a program of last year without a target this year').to.deep.equal(['–', '–', '1', '4']);
    expect(approval.text).to.match(/data-last-total="plannedTrainees">470</).and.match(/data-last-total="enrolled">9</);
    expect(approval.text).to.include(`action="/plans/${id}/approve"`);
    expect((await staff.get(S.code)!.get(`/plans/${id}`)).status, "another unit's plan").to.equal(404);
  });

  it('when the year before has no approved plan, then the latest earlier one stands in and the page names its year', async () => {
    await makePlan({ unitCode: E.code, year: 2204, status: 'approved', targets: [{ programCode: 'LSD', plannedCourses: 1, plannedTrainees: 60 }] });
    const plan = await makePlan({ unitCode: E.code, year: 2206, status: 'submitted', targets: [{ programCode: 'LSD', plannedCourses: 2, plannedTrainees: 120 }] });
    const page = decode((await board.get(`/plans/${plan.id}`)).text);
    expect(page).to.include('data-comparison-year="2204"').and.include('Năm 2204 (năm 2205 chưa có kế hoạch được duyệt)');
    expect(lastYearOf(page, 'LSD')).to.deep.equal(['1', '60', '0', '0']);
  });
});
