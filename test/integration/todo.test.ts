// Issue #13 item 2: the to-do list of each role, its counts and scope, its links, and the menu badge.
// Years of their own (2045, 2046) and two units of their own, existing 2043–2049 only:
//   A: a returned plan for 2045, an urging, an open correction request, four trainees without an account,
//      a course ended with a result missing, a finished course with a certificate missing.
//   B: an approved plan for 2045 with no course (lagging by mid-year), a submitted plan for 2046.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Actor } from '../../server/auth/actor.js';
import { CorrectionRequest, Plan, Trainee, YearCorrection, type Unit, type User } from '../../server/db/models.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { todoCounts, todoList } from '../../server/todo/index.js';
import { issueUrging } from '../../server/urgings/issue-urging.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCertificate } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { queriesDuring } from '../helpers/query-count.js';
import { makePlan } from '../helpers/report-fixture.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const Y = 2045;
const AFTER = new Date(`${Y + 1}-01-10T09:00:00+07:00`);
const count = (html: string, key: string) => Number(new RegExp(`data-todo-count="${key}">(\\d+)<`).exec(html)?.[1] ?? 0);
/** Handlebars writes "=" in attributes as "&#x3D;". */
const html = (res: { text: string }) => res.text.replaceAll('&#x3D;', '=');
const badge = (html: string) => /data-todo-badge>(\d+)</.exec(html)?.[1];
const sequelize = () => testDb().sequelize;
const daysAgo = (n: number) => todayInVietnam(new Date(Date.now() - n * 86_400_000));

async function ownUnit(): Promise<Unit> {
  const unit = await makeUnit({ validFrom: '2043-01-01' });
  return unit.update({ validTo: '2049-12-31' });
}

