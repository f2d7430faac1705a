import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, CorrectionRequest, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unitByCode } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { makeCertificate } from '../helpers/certificates.js';

/** A trainee with courses in two units and two years: one certified (valid), one replaced, one failed. */
async function traineeWithHistory(fullName = 'Đặng Thị Thu Hà') {
  const trainee = await makeTrainee({ fullName, unitCode: 'TTCTVL', birthDate: '1987-11-23' });
  await Trainee.update({ phone: '0912345678', workplace: 'UBND xã Lạc Đạo', partyStatus: 'probationary' }, { where: { id: trainee.id } });
  const vanLam = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 3 năm 2023', startDate: '2023-04-10', endDate: '2023-04-14' });
  const khoaiChau = await makeCourse({ unitCode: 'TTCTKC', programCode: 'DVM', name: 'Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới khóa 1 năm 2024', startDate: '2024-06-03', endDate: '2024-06-09' });
  const other = await makeCourse({ unitCode: 'TTCTKC', programCode: 'LSD', name: 'Lớp chuyên đề lịch sử Đảng bộ khóa 2 năm 2024', startDate: '2024-09-03', endDate: '2024-09-07' });
  const e2023 = await makeEnrollment(vanLam, trainee, { status: 'completed', score: 8.5, grade: 'good', attendance: 1 });
  const e2024 = await makeEnrollment(khoaiChau, trainee, { status: 'completed', score: 9.2, grade: 'excellent', attendance: 0.857 });
  const failed = await makeEnrollment(other, trainee, { status: 'failed', score: 4.5, grade: 'fail', attendance: 0.9 });
  const replaced = await makeCertificate(e2023, { status: 'replaced' });
  const valid2023 = await makeCertificate(e2023, { replacesId: replaced.id });
  const valid2024 = await makeCertificate(e2024);
  const user = await makeTraineeUser(trainee);
  return { trainee, user, e2023, e2024, failed, replaced, valid2023, valid2024, courses: { vanLam, khoaiChau, other } };
}

describe('"Hồ sơ của tôi": the trainee\'s own record', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when a trainee signs in, then their home is their record: every unit and year, results, certificates and masked personal data', async () => {
    const h = await traineeWithHistory();
    const agent = await signIn(app, h.user.username);
    const home = await agent.get('/');
    expect(home.status).to.equal(303);
    expect(home.headers.location).to.equal('/me');

    const res = await agent.get('/me');
    expect(res.status).to.equal(200);
    const html = res.text;
    expect(html).to.contain('Hồ sơ của tôi');
    expect(html).to.contain('data-year="2023"');
    expect(html).to.contain('data-year="2024"');
    for (const course of Object.values(h.courses)) expect(html).to.contain(course.name);
    expect(html).to.contain('Trung tâm Chính trị huyện Văn Lâm');
    expect(html).to.contain('Trung tâm Chính trị huyện Khoái Châu');
    expect(html).to.contain('85,7%');
    expect(html).to.contain('9,2');
    expect(html).to.contain('Xuất sắc');
    expect(html).to.contain('Không hoàn thành');

    expect(html).to.contain(`href="/certificates/${h.valid2023.id}.pdf"`);
    expect(html).to.contain(`href="/certificates/${h.valid2024.id}.pdf"`);
    expect(html, 'a replaced certificate is listed but not offered').not.to.contain(`/certificates/${h.replaced.id}.pdf`);
    expect(html).to.contain(h.replaced.number);
    expect(html).to.contain('Đã được cấp lại');
    expect(html).to.contain(`href="/trainees/${h.trainee.id}/record.pdf"`);

    expect(html).to.contain('23/11/1987');
    expect(html).to.contain('0912345678');
    expect(html).to.contain('Đảng viên dự bị');
    expect(html).not.to.contain(h.trainee.nationalId!);
    expect(html).to.contain(`${h.trainee.nationalId!.slice(0, 4)}******${h.trainee.nationalId!.slice(-2)}`);
    expect(html).to.contain(`/me/corrections/new?enrollmentId=${h.e2024.id}`);
  });

  it("when a trainee tries another trainee's record or any staff page, then 403 or 404, and nothing is written", async () => {
    const me = await traineeWithHistory();
    const other = await traineeWithHistory('Vũ Minh Khôi');
    const agent = await signIn(app, me.user.username);

    const page = await agent.get('/me');
    expect(page.text).not.to.contain(other.valid2024.number);
    expect(page.text).not.to.contain('Vũ Minh Khôi');
    expect(page.text).not.to.contain(`/trainees/${other.trainee.id}/`);

    const form = await agent.get(`/me/corrections/new?enrollmentId=${other.e2024.id}`);
    expect(form.status).to.equal(200);
    expect(form.text, "another trainee's enrollment is not offered").not.to.contain(`value="${other.e2024.id}" selected`);
    const post = await postForm(agent, '/me/corrections', { enrollmentId: other.e2024.id, message: 'Sửa giúp' }, '/me');
    expect(post.status).to.equal(404);
    expect(await CorrectionRequest.count({ where: { enrollmentId: other.e2024.id } })).to.equal(0);

    const theirRequest = await CorrectionRequest.create({ traineeId: other.trainee.id, enrollmentId: null, unitId: (await unitByCode('TTCTVL')).id, message: 'x', createdBy: other.user.id });
    for (const path of ['/users', '/accounts', `/accounts/trainees/${other.trainee.id}`, `/accounts/courses/${other.courses.vanLam.id}`, '/corrections', `/corrections/${theirRequest.id}`]) {
      const res = await agent.get(path);
      expect([403, 404], path).to.include(res.status);
      expect(res.text, path).not.to.contain('Vũ Minh Khôi');
    }
    const resolve = await postForm(agent, `/corrections/${theirRequest.id}/resolve`, { note: 'xong' }, '/me');
    expect(resolve.status).to.equal(403);
    expect((await CorrectionRequest.findByPk(theirRequest.id))!.status).to.equal('open');
  });

  it('when staff open the trainee pages, then they are refused: /me is for trainees', async () => {
    const center = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    expect((await center.get('/me')).status).to.equal(403);
    const anonymous = await supertest(app).get('/me');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
  });
});

