// The API's lists filter by `unitCode` and page alike (`page` in; rows, page, pages, total, perPage out), within
// the reader's scope; PDFs and downloads answer a bearer token as the pages answer a session; accounts, the
// audit log, correction requests and plan steps are in the API.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, CorrectionRequest, Plan, type Unit } from '../../server/db/models.js';
import { createRequest } from '../../server/portal/corrections.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCertificate } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { makePlan } from '../helpers/plans.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { makeUnit } from '../helpers/units.js';

const Y = 2052;

describe('API lists, documents and the new endpoints', function () {
  this.timeout(120_000);
  let app: App;
  let A: Unit;
  let B: Unit;
  const tokens = {} as Record<'admin' | 'a' | 'b', string>;
  let rosterCourseId: number;
  let certificateId: number;
  let correctionId: number;
  const get = (who: keyof typeof tokens, path: string) => supertest(app).get(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`);
  const post = (who: keyof typeof tokens, path: string, body: object) => supertest(app).post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens[who]}`).send(body);
  const file = (who: keyof typeof tokens, path: string) => get(who, path).buffer(true).parse(binary as never);

  before(async () => {
    app = makeApp();
    A = await makeUnit({ validFrom: '2050-01-01' });
    B = await makeUnit({ validFrom: '2050-01-01' });
    tokens.admin = await makeToken(await makeUser({ role: 'admin' }));
    tokens.a = await makeToken(await makeUser({ role: 'center', unitCode: A.code }));
    await makeUser({ role: 'center', unitCode: A.code });
    tokens.b = await makeToken(await makeUser({ role: 'center', unitCode: B.code }));
    for (let i = 0; i < 23; i++) await makeCourse({ unitCode: A.code, startDate: `${Y}-03-02`, endDate: `${Y}-03-06`, name: `Lớp A ${String(i).padStart(2, '0')}` });
    for (let i = 0; i < 2; i++) await makeCourse({ unitCode: B.code, startDate: `${Y}-04-06`, endDate: `${Y}-04-10` });
    for (const year of [2050, 2051, Y]) await makePlan({ unitCode: A.code, year });
    // The course with a roster and certificates is the 24th course of A in the year.
    const course = await makeCourse({ unitCode: A.code, startDate: `${Y}-05-04`, endDate: `${Y}-05-08`, name: 'Lớp có danh sách' });
    rosterCourseId = course.id;
    const names = ['Nguyễn Thị Lan', 'Trần Văn Bình', 'Lê Minh Châu'];
    const enrollments = [];
    for (const fullName of names) enrollments.push(await makeEnrollment(course, await makeTrainee({ fullName, unitCode: A.code }), { status: 'completed', score: 8, grade: 'good', attendance: 1 }));
    certificateId = (await makeCertificate(enrollments[0]!)).id;
    await makeCertificate(enrollments[1]!);
    const asking = await makeTrainee({ fullName: 'Đỗ Văn Hải', unitCode: A.code });
    const own = await makeEnrollment(course, asking);
    const traineeUser = await makeTraineeUser(asking);
    correctionId = (await createRequest(testDb().sequelize, await actorOf(traineeUser), { enrollmentId: own.id, message: 'Sai ngày sinh' })).id;
  });

  it('when the board pages through a unit’s courses by unitCode, then the totals are those of the unit and the year', async () => {
    const first = await get('admin', `/courses?year=${Y}&unitCode=${A.code.toLowerCase()}`);
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ page: 1, pages: 2, total: 24, perPage: 20 });
    expect(first.body.courses).to.have.length(20);
    const second = await get('admin', `/courses?year=${Y}&unitCode=${A.code}&page=2`);
    expect(second.body).to.include({ page: 2, pages: 2, total: 24 });
    expect(second.body.courses).to.have.length(4);
    expect([...first.body.courses, ...second.body.courses].every((c: { unitCode: string }) => c.unitCode === A.code)).to.equal(true);
  });

  it('when a center names another unit by unitCode, then it never sees that unit’s rows', async () => {
    const courses = await get('b', `/courses?year=${Y}&unitCode=${A.code}`);
    expect(courses.body).to.include({ total: 2 });
    expect(courses.body.courses.map((c: { unitCode: string }) => c.unitCode)).to.deep.equal([B.code, B.code]);
    const plans = await get('b', `/plans?unitCode=${A.code}`);
    expect(plans.body).to.include({ total: 0 });
    for (const path of [`/certificates?year=${Y}&unitCode=${A.code}`, `/reports/progress?year=${Y}&unitCode=${A.code}`]) {
      const res = await get('b', path);
      expect(res.status, path).to.equal(404);
      expect(JSON.stringify(res.body)).not.to.contain(A.name);
    }
    expect((await get('b', `/courses/${rosterCourseId}/enrollments`)).status).to.equal(404);
  });

  it('when plans, a roster and certificates are listed, then they page like every list, with right totals', async () => {
    const plans = await get('admin', `/plans?unitCode=${A.code}`);
    expect(plans.body).to.include({ page: 1, pages: 1, total: 3, perPage: 50 });
    expect(plans.body.plans.map((p: { year: number }) => p.year)).to.deep.equal([Y, 2051, 2050]);
    const roster = await get('a', `/courses/${rosterCourseId}/enrollments`);
    expect(roster.body).to.include({ page: 1, pages: 1, total: 4, perPage: 200 });
    expect(roster.body.enrollments).to.have.length(4);
    const beyond = await get('a', `/courses/${rosterCourseId}/enrollments?page=2`);
    expect(beyond.body).to.include({ page: 2, total: 4 });
    expect(beyond.body.enrollments).to.deep.equal([]);
    const ofCourse = await get('a', `/courses/${rosterCourseId}/certificates`);
    expect(ofCourse.body).to.include({ page: 1, pages: 1, total: 2, perPage: 100 });
    const register = await get('a', `/certificates?year=${Y}`);
    expect(register.body).to.include({ total: 2, valid: 2, year: Y });
    expect(register.body.unit).to.deep.equal({ code: A.code, name: A.name });
    expect((await get('admin', `/certificates?year=${Y}&unitCode=${A.code}`)).body).to.include({ total: 2 });
  });

  it('when trainees are listed by unitCode, then the board gets that unit’s people and a center only its own', async () => {
    const board = await get('admin', `/trainees?unitCode=${A.code}`);
    expect(board.body).to.include({ page: 1, total: 4, perPage: 30 });
    expect(board.body.trainees.map((t: { fullName: string }) => t.fullName).sort()).to.deep.equal(['Lê Minh Châu', 'Nguyễn Thị Lan', 'Trần Văn Bình', 'Đỗ Văn Hải'].sort());
    expect((await get('b', `/trainees?unitCode=${A.code}`)).body).to.include({ total: 0 });
  });

  it('when a PDF is asked for with a bearer token, then it is the page’s PDF, with the page’s scope', async () => {
    const roster = await file('a', `/courses/${rosterCourseId}/roster.pdf`);
    expect(roster.status).to.equal(200);
    expect(roster.headers['content-type']).to.equal('application/pdf');
    const text = allText(await pdfPages(roster.body as Buffer));
    for (const name of ['Nguyễn Thị Lan', 'Trần Văn Bình', 'Lê Minh Châu']) expect(text).to.contain(name);
    const certificate = await file('a', `/certificates/${certificateId}.pdf`);
    expect(certificate.status).to.equal(200);
    expect(allText(await pdfPages(certificate.body as Buffer))).to.contain('Nguyễn Thị Lan');
    expect((await get('b', `/courses/${rosterCourseId}/roster.pdf`)).status).to.equal(404);
    expect((await get('b', `/certificates/${certificateId}.pdf`)).status).to.equal(404);
    expect((await supertest(app).get(`/api/v1/certificates/${certificateId}.pdf`)).status).to.equal(401);
  });

  it('when a download is asked for with a bearer token, then it comes with the API’s filters and the audit log notes it', async () => {
    const csv = await get('a', `/courses/${rosterCourseId}/roster.csv`);
    expect(csv.status).to.equal(200);
    expect(csv.text).to.contain('Trần Văn Bình');
    expect(await AuditLog.count({ where: { action: 'export', entityType: 'course', entityId: rosterCourseId } })).to.equal(1);
    const list = await get('admin', `/courses.csv?year=${Y}&unitCode=${A.code}`);
    expect(list.status).to.equal(200);
    expect(list.text.split('\n').filter((line) => line.includes('Lớp A ')).length).to.equal(23);
    expect((await get('b', `/courses/${rosterCourseId}/roster.csv`)).status).to.equal(404);
  });

  it('when the audit log is read through the API, then it is scoped like its page and filters by unitCode', async () => {
    const board = await get('admin', `/audit?unitCode=${A.code}&action=export&entityType=course`);
    expect(board.status).to.equal(200);
    expect(board.body).to.include({ total: 1, page: 1, perPage: 50 });
    expect(board.body.entries[0]).to.include({ entityId: rosterCourseId, action: 'export', unitId: A.id });
    const other = await get('b', `/audit?unitCode=${A.code}&action=export`);
    expect(other.body).to.include({ total: 0 });
    expect((await get('b', '/audit?from=2052-02-01&to=2052-01-01')).status).to.equal(422);
  });

  it('when accounts are read through the API, then only the board reads them, by unitCode', async () => {
    const users = await get('admin', `/users?unitCode=${A.code}`);
    expect(users.status).to.equal(200);
    expect(users.body).to.include({ total: 2, pages: 1 });
    expect(users.body.users.every((u: { role: string; unitId: number }) => u.role === 'center' && u.unitId === A.id)).to.equal(true);
    expect((await get('admin', `/users/${users.body.users[0].id}`)).body.user).to.include({ id: users.body.users[0].id });
    expect((await get('a', '/users')).status).to.equal(403);
  });

  it('when a correction request is read and resolved through the API, then its unit alone reaches it and the row is resolved', async () => {
    const list = await get('a', '/corrections');
    expect(list.body).to.include({ total: 1, openCount: 1 });
    expect(list.body.correctionRequests[0]).to.include({ id: correctionId, status: 'open', message: 'Sai ngày sinh' });
    expect((await get('b', `/corrections/${correctionId}`)).status).to.equal(404);
    expect((await post('b', `/corrections/${correctionId}/resolve`, { note: 'Không phải của đơn vị' })).status).to.equal(404);
    expect((await get('admin', `/corrections?unitCode=${B.code}`)).body).to.include({ total: 0 });
    const done = await post('a', `/corrections/${correctionId}/resolve`, { note: 'Đã sửa ngày sinh' });
    expect(done.status).to.equal(200);
    expect(done.body.correctionRequest).to.include({ status: 'resolved', resolutionNote: 'Đã sửa ngày sinh' });
    expect((await CorrectionRequest.findByPk(correctionId))!.status).to.equal('resolved');
    expect((await post('a', `/corrections/${correctionId}/resolve`, { note: 'Lần nữa' })).status).to.equal(409);
  });

  it('when a plan is submitted, returned, submitted again and approved through the API, then each step is stored', async () => {
    const plan = await makePlan({ unitCode: A.code, year: 2053 });
    const submitted = await post('a', `/plans/${plan.id}/submit`, { lockVersion: plan.lockVersion });
    expect(submitted.status).to.equal(200);
    expect(submitted.body.plan.status).to.equal('submitted');
    expect((await post('a', `/plans/${plan.id}/approve`, {})).status).to.equal(403);
    const returned = await post('admin', `/plans/${plan.id}/return`, { reason: 'Thiếu chỉ tiêu quý' });
    expect(returned.body.plan).to.include({ status: 'returned', returnReason: 'Thiếu chỉ tiêu quý' });
    await post('a', `/plans/${plan.id}/submit`, {});
    const approved = await post('admin', `/plans/${plan.id}/approve`, {});
    expect(approved.body.plan).to.include({ status: 'approved', inForce: true });
    expect((await Plan.findByPk(plan.id))!.status).to.equal('approved');
  });
});
