// Issue #13 item 1: the board urges lagging units with a numbered Thông báo; the units acknowledge it.
// A year of its own (2157) and units of their own:
//   A: approved plan NTVD 1.200 trainees (not split); a course 10/1 with 12 lượt → 1,0 % of plan.
//   B: approved plan DVM 40 trainees; a course 1/3 with 4 lượt → 10,0 %.
//   C: no plan; not urged. As of 30/06 the pace is 181/365 = 49,6 %: A and B lag.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, IssuedReport, Urging, UrgingRecipient, type Unit } from '../../server/db/models.js';
import { candidates, issueUrging } from '../../server/urgings/issue-urging.service.js';
import { makeApp } from '../helpers/app.js';
import { expectAppError } from '../helpers/expect-app-error.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { makePlan } from '../helpers/report-fixture.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const Y = 2157;
const AS_OF = `${Y}-06-30`;
const DATE = `${Y}-07-01`;
const PACE = 181 / 365;

async function courseWith(unit: Unit, program: string, start: string, end: string, enrolled: number): Promise<void> {
  const course = await makeCourse({ unitCode: unit.code, programCode: program, startDate: `${Y}-${start}`, endDate: `${Y}-${end}` });
  for (let i = 0; i < enrolled; i++) await makeEnrollment(course, undefined, { status: 'completed' });
}

const pdf = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary);