describe('correction requests', () => {
  let app: App;
  let vanLamStaff: Agent;
  let khoaiChauStaff: Agent;
  before(async () => {
    app = makeApp();
    vanLamStaff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    khoaiChauStaff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTKC' })).username);
  });

  it('when a trainee reports a mistake in an enrollment, then it reaches the course unit, which resolves it with a note the trainee sees', async () => {
    const h = await traineeWithHistory();
    const agent = await signIn(app, h.user.username);
    const form = await agent.get(`/me/corrections/new?enrollmentId=${h.e2024.id}`);
    expect(form.text).to.contain(`value="${h.e2024.id}" selected`);

    const res = await postForm(agent, '/me/corrections', { enrollmentId: h.e2024.id, message: 'Điểm của tôi là 9,5 chứ không phải 9,2.\nXin kiểm tra lại.' }, '/me');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/me#requests');
    const request = await CorrectionRequest.findOne({ where: { traineeId: h.trainee.id } });
    expect(request!.unitId).to.equal((await unitByCode('TTCTKC')).id);
    expect(request!.enrollmentId).to.equal(h.e2024.id);
    expect(request!.status).to.equal('open');
    expect(request!.message).to.equal('Điểm của tôi là 9,5 chứ không phải 9,2.\nXin kiểm tra lại.');
    const created = await AuditLog.findOne({ where: { entityType: 'correction_request', entityId: request!.id, action: 'create' } });
    expect(created!.userId).to.equal(h.user.id);
    expect(created!.afterData, 'the free text stays out of the audit log').not.to.contain('9,5');

    const mine = await agent.get('/me');
    expect(mine.text).to.contain('Đã gửi yêu cầu tới Trung tâm Chính trị huyện Khoái Châu');
    expect(mine.text).to.contain('Đang chờ xử lý');

    const list = await khoaiChauStaff.get('/corrections');
    expect(list.status).to.equal(200);
    expect(list.text).to.contain(`data-request="${request!.id}" data-status="open"`);
    expect(list.text).to.contain('Đặng Thị Thu Hà');
    expect(list.text).to.contain(h.courses.khoaiChau.name);
    const elsewhere = await vanLamStaff.get('/corrections');
    expect(elsewhere.text, 'another unit does not see it').not.to.contain(`data-request="${request!.id}"`);
    expect((await vanLamStaff.get(`/corrections/${request!.id}`)).status).to.equal(404);
    const foreign = await postForm(vanLamStaff, `/corrections/${request!.id}/resolve`, { note: 'Không phải của tôi' }, '/corrections');
    expect(foreign.status).to.equal(404);
    expect((await CorrectionRequest.findByPk(request!.id))!.status).to.equal('open');

    const empty = await postForm(khoaiChauStaff, `/corrections/${request!.id}/resolve`, { note: '  ' }, `/corrections/${request!.id}`);
    expect(empty.status).to.equal(422);
    expect(empty.text, 'the request page is redrawn with the error beside the field').to.contain('id="e-note"');
    expect(empty.text).to.contain('Điểm của tôi là 9,5');

    const done = await postForm(khoaiChauStaff, `/corrections/${request!.id}/resolve`, { note: 'Đã sửa điểm thành 9,5 theo biên bản chấm.' }, `/corrections/${request!.id}`);
    expect(done.status).to.equal(303);
    const row = await CorrectionRequest.findByPk(request!.id);
    expect(row!.status).to.equal('resolved');
    expect(row!.resolutionNote).to.equal('Đã sửa điểm thành 9,5 theo biên bản chấm.');
    expect(row!.resolvedAt).to.be.instanceOf(Date);
    const audit = await AuditLog.findOne({ where: { entityType: 'correction_request', entityId: request!.id, action: 'resolve' } });
    expect(audit!.unitId).to.equal((await unitByCode('TTCTKC')).id);
    expect(JSON.parse(audit!.afterData!)).to.include({ status: 'resolved' });

    const twice = await postForm(khoaiChauStaff, `/corrections/${request!.id}/resolve`, { note: 'lần nữa' }, `/corrections/${request!.id}`);
    expect(twice.status).to.equal(409);

    const after = await agent.get('/me');
    expect(after.text).to.contain(`data-request="${request!.id}" data-status="resolved"`);
    expect(after.text).to.contain('Đã sửa điểm thành 9,5 theo biên bản chấm.');
  });

  it('when a trainee reports a mistake in their personal data, then it reaches the unit that entered the trainee record; the board sees it too', async () => {
    const h = await traineeWithHistory();
    const agent = await signIn(app, h.user.username);
    const res = await postForm(agent, '/me/corrections', { enrollmentId: '', message: 'Quê quán của tôi là xã Lạc Hồng.' }, '/me');
    expect(res.status).to.equal(303);
    const request = await CorrectionRequest.findOne({ where: { traineeId: h.trainee.id } });
    expect(request!.enrollmentId).to.equal(null);
    expect(request!.unitId).to.equal(h.trainee.createdByUnitId);
    expect((await vanLamStaff.get('/corrections?status=open')).text).to.contain(`data-request="${request!.id}"`);
    expect((await khoaiChauStaff.get('/corrections')).text).not.to.contain(`data-request="${request!.id}"`);
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const all = await admin.get('/corrections');
    expect(all.text).to.contain(`data-request="${request!.id}"`);
    expect(all.text).to.contain('Trung tâm Chính trị huyện Văn Lâm');
  });

  it('when the message is empty, then the form says so and nothing is stored', async () => {
    const h = await traineeWithHistory();
    const agent = await signIn(app, h.user.username);
    const res = await postForm(agent, '/me/corrections', { message: '   ' }, '/me');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-message"');
    expect(await CorrectionRequest.count({ where: { traineeId: h.trainee.id } })).to.equal(0);
  });

  it('when a trainee already has ten open requests, then an eleventh is refused', async () => {
    const h = await traineeWithHistory();
    const unitId = (await unitByCode('TTCTVL')).id;
    for (let i = 0; i < 10; i++) await CorrectionRequest.create({ traineeId: h.trainee.id, enrollmentId: null, unitId, message: `#${i}`, createdBy: h.user.id });
    const agent = await signIn(app, h.user.username);
    const res = await postForm(agent, '/me/corrections', { message: 'Thêm một yêu cầu' }, '/me');
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('10 yêu cầu chưa được xử lý');
    expect(await CorrectionRequest.count({ where: { traineeId: h.trainee.id } })).to.equal(10);
  });
});
