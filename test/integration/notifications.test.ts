// Issue #13 item 3: the same events by e-mail, through a local SMTP sink on a random port. A unit of its own
// (2043–2049) and a plan year of its own (2047). The mail carries the recipient's name, the event and a link:
// never the trainee's citizen ID or birth date.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { CorrectionRequest, Plan, User, type Unit } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unique } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { startMailSink, type MailSink } from '../helpers/mail-sink.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { makePlan } from '../helpers/report-fixture.js';
import { makeUnit } from '../helpers/units.js';

const Y = 2047;
const PUBLIC = 'http://daotao.test';
const address = () => `${unique('m').toLowerCase()}@donvi.test`;

async function withEmail(agent: Agent, email: string): Promise<void> {
  const res = await postForm(agent, '/account/email', { email }, '/account');
  expect(res.status, res.text).to.equal(303);
}

describe('notifications by e-mail (issue #13 item 3)', () => {
  let sink: MailSink;
  let app: App;
  let A: Unit;
  let B: Unit;
  let admin: Agent;
  let staffA: Agent;
  let adminMail: string;
  let staffMail: string;
  let otherUnitMail: string;
  let adminName: string;
  let staffName: string;

  before(async () => {
    sink = await startMailSink();
    app = makeApp({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Ban Tuyên giáo <daotao@btg.test>', PUBLIC_URL: PUBLIC });
    A = await (await makeUnit({ validFrom: '2043-01-01' })).update({ validTo: '2049-12-31' });
    B = await (await makeUnit({ validFrom: '2043-01-01' })).update({ validTo: '2049-12-31' });
    const adminUser = await makeUser({ role: 'admin' });
    const staffUser = await makeUser({ role: 'center', unitCode: A.code });
    await adminUser.update({ fullName: 'Trần Thị Bình' });
    await staffUser.update({ fullName: 'Lê Văn Cường' });
    [adminName, staffName] = [adminUser.fullName, staffUser.fullName];
    admin = await signIn(app, adminUser.username);
    staffA = await signIn(app, staffUser.username);
    [adminMail, staffMail, otherUnitMail] = [address(), address(), address()];
    await withEmail(admin, adminMail);
    await withEmail(staffA, staffMail);
    await withEmail(await signIn(app, (await makeUser({ role: 'center', unitCode: B.code })).username), otherUnitMail);
  });

  after(() => sink.close());

  it('when nothing is configured, then e-mail is off; SMTP_URL without MAIL_FROM refuses to start', () => {
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:' }).mail).to.equal(null);
    expect(() => loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:', SMTP_URL: 'smtp://127.0.0.1:25' })).to.throw(/MAIL_FROM/);
  });

  it('when a user types a wrong address on /account, then 422 with the error next to the field and nothing saved', async () => {
    const res = await postForm(staffA, '/account/email', { email: 'không-phải-thư' }, '/account');
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="e-email" class="invalid-feedback">Địa chỉ thư điện tử không hợp lệ/);
    expect(res.text).to.include('value="không-phải-thư"');
    const row = await User.findOne({ where: { email: staffMail } });
    expect(row?.fullName).to.equal(staffName);
    expect((await staffA.get('/account')).text).to.include(`value="${staffMail}"`);
  });

  it('when signed out, then the address cannot be set; a blank address removes it', async () => {
    const anonymous = await supertest(app).post('/account/email').type('form').send({ email: address() });
    expect(anonymous.status).to.equal(403);
    const extra = await makeUser({ role: 'center', unitCode: B.code });
    const agent = await signIn(app, extra.username);
    await withEmail(agent, address());
    expect((await extra.reload()).email).to.match(/@donvi\.test$/);
    await withEmail(agent, '');
    expect((await extra.reload()).email).to.equal(null);
  });

  it("when A's staff submit a plan, then the board's user is mailed with their name and a link", async () => {
    const plan = await makePlan(A.code, Y, 1, 'draft', [{ program: 'NTVD', courses: 2, trainees: 160 }]);
    const res = await postForm(staffA, `/plans/${plan.id}/submit`, {}, `/plans/${plan.id}`);
    expect(res.status, res.text).to.equal(303);
    const mail = await sink.next(adminMail);
    expect(mail.subject).to.equal(`Kế hoạch năm ${Y} của ${A.name} chờ phê duyệt`);
    expect(mail.text).to.include(`Kính gửi ${adminName},`);
    expect(mail.text).to.include(`${PUBLIC}/plans/${plan.id}`);
    expect(sink.mails.some((m) => m.to.includes(staffMail))).to.equal(false);
  });

  it("when the board returns it, then A's staff are mailed, and another unit's staff are not", async () => {
    const plan = (await Plan.findOne({ where: { unitId: A.id, year: Y } }))!;
    const res = await postForm(admin, `/plans/${plan.id}/return`, { reason: 'Thiếu chỉ tiêu quý' }, `/plans/${plan.id}`);
    expect(res.status, res.text).to.equal(303);
    const mail = await sink.next(staffMail);
    expect(mail.subject).to.equal(`Kế hoạch năm ${Y} của ${A.name} bị trả lại`);
    expect(mail.text).to.include(`Kính gửi ${staffName},`).and.include(`${PUBLIC}/plans/${plan.id}`);
    expect(sink.mails.some((m) => m.to.includes(otherUnitMail))).to.equal(false);
  });

  it("when the board issues an urging to A, then A's staff are mailed its number and link", async () => {
    const res = await postForm(admin, '/urgings/new', {
      year: Y, asOf: `${Y}-06-30`, date: `${Y}-07-01`, deadline: `${Y}-07-31`, docType: 'TB', subject: `V/v đôn đốc năm ${Y}`, units: [A.code], intent: 'issue',
    }, '/urgings/new');
    expect(res.status, res.text).to.equal(303);
    const id = /\/urgings\/(\d+)$/.exec(res.headers.location!)![1];
    const mail = await sink.next(staffMail);
    expect(mail.subject).to.match(/^Văn bản đôn đốc số \d+-TB\/BTGTU$/);
    expect(mail.text).to.include(`Kính gửi ${staffName},`).and.include(`${PUBLIC}/urgings/${id}`);
  });

  it('when A answers a trainee’s correction request, then the trainee is mailed with their name and no personal data', async () => {
    const trainee = await makeTrainee({ unitCode: A.code, fullName: 'Phạm Thị Dung', birthDate: '1988-11-23' });
    const user = await makeTraineeUser(trainee);
    const traineeMail = address();
    await withEmail(await signIn(app, user.username), traineeMail);
    const course = await makeCourse({ unitCode: A.code, startDate: `${Y}-03-01`, endDate: `${Y}-03-05` });
    const enrollment = await makeEnrollment(course, trainee, { status: 'completed', score: 8, grade: 'good', attendance: 1 });
    const request = await CorrectionRequest.create({ traineeId: trainee.id, enrollmentId: enrollment.id, unitId: A.id, message: `CCCD ${trainee.nationalId}`, createdBy: user.id });
    const res = await postForm(staffA, `/corrections/${request.id}/resolve`, { note: `Đã sửa theo CCCD ${trainee.nationalId}` }, `/corrections/${request.id}`);
    expect(res.status, res.text).to.equal(303);
    const mail = await sink.next(traineeMail);
    expect(mail.subject).to.equal(`Yêu cầu sửa sai sót số ${request.id} đã được trả lời`);
    expect(mail.text).to.include('Kính gửi Phạm Thị Dung,').and.include(`${PUBLIC}/me#requests`);
    expect(mail.text).not.to.include(trainee.nationalId!);
    expect(mail.text).not.to.include(trainee.nationalId!.slice(-4));
    expect(mail.text).not.to.match(/1988|23\/11/);
  });

  it('when the SMTP server cannot be reached, then the action still succeeds', async () => {
    await sink.close();
    const plan = (await Plan.findOne({ where: { unitId: A.id, year: Y } }))!;
    const res = await postForm(staffA, `/plans/${plan.id}/submit`, {}, `/plans/${plan.id}`);
    expect(res.status, res.text).to.equal(303);
    await app.notifications.idle();
    expect((await plan.reload()).status).to.equal('submitted');
    expect((await staffA.get('/')).status).to.equal(200);
  });
});
