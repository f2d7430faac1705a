import { expect } from 'chai';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AccountActivation, AuditLog, Session, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn, type Agent } from '../helpers/http.js';
import { codesFrom, makeTraineeUser, qrFromPdf } from '../helpers/portal.js';
import { boardActor, makeUnit } from '../helpers/units.js';
import { recordUnitEvent } from '../../server/units/index.js';

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  return text;
}

const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('trainee accounts issued by staff', () => {
  let app: App;
  let vanLam: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
  });

  it('when a center issues an account for a trainee of its course, then the code is shown once and only its hash is stored', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL' });
    const trainee = await makeTrainee({ fullName: 'Trần Thị Hằng' });
    await makeEnrollment(course, trainee, { status: 'completed' });

    const page = await vanLam.get(`/accounts/courses/${course.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Trần Thị Hằng');
    expect(page.text).to.contain('Chưa có tài khoản');
    expect(page.text, 'the citizen ID is masked on staff pages').not.to.contain(trainee.nationalId!);

    const res = await postForm(vanLam, `/accounts/trainees/${trainee.id}/issue`, {}, `/accounts/courses/${course.id}`);
    expect(res.status).to.equal(201);
    expect(res.headers['cache-control']).to.equal('no-store');
    const [code] = codesFrom(res.text);
    expect(code).to.match(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(res.text).to.contain('Mã chỉ hiện một lần');
    expect(res.text).not.to.contain(trainee.nationalId!);

    const user = await User.findOne({ where: { traineeId: trainee.id } });
    expect(user!.role).to.equal('trainee');
    expect(user!.passwordHash, 'not usable until activated').to.equal(null);
    expect(user!.username).to.equal(`hv${String(trainee.id).padStart(6, '0')}`);
    const activation = await AccountActivation.findOne({ where: { userId: user!.id } });
    expect(activation!.codeHash).to.match(/^[0-9a-f]{64}$/);
    expect(activation!.codeHash).not.to.contain(code!.replace(/-/g, ''));
    const days = (activation!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).to.be.within(29.9, 31.1);

    const plain = code!.replace(/-/g, '');
    const sessions = await Session.findAll();
    expect(sessions.some((s) => (s.data ?? '').includes(plain) || (s.data ?? '').includes(code!)), 'no code in any session').to.equal(false);
    const audits = await AuditLog.findAll({ where: { entityType: 'user', entityId: user!.id } });
    expect(audits.map((a) => a.action).sort()).to.deep.equal(['create', 'issue_code']);
    expect(audits.every((a) => !`${a.afterData}`.includes(plain))).to.equal(true);

    for (const path of [`/accounts/trainees/${trainee.id}`, `/accounts/courses/${course.id}`]) {
      const again = await vanLam.get(path);
      expect(again.status).to.equal(200);
      expect(again.text, `${path} does not show the code again`).not.to.contain(code!);
      expect(codesFrom(again.text)).to.deep.equal([]);
    }
    expect((await vanLam.get(`/accounts/trainees/${trainee.id}`)).text).to.contain('Chờ kích hoạt');
  });

  it('when staff of another unit issue an account for a trainee outside their courses, then 404 and nothing is stored', async () => {
    // A year of its own, so the accounts list filtered by it shows this course on its first page.
    const course = await makeCourse({ unitCode: 'TTCTVL', startDate: '2033-05-09', endDate: '2033-05-13' });
    const trainee = await makeTrainee();
    await makeEnrollment(course, trainee);
    const khoaiChau = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTKC' })).username);

    expect((await khoaiChau.get(`/accounts/trainees/${trainee.id}`)).status).to.equal(404);
    expect((await khoaiChau.get(`/accounts/courses/${course.id}`)).status).to.equal(404);
    const one = await postForm(khoaiChau, `/accounts/trainees/${trainee.id}/issue`, {}, '/accounts');
    expect(one.status).to.equal(404);
    const all = await postForm(khoaiChau, `/accounts/courses/${course.id}/issue`, {}, '/accounts');
    expect(all.status).to.equal(404);
    expect(await User.count({ where: { traineeId: trainee.id } })).to.equal(0);

    expect((await khoaiChau.get('/accounts?year=2033')).text).not.to.contain(course.name);
    expect((await vanLam.get('/accounts?year=2033')).text).to.contain(course.name);
  });

  it('when the admin issues an account for any trainee, then it is allowed', async () => {
    const course = await makeCourse({ unitCode: 'TTCTPC' });
    const trainee = await makeTrainee();
    await makeEnrollment(course, trainee);
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const res = await postForm(admin, `/accounts/trainees/${trainee.id}/issue`, {}, '/accounts');
    expect(res.status).to.equal(201);
    expect(codesFrom(res.text)).to.have.length(1);
  });

  it('when a trainee has no citizen ID, then the page explains why and issuing is refused', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL' });
    const trainee = await makeTrainee({ nationalId: null });
    await makeEnrollment(course, trainee);
    const page = await vanLam.get(`/accounts/trainees/${trainee.id}`);
    expect(page.text).to.contain('chưa có số CCCD trong hồ sơ nên chưa thể cấp tài khoản');
    expect(page.text).not.to.contain(`/accounts/trainees/${trainee.id}/issue`);
    const res = await postForm(vanLam, `/accounts/trainees/${trainee.id}/issue`, {}, `/accounts/trainees/${trainee.id}`);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('chưa có số CCCD');
    expect(res.text, 'the trainee page is redrawn, not an error page').to.contain(`Tài khoản của học viên: ${trainee.fullName}`);
    expect(await User.count({ where: { traineeId: trainee.id } })).to.equal(0);
  });

  it('when a whole course is issued, then each trainee without an account gets one; others are left alone and named', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL' });
    const a = await makeTrainee();
    const b = await makeTrainee();
    const noId = await makeTrainee({ fullName: 'Lê Văn Không Số', nationalId: null });
    const had = await makeTrainee();
    for (const t of [a, b, noId, had]) await makeEnrollment(course, t);
    const existing = await makeTraineeUser(had);

    const page = await vanLam.get(`/accounts/courses/${course.id}`);
    expect(page.text).to.contain('Cấp tài khoản cho cả lớp (2 học viên chưa có)');
    const res = await postForm(vanLam, `/accounts/courses/${course.id}/issue`, {}, `/accounts/courses/${course.id}`);
    expect(res.status).to.equal(201);
    expect(codesFrom(res.text)).to.have.length(2);
    expect(res.text).to.contain('Lê Văn Không Số');
    expect(res.text).to.contain('1 học viên đã có tài khoản từ trước');
    expect(await User.count({ where: { traineeId: [a.id, b.id] } })).to.equal(2);
    expect(await User.count({ where: { traineeId: noId.id } })).to.equal(0);
    expect(await AccountActivation.count({ where: { userId: existing.id } }), 'an existing account keeps its state').to.equal(0);

    const again = await postForm(vanLam, `/accounts/courses/${course.id}/issue`, {}, `/accounts/courses/${course.id}`);
    expect(again.status, 'nothing left to issue').to.equal(303);
    expect(again.headers.location).to.equal(`/accounts/courses/${course.id}`);
  });

  it('when slips are printed, then the PDF holds name, masked citizen ID, code and the activation address, never the full ID', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL' });
    const trainees = [await makeTrainee({ fullName: 'Nguyễn Thị Ánh Tuyết' }), await makeTrainee(), await makeTrainee(), await makeTrainee(), await makeTrainee()];
    for (const t of trainees) await makeEnrollment(course, t);
    const res = await postForm(vanLam, `/accounts/courses/${course.id}/issue`, {}, `/accounts/courses/${course.id}`);
    const codes = codesFrom(res.text);
    expect(codes).to.have.length(5);

    const fields = [...res.text.matchAll(/name="(slips\[\d+\]\[(?:userId|code)\])" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]);
    const form = Object.fromEntries([...fields, ['_csrf', csrfFrom(res.text)]]);
    const pdf = await vanLam.post('/accounts/slips').type('form').send(form).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['cache-control']).to.equal('no-store');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).to.contain('PHIẾU KÍCH HOẠT TÀI KHOẢN HỌC VIÊN');
    expect(text).to.contain('Nguyễn Thị Ánh Tuyết');
    expect(text).to.contain('/activate');
    for (const code of codes) expect(text).to.contain(code);
    for (const t of trainees) {
      expect(text).not.to.contain(t.nationalId!);
      expect(text).to.contain(`${t.nationalId!.slice(0, 4)}******${t.nationalId!.slice(-2)}`);
    }

    expect(await qrFromPdf(pdf.body as Buffer), 'the QR leads to the activation page, without the code').to.equal('http://localhost:3000/activate');

    // A forged or out-of-date code is not printed.
    const forged = { ...form, 'slips[0][code]': 'AAAA-AAAA-AA' };
    const refused = await vanLam.post('/accounts/slips').type('form').send(forged);
    expect(refused.status).to.equal(422);
  });

  it('when a trainee, or an anonymous visitor, opens the account pages, then they are refused', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL' });
    const trainee = await makeTrainee();
    await makeEnrollment(course, trainee);
    const self = await signIn(app, (await makeTraineeUser(trainee)).username);
    for (const path of ['/accounts', `/accounts/courses/${course.id}`, `/accounts/trainees/${trainee.id}`]) {
      expect((await self.get(path)).status, path).to.equal(403);
    }
    expect((await postForm(self, `/accounts/trainees/${trainee.id}/issue`, {}, '/me')).status).to.equal(403);
    const anonymous = await supertest(app).get('/accounts');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
  });

  it('when a unit has been merged into another, then the successor’s staff open the account page and the record of a trainee of the old unit’s course; a third unit gets 404', async () => {
    const predecessor = await makeUnit({ validFrom: '2157-01-01' });
    const successor = await makeUnit({ validFrom: '2157-01-01' });
    const course = await makeCourse({ unitCode: predecessor.code, startDate: '2157-03-02', endDate: '2157-03-06', status: 'finished' });
    const trainee = await makeTrainee({ fullName: 'Lê Văn Kế', unitCode: predecessor.code });
    await makeEnrollment(course, trainee, { status: 'completed' });
    await recordUnitEvent(await boardActor(), predecessor.id, { kind: 'merge', effectiveDate: '2157-07-01', decisionNumber: '57-QĐ/TU', successorIds: [successor.id] });
    const heirs = await signIn(app, (await makeUser({ role: 'center', unitCode: successor.code })).username);

    const account = await heirs.get(`/accounts/trainees/${trainee.id}`);
    expect(account.status).to.equal(200);
    expect(account.text).to.contain('Lê Văn Kế');
    expect(account.text).to.contain(`href="/accounts/courses/${course.id}"`);
    const record = await heirs.get(`/trainees/${trainee.id}/record.pdf`).buffer(true).parse(binary);
    expect(record.status).to.equal(200);
    expect(await pdfText(record.body as Buffer)).to.contain('Lê Văn Kế');
    expect((await vanLam.get(`/accounts/trainees/${trainee.id}`)).status).to.equal(404);
    expect((await vanLam.get(`/trainees/${trainee.id}/record.pdf`)).status).to.equal(404);
  });
});