describe('to-do lists: what waits for each role, counted in scope (issue #13 item 2)', () => {
  let app: App;
  let A: Unit;
  let B: Unit;
  let staffA: Agent;
  let staffB: Agent;
  let actorA: Actor;
  let actorB: Actor;
  let traineeUser: User;
  let urgingId: number;
  let noResult: number;
  let noCertificate: number;

  before(async () => {
    app = makeApp();
    [A, B] = [await ownUnit(), await ownUnit()];
    const userA = await makeUser({ role: 'center', unitCode: A.code });
    const userB = await makeUser({ role: 'center', unitCode: B.code });
    [actorA, actorB] = [await actorOf(userA), await actorOf(userB)];
    [staffA, staffB] = [await signIn(app, userA.username), await signIn(app, userB.username)];

    await makePlan(A.code, Y, 1, 'returned', [{ program: 'NTVD', courses: 2, trainees: 100 }]);
    await makePlan(B.code, Y, 1, 'approved', [{ program: 'NTVD', courses: 2, trainees: 100 }]);
    ({ id: urgingId } = await issueUrging(await boardActor(), {
      year: Y, asOf: `${Y}-06-30`, date: `${Y}-07-01`, deadline: `${Y}-07-31`, docType: 'TB', subject: `V/v đôn đốc năm ${Y}`, unitCodes: [A.code],
    }));

    // Ended on 5/3/2045 with one trainee still without a result; the one with an account reports a mistake.
    const ended = await makeCourse({ unitCode: A.code, startDate: `${Y}-03-01`, endDate: `${Y}-03-05`, status: 'open' });
    noResult = ended.id;
    await makeEnrollment(ended);
    const withAccount = await makeTrainee({ unitCode: A.code });
    traineeUser = await makeTraineeUser(withAccount);
    const reported = await makeEnrollment(ended, withAccount, { status: 'completed', score: 8, grade: 'good', attendance: 1 });
    await CorrectionRequest.create({ traineeId: withAccount.id, enrollmentId: reported.id, unitId: A.id, message: 'Sai điểm', createdBy: traineeUser.id });
    await makeEnrollment(ended, await makeTrainee({ unitCode: A.code, nationalId: null }), { status: 'withdrawn' });
    // Finished: a completed trainee without a certificate (NTVD gives one); another course is fully certified;
    // CDHCM gives no certificate, so its completed trainee waits for none.
    const uncertified = await makeCourse({ unitCode: A.code, startDate: `${Y}-04-01`, endDate: `${Y}-04-05` });
    noCertificate = uncertified.id;
    await makeEnrollment(uncertified, undefined, { status: 'completed', score: 9, grade: 'excellent', attendance: 1 });
    const certified = await makeCourse({ unitCode: A.code, startDate: `${Y}-05-01`, endDate: `${Y}-05-05` });
    await makeCertificate(await makeEnrollment(certified, undefined, { status: 'completed', score: 7, grade: 'fair', attendance: 1 }));
    const noCredential = await makeCourse({ unitCode: A.code, programCode: 'CDHCM', startDate: `${Y}-06-01`, endDate: `${Y}-06-02` });
    await makeEnrollment(noCredential, undefined, { status: 'completed', attendance: 1 });
  });

  it("when unit A's staff open the home page, then each of A's items is counted, linked, and the menu badge says the total", async () => {
    const res = await staffA.get('/');
    expect(res.status).to.equal(200);
    const counts = ['returnedPlans', 'urgings', 'corrections', 'traineesWithoutAccounts', 'coursesWithoutResults', 'coursesWithoutCertificates'].map((k) => count(res.text, k));
    // Four trainees with a citizen ID and no account: ended, uncertified, certified, no-credential courses' own.
    // The course of March 2045 has not ended yet today; the uncertified one is finished whatever the date.
    expect(counts).to.deep.equal([1, 1, 1, 4, 0, 1]);
    expect(badge(res.text)).to.equal('8');
    expect(res.text).to.include('<span class="visually-hidden"> (8 việc cần làm)</span>');
    expect(html(res)).to.match(/href="\/plans">Kế hoạch bị trả lại</);
    expect(html(res)).to.match(/href="\/urgings">Văn bản đôn đốc chưa xác nhận đã nhận</);
    expect(html(res)).to.match(/href="\/corrections\?status=open">Yêu cầu sửa sai sót của học viên chưa xử lý</);
    expect(html(res)).to.match(/href="\/accounts">Học viên chưa có tài khoản</);
  });

  it('when the courses have ended, then the course items count them and link each course; B counts none of them', async () => {
    const counts = await todoCounts(sequelize(), actorA, AFTER);
    expect(counts).to.deep.include({ coursesWithoutResults: 1, coursesWithoutCertificates: 1, traineesWithoutAccounts: 4 });
    const list = await todoList(sequelize(), actorA, { now: AFTER });
    const item = (key: string) => list.items.find((i) => i.key === key)!;
    expect(item('coursesWithoutResults').links!.map((l) => l.href)).to.deep.equal([`/courses/${noResult}`]);
    expect(item('coursesWithoutCertificates').links!.map((l) => l.href)).to.deep.equal([`/courses/${noCertificate}`]);
    expect(list.total).to.equal(9);
    expect(await todoCounts(sequelize(), actorB, AFTER)).to.deep.equal({
      role: 'center', returnedPlans: 0, urgings: 0, corrections: 0, coursesWithoutResults: 0, coursesWithoutCertificates: 0, traineesWithoutAccounts: 0,
    });
  });

  it("when unit B's staff open the home page, then none of A's items shows and there is no badge", async () => {
    const res = await staffB.get('/');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('data-todo-none');
    expect(res.text).not.to.include('data-todo-item');
    expect(badge(res.text)).to.equal(undefined);
  });

  it('when the board opens the home page, then plans waiting, urgings not acknowledged and closed-year requests are counted; lagging and unplanned units are named', async () => {
    const board = await boardActor();
    const before = await todoCounts(sequelize(), board);
    await makePlan(B.code, Y + 1, 1, 'submitted', [{ program: 'NTVD', courses: 1, trainees: 50 }]);
    await YearCorrection.create({
      unitId: A.id, year: Y, courseId: noResult, targetType: 'course', targetId: noResult, changeKind: 'update',
      changes: '{"place":"Hội trường B"}', beforeData: '{"place":"Hội trường"}', baseVersion: 0, reason: 'Sai địa điểm', requestedBy: null,
    });
    const trainee = await makeTrainee({ unitCode: A.code });
    await CorrectionRequest.create({ traineeId: trainee.id, enrollmentId: null, unitId: board.unitId!, message: 'Sai ngày sinh', createdBy: null });
    const after = await todoCounts(sequelize(), board);
    expect(after).to.deep.equal({
      ...before,
      submittedPlans: before.role === 'admin' ? before.submittedPlans + 1 : NaN,
      yearCorrections: before.role === 'admin' ? before.yearCorrections + 1 : NaN,
      corrections: before.role === 'admin' ? before.corrections + 1 : NaN,
    });
    expect(after.role === 'admin' && after.submittedPlans).to.equal(await Plan.count({ where: { status: 'submitted' } }));

    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const res = await admin.get(`/?year=${Y}`);
    if (after.role !== 'admin') throw new Error('board counts expected');
    expect(count(res.text, 'submittedPlans')).to.equal(after.submittedPlans);
    expect(count(res.text, 'urgingsUnacknowledged')).to.equal(after.urgingsUnacknowledged);
    expect(count(res.text, 'yearCorrections')).to.equal(after.yearCorrections);
    expect(badge(res.text)).to.equal(String(after.submittedPlans + after.urgingsUnacknowledged + after.yearCorrections + after.corrections));
    expect(html(res)).to.match(new RegExp(`href="/plans\\?year=${Y}">Kế hoạch chờ phê duyệt<`));
    expect(html(res)).to.match(/href="\/year-corrections\?status=pending">Đề nghị điều chỉnh/);

    // Mid-2045: B has a plan and no course, so it lags; A has no approved plan (its plan was returned).
    const list = await todoList(sequelize(), board, { year: Y, asOf: `${Y}-06-30` });
    const names = (key: string) => list.items.find((i) => i.key === key)!.links!.map((l) => l.label);
    expect(names('lagging')).to.include(B.name).and.not.include(A.name);
    expect(names('unplanned')).to.include(A.name).and.not.include(B.name);
    expect(list.items.find((i) => i.key === 'lagging')!.href).to.equal(`/reports?year=${Y}`);
    expect(list.items.find((i) => i.key === 'lagging')!.links!.find((l) => l.label === B.name)!.href).to.equal(`/reports/units/${B.code}?year=${Y}`);
  });

  it("when A acknowledges the urging, then it leaves A's count and the board's", async () => {
    const board = await boardActor();
    const before = await todoCounts(sequelize(), board);
    const res = await postForm(staffA, `/urgings/${urgingId}/acknowledge`, { note: '' });
    expect(res.status).to.equal(303);
    expect(await todoCounts(sequelize(), actorA)).to.deep.include({ urgings: 0 });
    const after = await todoCounts(sequelize(), board);
    if (after.role !== 'admin' || before.role !== 'admin') throw new Error('board counts expected');
    expect(after.urgingsUnacknowledged).to.equal(before.urgingsUnacknowledged - 1);
    expect(badge((await staffA.get('/')).text)).to.equal('7');
  });

  it('when a trainee opens their record, then only their own new certificates and answers are counted, with links', async () => {
    const me = (await Trainee.findByPk(traineeUser.traineeId!))!;
    const completed = async (month: string) => {
      const course = await makeCourse({ unitCode: A.code, startDate: `${Y}-${month}-01`, endDate: `${Y}-${month}-05` });
      return makeEnrollment(course, me, { status: 'completed', score: 8, grade: 'good', attendance: 1 });
    };
    // New and valid: counted. Issued two months ago, or revoked: not.
    await makeCertificate(await completed('08'), { issuedOn: daysAgo(2) });
    await makeCertificate(await completed('09'), { issuedOn: daysAgo(60) });
    await makeCertificate(await completed('10'), { issuedOn: daysAgo(1), status: 'revoked', revokedAt: new Date() });
    const course = await makeCourse({ unitCode: A.code, startDate: `${Y}-11-01`, endDate: `${Y}-11-05` });
    await CorrectionRequest.create({ traineeId: traineeUser.traineeId!, enrollmentId: null, unitId: A.id, message: 'Sai quê quán', status: 'resolved', resolutionNote: 'Đã sửa', resolvedAt: new Date(), createdBy: traineeUser.id });
    // Someone else's certificate and answer.
    const other = await makeTrainee({ unitCode: A.code });
    await makeCertificate(await makeEnrollment(course, other, { status: 'completed', score: 8, grade: 'good', attendance: 1 }), { issuedOn: daysAgo(1) });
    await CorrectionRequest.create({ traineeId: other.id, enrollmentId: null, unitId: A.id, message: 'x', status: 'resolved', resolutionNote: 'y', resolvedAt: new Date(), createdBy: null });

    const trainee = await signIn(app, traineeUser.username);
    const res = await trainee.get('/me');
    expect(res.status).to.equal(200);
    expect([count(res.text, 'certificates'), count(res.text, 'answers')]).to.deep.equal([1, 1]);
    expect(badge(res.text)).to.equal('2');
    expect(html(res)).to.match(/href="\/me#certificates">Giấy chứng nhận mới cấp/);
    expect(html(res)).to.match(/href="\/me#requests">Yêu cầu sửa sai sót đã được trả lời/);
    expect(res.text).to.include('id="certificates"').and.include('id="requests"');
  });

  it('when a page is not HTML (a PDF) or the caller is signed out, then the to-do is not counted at all', async () => {
    const pdf = await queriesDuring(() => staffA.get(`/urgings/${urgingId}.pdf`).buffer(true));
    expect(pdf.sql.some((q) => q.includes('AS returnedPlans'))).to.equal(false);
    const page = await queriesDuring(() => staffA.get('/urgings'));
    expect(page.sql.filter((q) => q.includes('AS returnedPlans'))).to.have.length(1);
    const anonymous = await queriesDuring(() => supertest(app).get('/login'));
    expect(anonymous.sql.some((q) => q.includes('AS returnedPlans') || q.includes('AS submittedPlans') || q.includes('AS certificates'))).to.equal(false);
    const home = await queriesDuring(() => staffA.get('/'));
    expect(home.sql.filter((q) => q.includes('AS returnedPlans'))).to.have.length(1);
  });
});
