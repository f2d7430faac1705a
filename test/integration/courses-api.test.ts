import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Course } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeToken, makeUser, unique, unitByCode } from '../helpers/factories.js';
import { apiClient, daysFromToday, makeEndedCourse, makeOpenCourse, makePlannedCourse, staffToken } from '../helpers/courses.js';

describe('courses API', () => {
  let app: App;
  let vanLam: ReturnType<typeof apiClient>;
  let vanGiang: ReturnType<typeof apiClient>;
  let board: ReturnType<typeof apiClient>;
  before(async () => {
    app = makeApp();
    vanLam = apiClient(app, await staffToken('TTCTVL'));
    vanGiang = apiClient(app, await staffToken('TTCTVG'));
    board = apiClient(app, await staffToken('BTGTU'));
  });

  it('when a center token creates a course, then it is stored in its unit whatever unitCode it sends; a unitId is not a field of the API (400)', async () => {
    const unit = await unitByCode('TTCTVL');
    const name = `Lớp API ${unique('N')}`;
    const body = { unitCode: 'TTCTVG', programCode: 'ntvd', name, startDate: daysFromToday(7), endDate: daysFromToday(11), place: 'Hội trường', capacity: 85 };
    const withId = await vanLam.post('/courses', { ...body, unitId: 1 });
    expect(withId.status).to.equal(400);
    expect(withId.body.error.fields).to.have.keys(['unitId']);
    const res = await vanLam.post('/courses', body);
    expect(res.status).to.equal(201);
    expect(res.body.course).to.include({ unitCode: 'TTCTVL', programCode: 'NTVD', name, status: 'planned', capacity: 85, lockVersion: 0, seatsLeft: 85 });
    expect(res.body.course.counts).to.deep.equal({ enrolled: 0, active: 0, withdrawn: 0, completed: 0, failed: 0, pending: 0 });
    const row = (await Course.findByPk(res.body.course.id))!;
    expect(row).to.include({ unitId: unit.id, name, startDate: daysFromToday(7), capacity: 85 });
  });

  it('when the board creates a course, then it names the unit by code; without one the field says so', async () => {
    const missing = await board.post('/courses', { programCode: 'LSD', startDate: daysFromToday(1), endDate: daysFromToday(3), capacity: 40 });
    expect(missing.status).to.equal(422);
    expect(missing.body.error.fields).to.have.property('unitCode');
    const res = await board.post('/courses', { unitCode: 'TTCTPC', programCode: 'LSD', startDate: daysFromToday(1), endDate: daysFromToday(3), capacity: 40 });
    expect(res.status).to.equal(201);
    expect(res.body.course.unitCode).to.equal('TTCTPC');
    expect(res.body.course.name).to.match(/^Lớp chuyên đề lịch sử Đảng khóa \d+ năm \d{4}$/);
  });

  it('when the input is invalid, then 422 names every field', async () => {
    const res = await vanLam.post('/courses', { programCode: 'KHONGCO', startDate: '2025-02-30', endDate: '2025-03-01', capacity: 0 });
    expect(res.status).to.equal(422);
    expect(res.body.error.kind).to.equal('invalid');
    expect(res.body.error.fields).to.have.keys('startDate', 'capacity');
    const unknown = await vanLam.post('/courses', { programCode: 'KHONGCO', startDate: '2025-03-01', endDate: '2025-03-02', capacity: 10 });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.fields).to.deep.equal({ programCode: 'Không có chương trình với mã này.' });
    const reversed = await vanLam.post('/courses', { programCode: 'NTVD', startDate: '2025-03-10', endDate: '2025-03-01', capacity: 10 });
    expect(reversed.body.error.fields).to.deep.equal({ endDate: 'Ngày bế giảng không được trước ngày khai giảng.' });
  });

  it('when nobody authenticates, then 401 and nothing is stored', async () => {
    const count = await Course.count();
    const res = await supertest(app).post('/api/v1/courses').send({ programCode: 'NTVD', startDate: '2025-03-01', endDate: '2025-03-02', capacity: 10 });
    expect(res.status).to.equal(401);
    expect((await supertest(app).get('/api/v1/courses')).status).to.equal(401);
    expect(await Course.count()).to.equal(count);
  });

  it('when a trainee token asks for courses, then 403', async () => {
    const token = await makeToken(await makeUser({ role: 'trainee' }));
    expect((await apiClient(app, token).get('/courses')).status).to.equal(403);
  });

  it('when courses are listed, then a center sees its own, filtered and paginated, with dates as YYYY-MM-DD', async () => {
    const mine = await makeCourse({ unitCode: 'TTCTVL', programCode: 'CNKT', startDate: '2018-06-04', endDate: '2018-06-05', status: 'finished' });
    const theirs = await makeCourse({ unitCode: 'TTCTVG', programCode: 'CNKT', startDate: '2018-06-04', endDate: '2018-06-05', status: 'finished' });
    const res = await vanLam.get('/courses?year=2018&programCode=CNKT&status=finished');
    expect(res.status).to.equal(200);
    const ids = res.body.courses.map((c: { id: number }) => c.id);
    expect(ids).to.include(mine.id).and.not.include(theirs.id);
    expect(res.body).to.include({ page: 1, perPage: 20 });
    expect(res.body.courses.find((c: { id: number }) => c.id === mine.id)).to.include({ startDate: '2018-06-04', endDate: '2018-06-05', status: 'finished', unitCode: 'TTCTVL' });
    const byBoard = await board.get('/courses?year=2018&programCode=CNKT&unitCode=TTCTVG');
    expect(byBoard.body.courses.map((c: { id: number }) => c.id)).to.include(theirs.id).and.not.include(mine.id);
    const ignored = await vanLam.get('/courses?year=2018&programCode=CNKT&unitCode=TTCTVG');
    expect(ignored.body.courses.map((c: { id: number }) => c.id)).to.include(mine.id).and.not.include(theirs.id);
  });

  it('when one course is read, then it carries its counts; another unit gets 404', async () => {
    const course = await makeOpenCourse({ capacity: 3 });
    await makeEnrollment(course, undefined, { status: 'completed', score: 9, grade: 'excellent' });
    await makeEnrollment(course, undefined, { status: 'withdrawn' });
    const res = await vanLam.get(`/courses/${course.id}`);
    expect(res.status).to.equal(200);
    expect(res.body.course).to.include({ id: course.id, status: 'open', seatsLeft: 2 });
    expect(res.body.course.counts).to.deep.equal({ enrolled: 2, active: 1, withdrawn: 1, completed: 1, failed: 0, pending: 0 });
    const other = await vanGiang.get(`/courses/${course.id}`);
    expect(other.status).to.equal(404);
    expect(other.body.error.kind).to.equal('not_found');
    expect((await vanLam.get('/courses/99999999')).status).to.equal(404);
  });

  it('when a course is patched with its version, then it changes; with an old version, 409 carries the current course', async () => {
    const course = await makePlannedCourse();
    // A course does not move between units: unitCode is no field of the patch, and saying it is refused.
    const moved = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, place: 'Phòng 3', unitCode: 'TTCTVG' });
    expect(moved.status).to.equal(400);
    expect(moved.body.error.fields).to.have.keys(['unitCode']);
    const ok = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, place: 'Phòng 3', capacity: 70 });
    expect(ok.status).to.equal(200);
    expect(ok.body.course).to.include({ place: 'Phòng 3', capacity: 70, lockVersion: 1, unitCode: 'TTCTVL' });
    const stale = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, place: 'Phòng 4' });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.kind).to.equal('conflict');
    expect(stale.body.error.message).to.contain('vừa được người khác sửa');
    expect(stale.body.error.current).to.include({ id: course.id, place: 'Phòng 3', lockVersion: 1 });
    expect((await Course.findByPk(course.id))!).to.include({ place: 'Phòng 3', lockVersion: 1 });
    const cleared = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 1, place: null });
    expect(cleared.body.course.place).to.equal(null);
  });

  it('when a patch lacks its version, names an unknown program or reverses the dates, then 422', async () => {
    const course = await makePlannedCourse();
    expect((await vanLam.patch(`/courses/${course.id}`, { place: 'X' })).body.error.fields).to.have.property('lockVersion');
    expect((await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, programCode: 'ZZZ' })).body.error.fields).to.have.property('programCode');
    const reversed = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, endDate: daysFromToday(-100) });
    expect(reversed.status).to.equal(422);
    expect(reversed.body.error.fields).to.have.property('endDate');
    expect((await Course.findByPk(course.id))!.lockVersion).to.equal(0);
  });

  it('when another unit patches a course, then 404 and nothing changes', async () => {
    const course = await makePlannedCourse();
    const res = await vanGiang.patch(`/courses/${course.id}`, { lockVersion: 0, place: 'Không được' });
    expect(res.status).to.equal(404);
    expect((await Course.findByPk(course.id))!.place).to.equal('Hội trường');
  });

  it('when a course is cancelled through the API, then the reason is required and stored', async () => {
    const course = await makePlannedCourse();
    const noReason = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, cancel: { reason: '' } });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.fields).to.have.property('cancel.reason');
    const mixed = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, place: 'X', cancel: { reason: 'Lý do' } });
    expect(mixed.status).to.equal(422);
    const res = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, cancel: { reason: 'Giảng viên bận' } });
    expect(res.status).to.equal(200);
    expect(res.body.course).to.include({ status: 'cancelled', cancelReason: 'Giảng viên bận' });
    expect(await AuditLog.count({ where: { entityType: 'course', entityId: course.id, action: 'cancel' } })).to.equal(1);
    const again = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 1, cancel: { reason: 'Lần nữa' } });
    expect(again.status).to.equal(409);
  });

  it('when an ended course is finished through the API, then its status is finished', async () => {
    const course = await makeEndedCourse();
    await makeEnrollment(course, undefined, { status: 'completed', score: 8, grade: 'good', attendance: 0.95 });
    const res = await vanLam.patch(`/courses/${course.id}`, { lockVersion: 0, finish: true });
    expect(res.status).to.equal(200);
    expect(res.body.course.status).to.equal('finished');
    expect((await Course.findByPk(course.id))!.status).to.equal('finished');
  });

  it('when the OpenAPI document is read, then the course, enrollment and trainee operations are described', async () => {
    const res = await supertest(app).get('/api/openapi.json');
    expect(res.body.paths['/courses']).to.have.keys('get', 'post');
    expect(res.body.paths['/courses/{id}']).to.have.keys('get', 'patch');
    expect(res.body.paths['/courses/{id}/enrollments']).to.have.keys('get', 'post');
    expect(res.body.paths['/enrollments/{id}']).to.have.keys('get', 'patch');
    expect(res.body.paths['/trainees']).to.have.key('get');
    expect(res.body.paths['/trainees/{id}']).to.have.key('get');
    expect(res.body.paths['/courses'].post.requestBody.content['application/json'].schema.properties).to.have.property('programCode');
  });
});
