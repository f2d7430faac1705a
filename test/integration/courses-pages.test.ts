import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Course, Enrollment, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeUser, programByCode, unique, unitByCode } from '../helpers/factories.js';
import { daysFromToday, makeEndedCourse, makeOpenCourse, makePlannedCourse, staffAgent, submitFrom } from '../helpers/courses.js';
import { signIn, type Agent } from '../helpers/http.js';

const year = Number(daysFromToday(0).slice(0, 4));

describe('course pages', () => {
  let app: App;
  let vanLam: Agent;
  let vanGiang: Agent;
  let admin: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await staffAgent(app, 'TTCTVL');
    vanGiang = await staffAgent(app, 'TTCTVG');
    admin = await staffAgent(app, 'BTGTU');
  });

  describe('creating', () => {
    it('when a center opens a course, then it is stored in its own unit, planned, audited, and its page shows it', async () => {
      const unit = await unitByCode('TTCTVL');
      const program = await programByCode('NTVD');
      const name = `Lớp bồi dưỡng nhận thức về Đảng ${unique('K')}`;
      const res = await submitFrom(vanLam, '/courses/new', '/courses', {
        programId: program.id, name, startDate: daysFromToday(10), endDate: daysFromToday(14), place: 'Hội trường Huyện ủy', capacity: '90', note: '',
      });
      expect(res.status).to.equal(303);
      const row = await Course.findOne({ where: { name } });
      expect(row).to.not.equal(null);
      expect(row!).to.include({ unitId: unit.id, programId: program.id, capacity: 90, status: 'planned', place: 'Hội trường Huyện ủy', lockVersion: 0 });
      expect(res.headers.location).to.equal(`/courses/${row!.id}`);
      expect(await AuditLog.count({ where: { entityType: 'course', entityId: row!.id, action: 'create' } })).to.equal(1);
      const page = await vanLam.get(`/courses/${row!.id}`);
      expect(page.text).to.contain(name).and.contain('Dự kiến').and.contain('Tạo mới');
    });

    it('when a center names another unit in the form, then the unit is ignored and the course is its own', async () => {
      const vanLamUnit = await unitByCode('TTCTVL');
      const other = await unitByCode('TTCTVG');
      const name = `Lớp ${unique('U')}`;
      const res = await submitFrom(vanLam, '/courses/new', '/courses', {
        unitId: other.id, programId: (await programByCode('LSD')).id, name, startDate: daysFromToday(1), endDate: daysFromToday(3), capacity: '50',
      });
      expect(res.status).to.equal(303);
      expect((await Course.findOne({ where: { name } }))!.unitId).to.equal(vanLamUnit.id);
    });

    it('when the name is left blank, then the course is named after the program with the next number of the year', async () => {
      const program = await programByCode('SCLLCT');
      const unit = await unitByCode('TTCTYM');
      const center = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTYM' })).username);
      const before = await Course.count({ where: { unitId: unit.id, programId: program.id } });
      const start = `${year}-${daysFromToday(5).slice(5)}`;
      const res = await submitFrom(center, '/courses/new', '/courses', { programId: program.id, name: '', startDate: start, endDate: daysFromToday(40), capacity: '60' });
      expect(res.status).to.equal(303);
      const row = await Course.findByPk(Number(res.headers.location.split('/').pop()));
      expect(row!.name).to.equal(`Lớp sơ cấp lý luận chính trị khóa ${before + 1} năm ${start.slice(0, 4)}`);
      const form = await center.get('/courses/new');
      expect(form.text).to.contain('Lớp bồi dưỡng nhận thức về Đảng khóa');
      const suggestion = await center.get(`/courses/suggest-name?programId=${program.id}&startDate=${start}`);
      expect(suggestion.body.name).to.equal(`Lớp sơ cấp lý luận chính trị khóa ${before + 2} năm ${start.slice(0, 4)}`);
    });

    it('when the dates are reversed and the capacity is out of range, then each field says so and nothing is stored', async () => {
      const count = await Course.count();
      const res = await submitFrom(vanLam, '/courses/new', '/courses', {
        programId: (await programByCode('NTVD')).id, name: 'Sai', startDate: '2025-03-10', endDate: '2025-03-01', capacity: '501',
      });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-endDate"').and.contain('Ngày bế giảng không được trước ngày khai giảng.');
      expect(res.text).to.contain('id="e-capacity"').and.contain('Giá trị không được vượt quá 500.');
      expect(res.text).to.contain('value="Sai"');
      expect(await Course.count()).to.equal(count);
    });

    it('when the board opens a course, then it must name a training unit', async () => {
      const program = await programByCode('NTVD');
      const none = await submitFrom(admin, '/courses/new', '/courses', { programId: program.id, startDate: daysFromToday(1), endDate: daysFromToday(2), capacity: '30' });
      expect(none.status).to.equal(422);
      expect(none.text).to.contain('id="e-unitId"');
      const board = await unitByCode('BTGTU');
      const boardItself = await submitFrom(admin, '/courses/new', '/courses', { unitId: board.id, programId: program.id, startDate: daysFromToday(1), endDate: daysFromToday(2), capacity: '30' });
      expect(boardItself.status).to.equal(422);
      expect(boardItself.text).to.contain('Ban Tuyên giáo không tự mở lớp');
      const khoaiChau = await unitByCode('TTCTKC');
      const name = `Lớp ${unique('A')}`;
      const ok = await submitFrom(admin, '/courses/new', '/courses', { unitId: khoaiChau.id, programId: program.id, name, startDate: daysFromToday(1), endDate: daysFromToday(2), capacity: '30' });
      expect(ok.status).to.equal(303);
      expect((await Course.findOne({ where: { name } }))!.unitId).to.equal(khoaiChau.id);
    });
  });

  describe('listing', () => {
    it('when a center lists courses, then it sees its own only, filtered by year, program and status', async () => {
      const mine = await makeCourse({ unitCode: 'TTCTVL', programCode: 'LSD', startDate: '2021-04-05', endDate: '2021-04-09', status: 'finished', name: `Lớp LSD ${unique('L')}` });
      const theirs = await makeCourse({ unitCode: 'TTCTVG', programCode: 'LSD', startDate: '2021-04-05', endDate: '2021-04-09', status: 'finished', name: `Lớp LSD ${unique('G')}` });
      const res = await vanLam.get('/courses?year=2021&program=LSD&status=finished');
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(mine.name).and.not.contain(theirs.name);
      expect((await vanLam.get('/courses?year=2021&program=NTVD')).text).to.not.contain(mine.name);
      expect((await vanLam.get('/courses?year=2022&program=LSD')).text).to.not.contain(mine.name);
      expect((await vanLam.get('/courses?year=2021&status=cancelled')).text).to.not.contain(mine.name);
    });

    it('when the status filter is planned or open, then it follows the dates', async () => {
      const planned = await makePlannedCourse({ name: `Lớp sắp học ${unique('P')}` });
      const open = await makeOpenCourse({ name: `Lớp đang học ${unique('O')}` });
      const plannedPage = await vanLam.get(`/courses?status=planned&year=${planned.startDate.slice(0, 4)}`);
      expect(plannedPage.text).to.contain(planned.name).and.not.contain(open.name);
      const openPage = await vanLam.get(`/courses?status=open&year=${open.startDate.slice(0, 4)}`);
      expect(openPage.text).to.contain(open.name).and.not.contain(planned.name);
    });

    it('when the board lists courses, then it sees every unit and can filter by one', async () => {
      const theirs = await makeCourse({ unitCode: 'TTCTVG', startDate: '2020-05-04', endDate: '2020-05-08', name: `Lớp VG ${unique('B')}` });
      const mine = await makeCourse({ unitCode: 'TTCTVL', startDate: '2020-05-04', endDate: '2020-05-08', name: `Lớp VL ${unique('B')}` });
      const all = await admin.get('/courses?year=2020');
      expect(all.text).to.contain(theirs.name).and.contain(mine.name);
      const one = await admin.get('/courses?year=2020&unit=TTCTVG');
      expect(one.text).to.contain(theirs.name).and.not.contain(mine.name);
    });

    it('when there are more than 20 courses, then the list pages', async () => {
      for (let i = 0; i < 21; i++) await makeCourse({ unitCode: 'TTCTTL', startDate: '2019-02-01', endDate: '2019-02-03', name: `Lớp trang ${i}` });
      const tienLu = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTTL' })).username);
      const first = await tienLu.get('/courses?year=2019');
      expect(first.text).to.contain('Trang 1/2');
      const second = await tienLu.get('/courses?year=2019&page=2');
      expect((second.text.match(/Lớp trang \d+/g) ?? []).length).to.equal(1);
    });
  });

  describe('the course page', () => {
    it('when a course has trainees, then it shows the counts and the roster with masked citizen IDs', async () => {
      const course = await makeOpenCourse({ capacity: 10 });
      const a = await makeEnrollment(course, undefined, { status: 'completed', score: 8.5, grade: 'good', attendance: 0.95 });
      await makeEnrollment(course, undefined, { status: 'failed', score: 4, grade: 'fail' });
      await makeEnrollment(course, undefined, { status: 'withdrawn' });
      await makeEnrollment(course);
      const trainee = (await Trainee.findByPk(a.traineeId))!;
      const res = await vanLam.get(`/courses/${course.id}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.match(/data-count="active">3\/10</);
      expect(res.text).to.match(/data-count="seatsLeft">7</);
      expect(res.text).to.match(/data-count="completed">1</);
      expect(res.text).to.match(/data-count="failed">1</);
      expect(res.text).to.match(/data-count="withdrawn">1</);
      expect(res.text).to.match(/data-count="pending">1</);
      expect(res.text).to.contain(trainee.fullName).and.contain('8,5').and.contain('95,0%').and.contain('Giỏi');
      expect(res.text).to.contain(`${trainee.nationalId!.slice(0, 4)}******${trainee.nationalId!.slice(-2)}`);
      expect(res.text).to.not.contain(trainee.nationalId!);
    });

    it('when another unit asks for the course page, then 404', async () => {
      const course = await makeOpenCourse();
      expect((await vanGiang.get(`/courses/${course.id}`)).status).to.equal(404);
      expect((await vanGiang.get(`/courses/${course.id}/edit`)).status).to.equal(404);
    });

    it('when nobody is signed in, then the page sends to the sign-in form; a trainee account is refused', async () => {
      const course = await makeOpenCourse();
      const anonymous = await supertest(app).get(`/courses/${course.id}`);
      expect(anonymous.status).to.equal(303);
      expect(anonymous.headers.location).to.equal('/login');
      const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
      expect((await trainee.get('/courses')).status).to.equal(403);
    });

    it('when a course is finished, then the page links to its certificates, printed roster and trainee accounts, and they answer', async () => {
      const course = await makeCourse({ status: 'finished' });
      await makeEnrollment(course, undefined, { status: 'completed', score: 8, grade: 'good' });
      const res = await vanLam.get(`/courses/${course.id}`);
      for (const href of [`/courses/${course.id}/certificates`, `/courses/${course.id}/roster.pdf`, `/accounts/courses/${course.id}`]) {
        expect(res.text).to.contain(`href="${href}"`);
        expect((await vanLam.get(href)).status, href).to.equal(200);
      }
      expect(res.text).to.not.contain(`href="/courses/${course.id}/edit"`);
    });
  });

  describe('editing', () => {
    it('when the edit is saved, then the row changes, the version moves on and the change is in the history', async () => {
      const course = await makePlannedCourse();
      const res = await submitFrom(vanLam, `/courses/${course.id}/edit`, `/courses/${course.id}`, {
        lockVersion: '0', programId: course.programId, name: course.name, startDate: course.startDate, endDate: course.endDate, place: 'Phòng họp số 2', capacity: '80', note: 'Mời giảng viên tỉnh',
      });
      expect(res.status).to.equal(303);
      const row = (await Course.findByPk(course.id))!;
      expect(row).to.include({ place: 'Phòng họp số 2', capacity: 80, note: 'Mời giảng viên tỉnh', lockVersion: 1 });
      const page = await vanLam.get(`/courses/${course.id}`);
      expect(page.text).to.contain('Phòng họp số 2').and.contain('Sửa');
    });

    it('when the edit was made from an old copy, then 409 shows the current values in Vietnamese and nothing is overwritten', async () => {
      const course = await makePlannedCourse();
      const fields = { programId: course.programId, name: course.name, startDate: course.startDate, endDate: course.endDate, capacity: '90' };
      expect((await submitFrom(vanLam, `/courses/${course.id}/edit`, `/courses/${course.id}`, { ...fields, lockVersion: '0', place: 'Hội trường A' })).status).to.equal(303);
      const stale = await submitFrom(vanLam, `/courses/${course.id}/edit`, `/courses/${course.id}`, { ...fields, lockVersion: '0', place: 'Hội trường B' });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('vừa được người khác sửa').and.contain('Giá trị hiện tại trong hệ thống').and.contain('Hội trường A');
      expect(stale.text).to.contain('name="lockVersion" value="1"');
      expect(stale.text).to.contain('value="Hội trường B"');
      expect((await Course.findByPk(course.id))!.place).to.equal('Hội trường A');
    });

    it('when the capacity would fall below the trainees already in the course, then the field says so', async () => {
      const course = await makeOpenCourse({ capacity: 5 });
      await makeEnrollment(course);
      await makeEnrollment(course);
      const res = await submitFrom(vanLam, `/courses/${course.id}/edit`, `/courses/${course.id}`, {
        lockVersion: '0', programId: course.programId, name: course.name, startDate: course.startDate, endDate: course.endDate, capacity: '1',
      });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-capacity"').and.contain('Lớp đang có 2 học viên');
      expect((await Course.findByPk(course.id))!.capacity).to.equal(5);
    });

    it('when another unit posts an edit, then 404 and nothing changes', async () => {
      const course = await makePlannedCourse();
      const res = await submitFrom(vanGiang, '/courses', `/courses/${course.id}`, {
        lockVersion: '0', programId: course.programId, name: 'Đổi tên', startDate: course.startDate, endDate: course.endDate, capacity: '90',
      });
      expect(res.status).to.equal(404);
      expect((await Course.findByPk(course.id))!.name).to.equal(course.name);
    });
  });

  describe('cancelling', () => {
    it('when a reason is given, then the course is cancelled with it, and no one can be enrolled any more', async () => {
      const course = await makePlannedCourse();
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/cancel`, { lockVersion: '0', reason: 'Trùng lịch hội nghị' });
      expect(res.status).to.equal(303);
      const row = (await Course.findByPk(course.id))!;
      expect(row).to.include({ status: 'cancelled', cancelReason: 'Trùng lịch hội nghị', lockVersion: 1 });
      expect(await AuditLog.count({ where: { entityType: 'course', entityId: course.id, action: 'cancel' } })).to.equal(1);
      const page = await vanLam.get(`/courses/${course.id}`);
      expect(page.text).to.contain('Đã hủy').and.contain('Trùng lịch hội nghị').and.not.contain(`/courses/${course.id}/enrollments/new"`);
    });

    it('when no reason is given, then the reason field says so and the course stays', async () => {
      const course = await makePlannedCourse();
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/cancel`, { lockVersion: '0', reason: '  ' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-reason"').and.contain('Vui lòng nhập trường này.');
      expect((await Course.findByPk(course.id))!.status).to.equal('planned');
    });

    it('when results were recorded, then the course cannot be cancelled', async () => {
      const course = await makeOpenCourse();
      await makeEnrollment(course, undefined, { status: 'completed', score: 7, grade: 'fair' });
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/cancel`, { lockVersion: '0', reason: 'Thử' });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Lớp đã có kết quả học tập của học viên; không hủy được.');
      expect((await Course.findByPk(course.id))!.status).to.equal('open');
    });

    it('when another unit cancels, then 404', async () => {
      const course = await makePlannedCourse();
      const res = await submitFrom(vanGiang, '/courses', `/courses/${course.id}/cancel`, { lockVersion: '0', reason: 'Không phải lớp của mình' });
      expect(res.status).to.equal(404);
      expect((await Course.findByPk(course.id))!.status).to.equal('planned');
    });
  });

  describe('finishing', () => {
    it('when the course has not ended yet, then it cannot be finished', async () => {
      const course = await makeOpenCourse();
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/finish`, { lockVersion: '0' });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Chưa đến ngày bế giảng');
      expect((await Course.findByPk(course.id))!.status).to.equal('open');
    });

    it('when someone still has no result, then it cannot be finished and nothing changes', async () => {
      const course = await makeEndedCourse({ programCode: 'NVCTD' });
      const low = await makeEnrollment(course, undefined, { attendance: 0.5 });
      await makeEnrollment(course);
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/finish`, { lockVersion: '0' });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Còn 1 học viên chưa có kết quả');
      expect((await Course.findByPk(course.id))!.status).to.equal('open');
      expect((await Enrollment.findByPk(low.id))!.status).to.equal('enrolled');
    });

    it('when every trainee has a result, then the course finishes and low attendance becomes "not completed"', async () => {
      const course = await makeEndedCourse({ programCode: 'NVCTD' });
      const low = await makeEnrollment(course, undefined, { attendance: 0.5 });
      const good = await makeEnrollment(course, undefined, { attendance: 0.9, status: 'completed' });
      await makeEnrollment(course, undefined, { status: 'withdrawn' });
      const res = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}/finish`, { lockVersion: '0' });
      expect(res.status).to.equal(303);
      expect((await Course.findByPk(course.id))!.status).to.equal('finished');
      expect((await Enrollment.findByPk(low.id))!.status).to.equal('failed');
      expect((await Enrollment.findByPk(good.id))!.status).to.equal('completed');
      expect(await AuditLog.count({ where: { entityType: 'course', entityId: course.id, action: 'finish' } })).to.equal(1);
      const edit = await submitFrom(vanLam, `/courses/${course.id}`, `/courses/${course.id}`, {
        lockVersion: '1', programId: course.programId, name: 'Đổi tên sau khi kết thúc', startDate: course.startDate, endDate: course.endDate, capacity: '90',
      });
      expect(edit.status).to.equal(409);
      expect(edit.text).to.contain('Lớp đã kết thúc hoặc đã hủy');
    });
  });
});
