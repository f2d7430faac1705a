import { expect } from 'chai';
import { Op } from 'sequelize';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Certificate, Enrollment, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, randomNationalId, unique, unitByCode } from '../helpers/factories.js';
import { apiClient, makeEndedCourse, makeOpenCourse, makePlannedCourse, staffAgent, staffToken, submitFrom } from '../helpers/courses.js';
import type { Agent } from '../helpers/http.js';

const activeIn = (courseId: number) => Enrollment.count({ where: { courseId, status: { [Op.ne]: 'withdrawn' } } });

describe('enrolling through the pages', () => {
  let app: App;
  let vanLam: Agent;
  let vanGiang: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await staffAgent(app, 'TTCTVL');
    vanGiang = await staffAgent(app, 'TTCTVG');
  });

  it('when a person found by search is enrolled, then the enrollment is stored with the sending organisation and audited', async () => {
    const course = await makePlannedCourse();
    const person = await makeTrainee({ unitCode: 'TTCTKC' });
    const page = `/courses/${course.id}/enrollments/new?q=${person.nationalId}`;
    const search = await vanLam.get(page);
    expect(search.text).to.contain(`data-hit="${person.id}"`);
    const res = await submitFrom(vanLam, page, `/courses/${course.id}/enrollments`, { traineeId: person.id, sendingOrg: 'Chi bộ thôn Đình Dù' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/courses/${course.id}/enrollments/new`);
    const row = (await Enrollment.findOne({ where: { courseId: course.id, traineeId: person.id } }))!;
    expect(row).to.include({ status: 'enrolled', sendingOrg: 'Chi bộ thôn Đình Dù', lockVersion: 0 });
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: row.id, action: 'enroll' } })).to.equal(1);
    const next = await vanLam.get(`/courses/${course.id}/enrollments/new`);
    expect(next.text).to.contain(`Đã ghi danh ${person.fullName} vào lớp.`);
    // The person is now the unit's: its record opens.
    expect((await vanLam.get(`/trainees/${person.id}`)).status).to.equal(200);
  });

  it('when a new person is entered, then the trainee and the enrollment are made together', async () => {
    const course = await makeOpenCourse();
    const nationalId = randomNationalId();
    const name = `Vũ Thị Lan ${unique('E')}`;
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new?q=${nationalId}`, `/courses/${course.id}/enrollments`, {
      fullName: name, birth: '1988', gender: 'female', nationalId, workplace: 'Trường THCS Lạc Đạo', sendingOrg: 'Chi bộ Trường THCS Lạc Đạo',
    });
    expect(res.status).to.equal(303);
    const trainee = (await Trainee.findOne({ where: { nationalId } }))!;
    expect(trainee).to.include({ fullName: name, birthYear: 1988, birthDate: null, createdByUnitId: (await unitByCode('TTCTVL')).id });
    expect((await Enrollment.findOne({ where: { courseId: course.id, traineeId: trainee.id } }))!.sendingOrg).to.equal('Chi bộ Trường THCS Lạc Đạo');
  });

  it('when the search for a citizen ID finds nobody, then the new-person form comes filled with it', async () => {
    const course = await makeOpenCourse();
    const nationalId = randomNationalId();
    const res = await vanLam.get(`/courses/${course.id}/enrollments/new?q=${nationalId}`);
    expect(res.text).to.contain('data-no-results').and.contain(`name="nationalId" type="text" value="${nationalId}"`);
  });

  it('when a new person’s citizen ID is already on file under the same name, then that person is enrolled and no second record is made', async () => {
    const existing = await makeTrainee({ unitCode: 'TTCTAT', fullName: `Hoàng Văn Bình ${unique('R')}` });
    const course = await makeOpenCourse();
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, {
      fullName: existing.fullName.toUpperCase().normalize('NFD'), nationalId: existing.nationalId, birth: '1990', sendingOrg: 'Chi bộ 3',
    });
    expect(res.status).to.equal(303);
    expect(await Trainee.count({ where: { nationalId: existing.nationalId! } })).to.equal(1);
    expect(await Enrollment.count({ where: { courseId: course.id, traineeId: existing.id } })).to.equal(1);
    expect((await Trainee.findByPk(existing.id))!.fullName).to.equal(existing.fullName);
    expect((await vanLam.get(`/courses/${course.id}/enrollments/new`)).text).to.contain('không tạo hồ sơ mới');
  });

  it('when a new person’s citizen ID belongs to someone with another name, then 409 on the ID and nothing is made', async () => {
    const existing = await makeTrainee({ unitCode: 'TTCTAT' });
    const course = await makeOpenCourse();
    const trainees = await Trainee.count();
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { fullName: 'Một Người Khác Hẳn', nationalId: existing.nationalId });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('id="e-nationalId"').and.contain('thuộc về một học viên có họ tên khác').and.not.contain(existing.fullName);
    expect(await Trainee.count()).to.equal(trainees);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when a new person has the name and birth year of someone on file with no citizen ID, then it asks first, and adds only once confirmed', async () => {
    const name = `Trần Văn Khải ${unique('K')}`;
    await makeTrainee({ fullName: name, nationalId: null, birthDate: '1980-04-30', unitCode: 'TTCTYM' });
    const course = await makeOpenCourse();
    const form = { fullName: name.toUpperCase(), birth: '1980', sendingOrg: 'Chi bộ 7' };
    const asked = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, form);
    expect(asked.status).to.equal(409);
    expect(asked.text).to.contain('data-possible-duplicate').and.contain('id="e-confirmNew"').and.contain('Đã có 1 người cùng họ tên và năm sinh');
    expect(asked.text).to.contain(`href="/courses/${course.id}/enrollments/new?q&#x3D;`);
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(1);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    const confirmed = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { ...form, fullName: name, confirmNew: 'on' });
    expect(confirmed.status).to.equal(303);
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(2);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(1);
  });

  it('when a namesake was born another year, or citizen IDs tell them apart, then the new person is added without asking', async () => {
    const name = `Phan Thị Yến ${unique('Y')}`;
    await makeTrainee({ fullName: name, birthDate: '1975-01-01' });
    const course = await makeOpenCourse();
    expect((await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { fullName: name, birth: '1976' })).status).to.equal(303);
    expect((await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { fullName: name, birth: '1975', nationalId: randomNationalId() })).status).to.equal(303);
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(3);
  });

  it('when the same person is enrolled twice, then 409 in Vietnamese and one enrollment remains', async () => {
    const course = await makeOpenCourse();
    const person = await makeTrainee();
    await makeEnrollment(course, person);
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { traineeId: person.id });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`${person.fullName} đã được ghi danh vào lớp này`);
    expect(await Enrollment.count({ where: { courseId: course.id, traineeId: person.id } })).to.equal(1);
    const search = await vanLam.get(`/courses/${course.id}/enrollments/new?q=${person.nationalId}`);
    expect(search.text).to.contain('data-already-in');
  });

  it('when the new-person form is incomplete, then the fields say so and nothing is made', async () => {
    const course = await makeOpenCourse();
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { fullName: '', nationalId: 'abc', sendingOrg: 'Chi bộ 1' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-fullName"').and.contain('id="e-nationalId"').and.contain('value="Chi bộ 1"');
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when the course is cancelled, then enrolling is refused', async () => {
    const course = await makeCourse({ status: 'cancelled' });
    const person = await makeTrainee();
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { traineeId: person.id });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Lớp đã hủy; không ghi danh được.');
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when the course is full, then enrolling is refused', async () => {
    const course = await makeOpenCourse({ capacity: 1 });
    await makeEnrollment(course);
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { traineeId: (await makeTrainee()).id });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Lớp đã đủ 1 học viên');
    expect(await activeIn(course.id)).to.equal(1);
  });

  it('when another unit enrolls into the course, then 404 and nothing is made', async () => {
    const course = await makeOpenCourse();
    const res = await submitFrom(vanGiang, '/courses', `/courses/${course.id}/enrollments`, { traineeId: (await makeTrainee()).id });
    expect(res.status).to.equal(404);
    expect((await vanGiang.get(`/courses/${course.id}/enrollments/new`)).status).to.equal(404);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when a withdrawal is recorded with a reason, then the status, reason and time are stored and the seat is free', async () => {
    const course = await makeOpenCourse({ capacity: 1 });
    const enrollment = await makeEnrollment(course);
    const res = await submitFrom(vanLam, `/enrollments/${enrollment.id}`, `/enrollments/${enrollment.id}/withdraw`, { lockVersion: '0', reason: 'Ốm dài ngày' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/courses/${course.id}`);
    const row = (await Enrollment.findByPk(enrollment.id))!;
    expect(row).to.include({ status: 'withdrawn', withdrawReason: 'Ốm dài ngày', lockVersion: 1 });
    expect(row.withdrawnAt).to.be.instanceOf(Date);
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: enrollment.id, action: 'withdraw' } })).to.equal(1);
    expect(await activeIn(course.id)).to.equal(0);
    const page = await vanLam.get(`/enrollments/${enrollment.id}`);
    expect(page.text).to.contain('Ốm dài ngày').and.contain('Thôi học');
  });

  it('when a withdrawal has no reason, then the field says so and nothing changes', async () => {
    const enrollment = await makeEnrollment(await makeOpenCourse());
    const res = await submitFrom(vanLam, `/enrollments/${enrollment.id}`, `/enrollments/${enrollment.id}/withdraw`, { lockVersion: '0', reason: '' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-reason"');
    expect((await Enrollment.findByPk(enrollment.id))!.status).to.equal('enrolled');
  });

  it('when a withdrawal is made from an old copy, then 409 and nothing changes', async () => {
    const enrollment = await makeEnrollment(await makeOpenCourse());
    await Enrollment.update({ sendingOrg: 'Chi bộ mới', lockVersion: 1 }, { where: { id: enrollment.id } });
    const res = await submitFrom(vanLam, `/enrollments/${enrollment.id}`, `/enrollments/${enrollment.id}/withdraw`, { lockVersion: '0', reason: 'Lý do' });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('vừa được người khác sửa');
    expect((await Enrollment.findByPk(enrollment.id))!.status).to.equal('enrolled');
  });

  it('when another unit opens or withdraws the enrollment, then 404', async () => {
    const enrollment = await makeEnrollment(await makeOpenCourse());
    expect((await vanGiang.get(`/enrollments/${enrollment.id}`)).status).to.equal(404);
    const res = await submitFrom(vanGiang, '/courses', `/enrollments/${enrollment.id}/withdraw`, { lockVersion: '0', reason: 'Không phải của mình' });
    expect(res.status).to.equal(404);
    expect((await Enrollment.findByPk(enrollment.id))!.status).to.equal('enrolled');
  });

  it('when a person who withdrew is enrolled again, then the same enrollment comes back rather than a second one', async () => {
    const course = await makeOpenCourse();
    const person = await makeTrainee();
    const enrollment = await makeEnrollment(course, person, { status: 'withdrawn' });
    const res = await submitFrom(vanLam, `/courses/${course.id}/enrollments/new`, `/courses/${course.id}/enrollments`, { traineeId: person.id, sendingOrg: 'Chi bộ 5' });
    expect(res.status).to.equal(303);
    expect(await Enrollment.count({ where: { courseId: course.id, traineeId: person.id } })).to.equal(1);
    expect((await Enrollment.findByPk(enrollment.id))!).to.include({ status: 'enrolled', withdrawReason: null, sendingOrg: 'Chi bộ 5' });
  });

  it('when anonymous visitors post an enrollment, then it is refused', async () => {
    const course = await makeOpenCourse();
    const res = await supertest(app).post(`/courses/${course.id}/enrollments`).type('form').send({ traineeId: (await makeTrainee()).id });
    expect([401, 403]).to.include(res.status);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });
});

describe('enrolling through the API', () => {
  let app: App;
  let vanLam: ReturnType<typeof apiClient>;
  let vanGiang: ReturnType<typeof apiClient>;
  before(async () => {
    app = makeApp();
    vanLam = apiClient(app, await staffToken('TTCTVL'));
    vanGiang = apiClient(app, await staffToken('TTCTVG'));
  });

  it('when a trainee object is posted, then the person is created and enrolled, stored NFC', async () => {
    const course = await makeOpenCourse();
    const nationalId = randomNationalId();
    const name = `Nguyễn Văn Đức ${unique('A')}`;
    const res = await vanLam.post(`/courses/${course.id}/enrollments`, {
      trainee: { fullName: name.normalize('NFD'), dateOfBirth: '1985-09-02', gender: 'male', nationalId, ethnicity: 'Kinh', religion: 'Không', hometown: 'Văn Lâm, Hưng Yên', address: 'Thị trấn Như Quỳnh', phone: '0221 3987 654', email: 'duc@example.vn', workplace: 'UBND xã', position: 'Chủ tịch', partyStatus: 'official', partyJoinedOn: '2010-05-19', partyOfficialOn: '2011-05-19' },
      sendingOrg: 'Đảng bộ xã Lạc Hồng',
    });
    expect(res.status).to.equal(201);
    expect(res.body.trainee.reused).to.equal(false);
    expect(res.body.enrollment).to.include({ courseId: course.id, fullName: name.normalize('NFC'), dateOfBirth: '1985-09-02', nationalId, sendingOrg: 'Đảng bộ xã Lạc Hồng', status: 'enrolled', attendance: null, score: null, lockVersion: 0 });
    const trainee = (await Trainee.findByPk(res.body.trainee.id))!;
    expect(trainee).to.include({ fullName: name.normalize('NFC'), partyStatus: 'official', partyOfficialOn: '2011-05-19', email: 'duc@example.vn' });
  });

  it('when a traineeId is posted, then that person is enrolled; an unknown id names the field', async () => {
    const course = await makeOpenCourse();
    const person = await makeTrainee();
    const res = await vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: person.id });
    expect(res.status).to.equal(201);
    expect(res.body.enrollment.traineeId).to.equal(person.id);
    const unknown = await vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: 99999999 });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.fields).to.have.property('traineeId');
    const both = await vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: person.id, trainee: { fullName: 'X' } });
    expect(both.status).to.equal(422);
    const bad = await vanLam.post(`/courses/${course.id}/enrollments`, { trainee: { fullName: '', nationalId: '12', gender: 'nam' } });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.fields).to.have.keys('trainee.fullName', 'trainee.nationalId', 'trainee.gender');
  });

  it('when a citizen ID on file is posted, then the existing person is reused; a different name gets 409 on trainee.nationalId', async () => {
    const existing = await makeTrainee({ unitCode: 'TTCTMH' });
    const course = await makeOpenCourse();
    const res = await vanLam.post(`/courses/${course.id}/enrollments`, { trainee: { fullName: existing.fullName, nationalId: existing.nationalId } });
    expect(res.status).to.equal(201);
    expect(res.body.trainee).to.deep.equal({ id: existing.id, reused: true });
    expect(await Trainee.count({ where: { nationalId: existing.nationalId! } })).to.equal(1);
    const other = await makeOpenCourse();
    const wrong = await vanLam.post(`/courses/${other.id}/enrollments`, { trainee: { fullName: 'Tên Khác', nationalId: existing.nationalId } });
    expect(wrong.status).to.equal(409);
    expect(wrong.body.error.fields).to.have.property('trainee.nationalId');
  });

  it('when a posted person matches a namesake of the same birth year without citizen ID, then 409 on confirmNew until it is confirmed', async () => {
    const name = `Đinh Văn Quân ${unique('Z')}`;
    await makeTrainee({ fullName: name, nationalId: null, birthDate: null });
    const course = await makeOpenCourse();
    const asked = await vanLam.post(`/courses/${course.id}/enrollments`, { trainee: { fullName: name, birthYear: 1970 } });
    expect(asked.status).to.equal(409);
    expect(asked.body.error.fields).to.have.property('confirmNew');
    expect(asked.body.error.current).to.deep.equal({ possibleDuplicates: 1, q: `${name} 1970` });
    const confirmed = await vanLam.post(`/courses/${course.id}/enrollments`, { trainee: { fullName: name, birthYear: 1970 }, confirmNew: true });
    expect(confirmed.status).to.equal(201);
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(2);
  });

  it('when the same person is posted twice, then 409 duplicate', async () => {
    const course = await makeOpenCourse();
    const person = await makeTrainee();
    expect((await vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: person.id })).status).to.equal(201);
    const again = await vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: person.id });
    expect(again.status).to.equal(409);
    expect(again.body.error.message).to.contain('đã được ghi danh vào lớp này');
    expect(await Enrollment.count({ where: { courseId: course.id, traineeId: person.id } })).to.equal(1);
  });

  it('when two people enroll into the last seat at the same moment, then exactly one gets it', async () => {
    const course = await makeOpenCourse({ capacity: 2 });
    await makeEnrollment(course);
    const [a, b] = [await makeTrainee(), await makeTrainee()];
    const results = await Promise.all([
      vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: a.id }),
      vanLam.post(`/courses/${course.id}/enrollments`, { traineeId: b.id }),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.message).to.contain('Lớp đã đủ 2 học viên');
    expect(await activeIn(course.id)).to.equal(2);
  });

  it('when many new people rush a course with three seats, then three are enrolled and the rest refused', async () => {
    const course = await makeOpenCourse({ capacity: 3 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => vanLam.post(`/courses/${course.id}/enrollments`, { trainee: { fullName: `Người thứ ${i} ${unique('C')}`, nationalId: randomNationalId() } })),
    );
    expect(results.filter((r) => r.status === 201)).to.have.length(3);
    expect(results.filter((r) => r.status === 409)).to.have.length(5);
    expect(await activeIn(course.id)).to.equal(3);
  });

  it('when the same new person is posted into two courses at once, then one record serves both', async () => {
    const [first, second] = [await makeOpenCourse(), await makeOpenCourse()];
    const nationalId = randomNationalId();
    const trainee = { fullName: `Bùi Thị Mai ${unique('D')}`, nationalId };
    const results = await Promise.all([
      vanLam.post(`/courses/${first.id}/enrollments`, { trainee }),
      vanLam.post(`/courses/${second.id}/enrollments`, { trainee }),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal([201, 201]);
    expect(await Trainee.count({ where: { nationalId } })).to.equal(1);
  });

  it('when enrolling into a cancelled or finished course, then 409', async () => {
    const person = await makeTrainee();
    expect((await vanLam.post(`/courses/${(await makeCourse({ status: 'cancelled' })).id}/enrollments`, { traineeId: person.id })).status).to.equal(409);
    expect((await vanLam.post(`/courses/${(await makeCourse({ status: 'finished' })).id}/enrollments`, { traineeId: person.id })).status).to.equal(409);
  });

  it('when another unit or nobody posts or reads enrollments, then 404 or 401', async () => {
    const course = await makeOpenCourse();
    const person = await makeTrainee();
    expect((await vanGiang.post(`/courses/${course.id}/enrollments`, { traineeId: person.id })).status).to.equal(404);
    expect((await vanGiang.get(`/courses/${course.id}/enrollments`)).status).to.equal(404);
    expect((await supertest(app).post(`/api/v1/courses/${course.id}/enrollments`).send({ traineeId: person.id })).status).to.equal(401);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when the roster is read, then it lists everyone by given name with results as fractions', async () => {
    const course = await makeOpenCourse();
    await makeEnrollment(course, await makeTrainee({ fullName: `Trần Văn Vinh ${unique('x')}` }), { attendance: 0.875 });
    await makeEnrollment(course, await makeTrainee({ fullName: 'Lê Thị An' }), { status: 'withdrawn' });
    const res = await vanLam.get(`/courses/${course.id}/enrollments`);
    expect(res.status).to.equal(200);
    expect(res.body.course.id).to.equal(course.id);
    expect(res.body.enrollments.map((e: { fullName: string }) => e.fullName.split(' ')[2])).to.deep.equal(['An', 'Vinh']);
    expect(res.body.enrollments[1].attendance).to.equal(0.875);
  });

  it('when attendance and score are patched, then status and grade follow the program; stale or invalid patches change nothing', async () => {
    const course = await makeOpenCourse({ programCode: 'DVM' });
    const enrollment = await makeEnrollment(course);
    const ok = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, attendance: 0.9, score: 8.5 });
    expect(ok.status).to.equal(200);
    expect(ok.body.enrollment).to.include({ attendance: 0.9, score: 8.5, grade: 'good', status: 'completed', lockVersion: 1 });
    expect((await Enrollment.findByPk(enrollment.id))!).to.include({ grade: 'good', status: 'completed' });
    const stale = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, score: 4 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.current).to.include({ score: 8.5, lockVersion: 1 });
    const invalid = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 1, score: 8.25, attendance: 1.5 });
    expect(invalid.status).to.equal(422);
    expect(invalid.body.error.fields).to.have.keys('score', 'attendance');
    expect(Number((await Enrollment.findByPk(enrollment.id))!.score)).to.equal(8.5);
    const failed = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 1, score: 4.5 });
    expect(failed.body.enrollment).to.include({ grade: 'fail', status: 'failed' });
    const cleared = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 2, score: null });
    expect(cleared.body.enrollment).to.include({ grade: null, status: 'enrolled', score: null });
  });

  it('when a withdrawal is patched, then it needs a reason and wins over the results', async () => {
    const course = await makeOpenCourse();
    const enrollment = await makeEnrollment(course, undefined, { status: 'completed', score: 9, grade: 'excellent' });
    const noReason = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, withdraw: {} });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.fields).to.have.property('withdraw.reason');
    const res = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, withdraw: { reason: 'Chuyển công tác' } });
    expect(res.status).to.equal(200);
    expect(res.body.enrollment).to.include({ status: 'withdrawn', grade: null, withdrawReason: 'Chuyển công tác' });
    expect(res.body.enrollment.withdrawnAt).to.match(/^\d{4}-\d{2}-\d{2}T/);
    const results = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 1, score: 7 });
    expect(results.status).to.equal(409);
  });

  it('when results are patched into a course that has not started, or another unit patches, then refused', async () => {
    const planned = await makeEnrollment(await makePlannedCourse());
    const early = await vanLam.patch(`/enrollments/${planned.id}`, { lockVersion: 0, score: 7 });
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.contain('Chỉ nhập kết quả cho lớp đã khai giảng');
    const theirs = await vanGiang.patch(`/enrollments/${planned.id}`, { lockVersion: 0, sendingOrg: 'X' });
    expect(theirs.status).to.equal(404);
    expect((await vanGiang.get(`/enrollments/${planned.id}`)).status).to.equal(404);
    expect((await supertest(app).patch(`/api/v1/enrollments/${planned.id}`).send({ lockVersion: 0 })).status).to.equal(401);
    expect((await Enrollment.findByPk(planned.id))!).to.include({ lockVersion: 0, sendingOrg: null });
  });

  it('when a certificate was issued, then the result and withdrawal are frozen', async () => {
    const course = await makeEndedCourse();
    const enrollment = await makeEnrollment(course, undefined, { status: 'completed', score: 8, grade: 'good' });
    const unit = await unitByCode('TTCTVL');
    await Certificate.create({
      enrollmentId: enrollment.id, unitId: unit.id, year: 2099, seq: Math.floor(Math.random() * 1e6), number: `T/${unique('n')}`, issuedOn: '2099-01-01',
      unitName: 'TRUNG TÂM CHÍNH TRỊ', unitParentBody: 'HUYỆN ỦY VĂN LÂM', signerName: 'A', signerTitle: 'GIÁM ĐỐC', signerAuthority: null, verifyCode: unique('v').padEnd(16, 'x'),
    });
    const res = await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, score: 3 });
    expect(res.status).to.equal(409);
    expect(res.body.error.message).to.contain('Đã cấp giấy chứng nhận');
    expect((await vanLam.patch(`/enrollments/${enrollment.id}`, { lockVersion: 0, withdraw: { reason: 'x' } })).status).to.equal(409);
    expect(Number((await Enrollment.findByPk(enrollment.id))!.score)).to.equal(8);
  });
});