describe('urgings: the board urges lagging units, the units acknowledge (issue #13 item 1)', () => {
  let app: App;
  let board: Agent;
  let staffA: Agent;
  let staffB: Agent;
  let staffC: Agent;
  let A: Unit;
  let B: Unit;
  let C: Unit;
  let urgingId: number;

  before(async () => {
    app = makeApp();
    const admin = await makeUser({ role: 'admin' });
    board = await signIn(app, admin.username);
    [A, B, C] = [await makeUnit(), await makeUnit(), await makeUnit()];
    await makePlan(A.code, Y, 1, 'approved', [{ program: 'NTVD', courses: 10, trainees: 1200 }]);
    await makePlan(B.code, Y, 1, 'approved', [{ program: 'DVM', courses: 2, trainees: 40 }]);
    await courseWith(A, 'NTVD', '01-10', '01-15', 12);
    await courseWith(B, 'DVM', '03-01', '03-05', 4);
    await courseWith(C, 'NTVD', '02-01', '02-05', 3);
    staffA = await signIn(app, (await makeUser({ role: 'center', unitCode: A.code })).username);
    staffB = await signIn(app, (await makeUser({ role: 'center', unitCode: B.code })).username);
    staffC = await signIn(app, (await makeUser({ role: 'center', unitCode: C.code })).username);
  });

  it('when the board opens the form, then the lagging units are checked and a unit without a plan is offered unchecked', async () => {
    const { units } = await candidates(await boardActor(), Y, AS_OF);
    const a = units.find((u) => u.unitCode === A.code)!;
    expect([a.plannedTrainees, a.enrolled, a.fulfillment, a.lagging]).to.deep.equal([1200, 12, 0.01, true]);
    expect(a.pace).to.be.closeTo(PACE, 1e-9);
    expect(units.find((u) => u.unitCode === C.code)).to.deep.include({ plannedTrainees: null, lagging: false });
    const res = await board.get(`/urgings/new?year=${Y}&asOf=${AS_OF}&date=${DATE}`);
    expect(res.status, res.text).to.equal(200);
    expect(res.text).to.match(new RegExp(`value="${A.code}" id="u-${A.code}" checked`));
    expect(res.text).to.match(new RegExp(`value="${C.code}" id="u-${C.code}">`));
    expect(res.text).to.include(`V/v đôn đốc thực hiện kế hoạch đào tạo, bồi dưỡng năm ${Y}`);
  });

  it('when the deadline is not after the issue date, or no unit is chosen, then 422 and nothing is stored', async () => {
    const before = await Urging.count();
    const res = await postForm(board, '/urgings/new', { year: Y, asOf: AS_OF, date: DATE, deadline: DATE, docType: 'TB', subject: 'V/v x', units: [A.code] }, '/urgings/new');
    expect(res.status).to.equal(422);
    expect(res.text).to.include('Hạn báo cáo phải sau ngày ban hành.');
    const none = await postForm(board, '/urgings/new', { year: Y, asOf: AS_OF, date: DATE, deadline: `${Y}-07-31`, docType: 'TB', subject: 'V/v x' }, '/urgings/new');
    expect(none.status).to.equal(422);
    expect(await Urging.count()).to.equal(before);
  });

  it('when unit staff or a trainee try to issue, then 403', async () => {
    const res = await postForm(staffA, '/urgings/new', { year: Y, deadline: `${Y}-07-31`, docType: 'TB', subject: 'V/v x', units: [A.code] });
    expect(res.status).to.equal(403);
  });

  it('when the board issues a Thông báo to A and B, then it is numbered 1-TB/BTGTU, stored with figures, audited, and its PDF names both units with their figures', async () => {
    const res = await postForm(
      board,
      '/urgings/new',
      { year: Y, asOf: AS_OF, date: DATE, deadline: `${Y}-07-31`, docType: 'TB', subject: `V/v đôn đốc thực hiện kế hoạch đào tạo, bồi dưỡng năm ${Y}`, units: [A.code, B.code], intent: 'issue' },
      '/urgings/new',
    );
    expect(res.status, res.text).to.equal(303);
    urgingId = Number(res.headers.location!.split('/').pop());
    const urging = (await Urging.findByPk(urgingId))!;
    expect([urging.year, urging.asOf, urging.deadline]).to.deep.equal([Y, AS_OF, `${Y}-07-31`]);
    const paper = (await IssuedReport.findByPk(urging.issuedReportId))!;
    expect([paper.kind, paper.docType, paper.symbol, paper.number]).to.deep.equal(['urging', 'TB', '1-TB/BTGTU', 1]);
    const rows = await UrgingRecipient.findAll({ where: { urgingId }, order: [['id', 'ASC']] });
    expect(rows.map((r) => [r.unitId, r.plannedTrainees, r.enrolled, r.fulfillment, r.acknowledgedAt])).to.deep.equal([
      [A.id, 1200, 12, 0.01, null],
      [B.id, 40, 4, 0.1, null],
    ]);
    expect(await AuditLog.count({ where: { entityType: 'urging', entityId: urgingId, action: 'create' } })).to.equal(1);

    const got = await pdf(board, `/urgings/${urgingId}.pdf`);
    expect(got.status).to.equal(200);
    expect(Buffer.compare(got.body as Buffer, Buffer.from(paper.pdf))).to.equal(0);
    const text = allText(await pdfPages(got.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).to.include('Số 1-TB/BTGTU');
    expect(text).to.include('THÔNG BÁO');
    for (const name of [A.name, B.name]) expect(text).to.include(name);
    expect(text).to.match(/1\.200 12 1,0% 49,6% 48,6/);
    expect(text).to.match(/40 4 10,0% 49,6% 39,6/);
    expect(text).to.include(`trước ngày 31/07/${Y}`);
    expect(text).not.to.include(C.name);
  });

  it('when the PDF is asked for again, then the stored bytes come back identical', async () => {
    const [one, two] = [await pdf(board, `/urgings/${urgingId}.pdf`), await pdf(staffA, `/urgings/${urgingId}.pdf`)];
    expect(Buffer.compare(one.body as Buffer, two.body as Buffer)).to.equal(0);
  });

  it('when a unit not addressed asks for the urging or its PDF, or tries to acknowledge, then 404; a trainee gets 403', async () => {
    expect((await staffC.get(`/urgings/${urgingId}`)).status).to.equal(404);
    expect((await pdf(staffC, `/urgings/${urgingId}.pdf`)).status).to.equal(404);
    expect((await postForm(staffC, `/urgings/${urgingId}/acknowledge`, {})).status).to.equal(404);
    const trainee = await signIn(app, (await makeTraineeUser(await makeTrainee())).username);
    expect((await trainee.get(`/urgings/${urgingId}`)).status).to.equal(403);
    expect((await pdf(trainee, `/urgings/${urgingId}.pdf`)).status).to.equal(403);
  });

  it('when A acknowledges on its home page, then it leaves the home page, B still sees it, and the board sees who has acknowledged', async () => {
    const homeA = await staffA.get('/');
    expect(homeA.text).to.include(`data-urging="${urgingId}"`);
    expect(homeA.text).to.include('1-TB/BTGTU');
    const res = await postForm(staffA, `/urgings/${urgingId}/acknowledge`, { note: 'Đơn vị sẽ mở thêm 2 lớp trong quý III' });
    expect(res.status).to.equal(303);
    const row = (await UrgingRecipient.findOne({ where: { urgingId, unitId: A.id } }))!;
    expect(row.acknowledgedAt).to.be.instanceOf(Date);
    expect(row.note).to.equal('Đơn vị sẽ mở thêm 2 lớp trong quý III');
    expect(await AuditLog.count({ where: { entityType: 'urging_recipient', entityId: row.id, action: 'acknowledge' } })).to.equal(1);
    expect((await staffA.get('/')).text).not.to.include(`data-urging="${urgingId}"`);
    expect((await staffB.get('/')).text).to.include(`data-urging="${urgingId}"`);
    expect((await staffA.get('/urgings')).text).to.include('1-TB/BTGTU');
    expect((await postForm(staffA, `/urgings/${urgingId}/acknowledge`, {})).status).to.equal(409);

    const page = await board.get(`/urgings/${urgingId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.match(new RegExp(`data-unit="${A.code}" data-acknowledged="yes"`));
    expect(page.text).to.match(new RegExp(`data-unit="${B.code}" data-acknowledged="no"`));
    expect(page.text).to.include('Đơn vị sẽ mở thêm 2 lớp trong quý III');
    const list = await board.get('/urgings');
    expect(list.text).to.include('1/2 đơn vị đã nhận');
  });

  it('when a number chosen by hand is taken, then 409 naming the next free one; a Công văn prints V/v under its number', async () => {
    const actor = await boardActor();
    await expectAppError(
      issueUrging(actor, { year: Y, asOf: AS_OF, date: DATE, deadline: `${Y}-08-01`, docType: 'TB', subject: 'V/v x', number: 1, unitCodes: [B.code] }),
      'conflict',
    );
    const cv = await issueUrging(actor, { year: Y, asOf: AS_OF, date: DATE, deadline: `${Y}-08-01`, docType: 'CV', subject: `V/v đôn đốc thực hiện kế hoạch năm ${Y}`, unitCodes: [B.code] });
    expect(cv.symbol).to.equal('1-CV/BTGTU');
    const stored = (await IssuedReport.findOne({ where: { symbol: '1-CV/BTGTU', numberYear: Y } }))!;
    const text = allText(await pdfPages(Buffer.from(stored.pdf)));
    expect(text).to.include('Số 1-CV/BTGTU');
    expect(text).to.include(`V/v đôn đốc thực hiện kế hoạch năm ${Y}`);
    expect(text).not.to.include('CÔNG VĂN');
  });
});
