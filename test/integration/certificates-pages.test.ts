import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Certificate, CertificateCounter } from '../../server/db/models.js';
import { todayInVietnam, formatDate } from '../../server/lib/format.js';
import { makeApp } from '../helpers/app.js';
import { makeCourseWithResults, SIGNER, withSigner } from '../helpers/certificates.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn, type Agent } from '../helpers/http.js';

const today = todayInVietnam();
const year = Number(today.slice(0, 4));
const flashOf = (html: string) => /<div class="alert alert-\w+ alert-dismissible[^>]*>\s*([^<]+?)\s*<button/.exec(html)?.[1];

describe('certificate pages', () => {
  let app: App;
  let vanLam: Agent;
  let vanGiang: Agent;
  let unitId: number;
  before(async () => {
    app = makeApp();
    unitId = (await withSigner('TTCTVL')).id;
    vanLam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    vanGiang = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
  });

  async function issued(completed = 2) {
    const fixture = await makeCourseWithResults({ unitCode: 'TTCTVL', completed });
    const res = await postForm(vanLam, `/courses/${fixture.course.id}/certificates`, {});
    expect(res.status).to.equal(303);
    const rows = await Certificate.findAll({ where: { enrollmentId: fixture.completed.map((e) => e.id) }, order: [['seq', 'ASC']] });
    return { ...fixture, rows };
  }

  it("when staff open a finished course's certificates, then the page says how many are waiting and offers the issue button", async () => {
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 3 });
    const res = await vanLam.get(`/courses/${course.id}/certificates`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('3 học viên hoàn thành chưa được cấp giấy chứng nhận.');
    expect(res.text).to.contain(`action="/courses/${course.id}/certificates"`);
    expect(res.text).to.contain('Cấp giấy chứng nhận cho tất cả học viên hoàn thành');
    expect(res.text).to.contain('Lớp chưa có giấy chứng nhận nào.');
    expect(res.text).to.contain(`href="/courses/${course.id}"`);
  });

  it('when staff issue for all, then the certificates are stored, the flash names the numbers, and the register lists them', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 3 });
    const before = (await CertificateCounter.findOne({ where: { unitId, year } }))?.lastSeq ?? 0;

    const res = await postForm(vanLam, `/courses/${course.id}/certificates`, {}, `/courses/${course.id}/certificates`);

    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/courses/${course.id}/certificates`);
    const rows = await Certificate.findAll({ where: { enrollmentId: completed.map((e) => e.id) }, order: [['seq', 'ASC']] });
    expect(rows.map((r) => r.seq)).to.deep.equal([before + 1, before + 2, before + 3]);
    expect(rows.every((r) => r.issuedOn === today && r.year === year && r.signerName === SIGNER.signerName)).to.equal(true);

    const page = await vanLam.get(res.headers.location!);
    expect(flashOf(page.text)).to.equal(`Đã cấp 3 giấy chứng nhận, từ số ${rows[0]!.number} đến số ${rows[2]!.number}.`);
    for (const row of rows) expect(page.text).to.contain(`<a href="/certificates/${row.id}">${row.number}</a>`);
    expect(page.text).to.contain(formatDate(today));
    expect(page.text).to.contain('Còn hiệu lực');
    expect(page.text).to.contain('Mọi học viên hoàn thành của lớp đã có giấy chứng nhận.');
    expect(page.text).to.contain(`href="/courses/${course.id}/certificates.pdf"`);
    expect(page.text).not.to.contain(`action="/courses/${course.id}/certificates"`);
  });

  it('when staff issue again, then nothing new is issued and the flash says so', async () => {
    const { course, rows } = await issued(2);
    const res = await postForm(vanLam, `/courses/${course.id}/certificates`, {});
    expect(res.status).to.equal(303);
    expect(flashOf((await vanLam.get(res.headers.location!)).text)).to.equal(
      'Không cấp thêm giấy chứng nhận nào: lớp không còn học viên hoàn thành nào chưa có giấy chứng nhận.',
    );
    expect(await Certificate.count({ where: { enrollmentId: rows.map((r) => r.enrollmentId) } })).to.equal(2);
  });

  it('when the course has not finished, then 409 and the register page shows why, with nothing issued', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1, status: 'open' });
    const page = await vanLam.get(`/courses/${course.id}/certificates`);
    expect(page.text).to.contain('Chỉ cấp giấy chứng nhận khi lớp đã kết thúc.');
    expect(page.text).not.to.contain(`action="/courses/${course.id}/certificates"`);
    const res = await postForm(vanLam, `/courses/${course.id}/certificates`, {});
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`Lớp &quot;${course.name}&quot; chưa kết thúc. Chỉ cấp giấy chứng nhận cho lớp đã kết thúc.`);
    expect(res.text, 'the register is drawn again around the message').to.contain('<h1 class="h3 mb-1">Giấy chứng nhận của lớp</h1>');
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it('when the unit has no signer, then the page links to the unit settings and an issue is refused with 409', async () => {
    const unit = await withSigner('TTCTKC', { signerName: null });
    const khoaiChau = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTKC' })).username);
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTKC', completed: 1 });
    const page = await khoaiChau.get(`/courses/${course.id}/certificates`);
    expect(page.text).to.contain('Chưa cấp được: đơn vị chưa khai báo người ký giấy chứng nhận.');
    expect(page.text).to.contain(`href="/units/${unit.id}"`);
    const res = await postForm(khoaiChau, `/courses/${course.id}/certificates`, {});
    expect(res.status).to.equal(409);
    expect(res.text).to.contain(`trang thiết lập đơn vị (/units/${unit.id})`);
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it('when the program leads to no certificate, then the page says so and offers no button', async () => {
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1, programCode: 'CNKT' });
    const page = await vanLam.get(`/courses/${course.id}/certificates`);
    expect(page.text).to.contain('Chương trình này không cấp giấy chứng nhận.');
    expect(page.text).not.to.contain(`action="/courses/${course.id}/certificates"`);
  });

  it("when a certificate's page is opened, then it shows the number, holder, course, the unit as named on the day, the signer, the forms and the history", async () => {
    const { course, rows } = await issued(1);
    const c = rows[0]!;
    const res = await vanLam.get(`/certificates/${c.id}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(`Giấy chứng nhận số ${c.number}`);
    expect(res.text).to.contain(course.name);
    expect(res.text).to.contain('Bồi dưỡng nhận thức về Đảng');
    expect(res.text).to.contain('<div data-issuer-line="superior">HUYỆN ỦY VĂN LÂM</div><div class="fw-semibold" data-issuer-line="name">TRUNG TÂM CHÍNH TRỊ</div>');
    expect(res.text).to.contain(`GIÁM ĐỐC<br>${SIGNER.signerName}`);
    expect(res.text).to.contain(c.verifyCode);
    expect(res.text).to.contain(`action="/certificates/${c.id}/reissue"`);
    expect(res.text).to.contain(`action="/certificates/${c.id}/revoke"`);
    expect(res.text).to.contain(`href="/certificates/${c.id}.pdf"`);
    expect(res.text).to.contain('Lịch sử thay đổi');
    expect(res.text).to.match(/<td>Cấp<\/td>/);
  });

  it('when a revocation has no reason, then 422 with the error beside the field and the certificate stays valid', async () => {
    const { rows } = await issued(1);
    const res = await postForm(vanLam, `/certificates/${rows[0]!.id}/revoke`, { revokeReason: '  ' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-revokeReason"');
    expect(res.text).to.contain('Vui lòng nhập trường này.');
    expect(await Certificate.findByPk(rows[0]!.id)).to.include({ status: 'valid' });
  });

  it('when staff revoke with a reason, then it is revoked and shown so; revoking again is 409', async () => {
    const { rows } = await issued(1);
    const id = rows[0]!.id;
    const res = await postForm(vanLam, `/certificates/${id}/revoke`, { revokeReason: 'Cấp nhầm người' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/certificates/${id}`);
    expect(await Certificate.findByPk(id)).to.include({ status: 'revoked', revokeReason: 'Cấp nhầm người' });
    const page = await vanLam.get(`/certificates/${id}`);
    expect(flashOf(page.text)).to.equal(`Đã thu hồi giấy chứng nhận số ${rows[0]!.number}.`);
    expect(page.text).to.contain('data-status="revoked"');
    expect(page.text).to.contain('Cấp nhầm người');
    expect(page.text).not.to.contain(`action="/certificates/${id}/revoke"`);
    expect(page.text).to.match(/<td>Thu hồi<\/td>/);

    const again = await postForm(vanLam, `/certificates/${id}/revoke`, { revokeReason: 'Lần nữa' });
    expect(again.status).to.equal(409);
    expect(again.text).to.contain(`Giấy chứng nhận số ${rows[0]!.number} đã bị thu hồi`);
    expect(again.text).to.contain('data-status="revoked"');
    expect(await Certificate.findByPk(id)).to.include({ revokeReason: 'Cấp nhầm người' });
  });

  it('when staff re-issue, then the new certificate opens, linked both ways with the old one, which shows as replaced', async () => {
    const { rows } = await issued(1);
    const old = rows[0]!;
    const res = await postForm(vanLam, `/certificates/${old.id}/reissue`, { reissueReason: 'Mất bản gốc' });
    expect(res.status).to.equal(303);
    const created = await Certificate.findOne({ where: { replacesId: old.id } });
    expect(created).to.include({ status: 'valid', reissueReason: 'Mất bản gốc', enrollmentId: old.enrollmentId });
    expect(res.headers.location).to.equal(`/certificates/${created!.id}`);
    expect(await Certificate.findByPk(old.id)).to.include({ status: 'replaced' });

    const page = await vanLam.get(res.headers.location!);
    expect(flashOf(page.text)).to.equal(`Đã cấp lại giấy chứng nhận số ${created!.number} thay cho số ${old.number}.`);
    expect(page.text).to.contain(`<a href="/certificates/${old.id}">${old.number}</a>`);
    expect(page.text).to.contain('Mất bản gốc');
    const oldPage = await vanLam.get(`/certificates/${old.id}`);
    expect(oldPage.text).to.contain(`href="/certificates/${created!.id}">${created!.number}</a>`);
    expect(oldPage.text).to.contain('data-status="replaced"');
    expect(oldPage.text).not.to.contain(`action="/certificates/${old.id}/reissue"`);

    const again = await postForm(vanLam, `/certificates/${old.id}/reissue`, {});
    expect(again.status).to.equal(409);
    expect(await Certificate.count({ where: { replacesId: old.id } })).to.equal(1);
  });

  it('when the Văn Giang center opens or changes Văn Lâm records, then every page and form answers 404 and nothing changes', async () => {
    const { course, rows } = await issued(1);
    const pending = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const id = rows[0]!.id;
    expect((await vanGiang.get(`/courses/${course.id}/certificates`)).status).to.equal(404);
    expect((await vanGiang.get(`/certificates/${id}`)).status).to.equal(404);
    expect((await postForm(vanGiang, `/courses/${pending.course.id}/certificates`, {})).status).to.equal(404);
    expect((await postForm(vanGiang, `/certificates/${id}/reissue`, { reissueReason: 'x' })).status).to.equal(404);
    expect((await postForm(vanGiang, `/certificates/${id}/revoke`, { revokeReason: 'x' })).status).to.equal(404);
    expect(await Certificate.count({ where: { enrollmentId: pending.completed[0]!.id } })).to.equal(0);
    expect(await Certificate.findByPk(id)).to.include({ status: 'valid' });
    expect(await Certificate.count({ where: { replacesId: id } })).to.equal(0);
  });

  it('when an anonymous visitor comes, then pages send them to sign in and posts change nothing', async () => {
    const { course, rows } = await issued(1);
    const pending = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const anonymous = supertest.agent(app);
    const page = await anonymous.get(`/certificates/${rows[0]!.id}`);
    expect(page.status).to.equal(303);
    expect(page.headers.location).to.equal('/login');
    expect((await anonymous.get(`/courses/${course.id}/certificates`)).headers.location).to.equal('/login');
    const token = csrfFrom((await anonymous.get('/login')).text);
    const post = await anonymous.post(`/courses/${pending.course.id}/certificates`).type('form').send({ _csrf: token });
    expect(post.status).to.equal(401);
    const revoke = await anonymous.post(`/certificates/${rows[0]!.id}/revoke`).type('form').send({ _csrf: token, revokeReason: 'x' });
    expect(revoke.status).to.equal(401);
    expect(await Certificate.count({ where: { enrollmentId: pending.completed[0]!.id } })).to.equal(0);
    expect(await Certificate.findByPk(rows[0]!.id)).to.include({ status: 'valid' });
  });

  it('when a trainee opens their own certificate, then they see it without the forms or the code; another one is 404 and the register 403', async () => {
    const { course, rows, completed } = await issued(2);
    const [mine, theirs] = rows;
    const traineeId = completed.find((e) => e.id === mine!.enrollmentId)!.traineeId;
    const trainee = await signIn(app, (await makeUser({ role: 'trainee', traineeId })).username);
    const res = await trainee.get(`/certificates/${mine!.id}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(mine!.number);
    expect(res.text).not.to.contain(mine!.verifyCode);
    expect(res.text).not.to.contain('/revoke"');
    expect(res.text).not.to.contain('Lịch sử thay đổi');
    expect((await trainee.get(`/certificates/${theirs!.id}`)).status).to.equal(404);
    expect((await trainee.get(`/courses/${course.id}/certificates`)).status).to.equal(403);
    const post = await postForm(trainee, `/certificates/${mine!.id}/revoke`, { revokeReason: 'x' });
    expect(post.status).to.equal(403);
    expect(await Certificate.findByPk(mine!.id)).to.include({ status: 'valid' });
  });

  it('when the board opens any unit\'s register, then it sees it', async () => {
    const { course, rows } = await issued(1);
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const res = await admin.get(`/courses/${course.id}/certificates`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(rows[0]!.number);
  });

  it('when the id is not a number or unknown, then 404; the PDF address is left to its own router', async () => {
    expect((await vanLam.get('/certificates/abc')).status).to.equal(404);
    expect((await vanLam.get('/certificates/99999999')).status).to.equal(404);
    expect((await vanLam.get('/courses/99999999/certificates')).status).to.equal(404);
    const { rows } = await issued(1);
    // Not a 422 from this router's id check: ".pdf" falls through to the router that serves PDFs.
    expect((await vanLam.get(`/certificates/${rows[0]!.id}.pdf`)).status).to.not.equal(422);
  });
});

