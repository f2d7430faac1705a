import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { issueForCourse, reissue, revoke } from '../../server/certificates/index.js';
import { AuditLog } from '../../server/db/models.js';
import { testDb } from '../helpers/db.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCourseWithResults, withSigner } from '../helpers/certificates.js';
import { makeUser, unique, unitByCode } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';

const rowIds = (html: string) => [...html.matchAll(/data-audit-id="(\d+)"/g)].map((m) => Number(m[1]));

/** The page's links to /audit, with the HTML entities Handlebars writes decoded. */
const links = (html: string) => [...html.matchAll(/href="(\/audit[^"]*)"/g)].map((m) => m[1]!.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&'));

async function backdate(id: number, at: string): Promise<void> {
  await testDb().sequelize.query('UPDATE audit_logs SET created_at = :at WHERE id = :id', { replacements: { at: new Date(at), id } });
}

describe('audit log pages', () => {
  let app: App;
  let admin: Agent;
  let vanLamUser: string;
  let vanLamUnit: number;
  let issuedCertificate: { id: number; number: string };
  let replacement: { id: number; number: string };
  let courseId: number;
  let vanGiangCertificate: number;

  before(async () => {
    app = makeApp();
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    vanLamUnit = (await withSigner('TTCTVL')).id;
    await withSigner('TTCTVG');
    const vanLam = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    vanLamUser = vanLam.username;
    const staff = await actorOf(vanLam);
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 2 });
    courseId = course.id;
    const { certificates } = await issueForCourse(staff, course.id);
    issuedCertificate = certificates[0]!;
    replacement = (await reissue(staff, certificates[0]!.id, 'Mất bản gốc')).certificate;
    await revoke(staff, replacement.id, 'In sai năm sinh');

    const vanGiang = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    const other = await makeCourseWithResults({ unitCode: 'TTCTVG', completed: 1 });
    vanGiangCertificate = (await issueForCourse(vanGiang, other.course.id)).certificates[0]!.id;
  });

  it('when the board opens the log for one certificate, then every step shows newest first: who, what, a link and the values before and after', async () => {
    const res = await admin.get(`/audit?entityType=certificate&entityId=${replacement.id}`);
    expect(res.status).to.equal(200);
    const entries = await AuditLog.findAll({ where: { entityType: 'certificate', entityId: replacement.id }, order: [['id', 'DESC']] });
    expect(entries.map((e) => e.action)).to.deep.equal(['revoke', 'reissue']);
    expect(rowIds(res.text)).to.deep.equal(entries.map((e) => e.id));
    expect(res.text).to.contain(vanLamUser);
    expect(res.text).to.contain('<td>Thu hồi</td>');
    expect(res.text).to.contain('<td>Cấp lại</td>');
    expect(res.text).to.contain(`<a href="/certificates/${replacement.id}">#${replacement.id}</a>`);
    expect(res.text).to.contain('>Trạng thái:</span> <del><bdi class="text-prewrap">Còn hiệu lực</bdi></del> → <bdi class="text-prewrap">Đã thu hồi</bdi>');
    expect(res.text).to.contain('In sai năm sinh');
    expect(res.text).to.contain('Trung tâm Chính trị huyện Văn Lâm');
  });

  it('when the board filters by record type and action, then only those entries show', async () => {
    const res = await admin.get(`/audit?entityType=course&action=issue&unitId=${vanLamUnit}`);
    expect(res.status).to.equal(200);
    const courseEntry = await AuditLog.findOne({ where: { entityType: 'course', entityId: courseId, action: 'issue' } });
    expect(rowIds(res.text)).to.include(courseEntry!.id);
    const shown = await AuditLog.findAll({ where: { id: rowIds(res.text) } });
    expect(shown.every((e) => e.entityType === 'course' && e.action === 'issue' && e.unitId === vanLamUnit)).to.equal(true);
    expect(res.text).to.contain(`<a href="/courses/${courseId}">#${courseId}</a>`);
  });

  it('when the board filters by username, then only that account\'s entries show', async () => {
    const res = await admin.get(`/audit?username=${vanLamUser.toUpperCase()}`);
    const shown = await AuditLog.findAll({ where: { id: rowIds(res.text) } });
    expect(shown.length).to.equal(await AuditLog.count({ where: { username: vanLamUser } }));
    expect(shown.every((e) => e.username === vanLamUser)).to.equal(true);
  });

  it('when the board filters by dates, then the Vietnamese calendar days bound the entries, both days included', async () => {
    const tag = unique('backdated');
    const make = (at: string) =>
      AuditLog.create({ userId: null, username: tag, unitId: null, action: 'update', entityType: 'setting', entityId: null, beforeData: null, afterData: '{"x":1}', requestId: null }).then(async (row) => {
        await backdate(row.id, at);
        return row.id;
      });
    const beforeRange = await make('2030-03-09T23:59:00+07:00');
    const firstMinute = await make('2030-03-10T00:00:00+07:00');
    const lastMinute = await make('2030-03-12T23:59:00+07:00');
    const afterRange = await make('2030-03-13T00:00:00+07:00');

    const res = await admin.get(`/audit?username=${tag}&from=2030-03-10&to=12/03/2030`);
    expect(res.status).to.equal(200);
    expect(rowIds(res.text)).to.deep.equal([lastMinute, firstMinute]);
    expect(await AuditLog.count({ where: { id: [beforeRange, afterRange] } }), 'the entries left out exist').to.equal(2);
    expect(res.text).to.contain(`<td>${tag}</td>`);
  });

  it('when the dates are wrong, then 422 with the error beside the field', async () => {
    const bad = await admin.get('/audit?from=31/02/2030');
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="e-from"');
    expect(bad.text).to.contain('Ngày không hợp lệ (dd/mm/yyyy).');
    const reversed = await admin.get('/audit?from=2030-03-12&to=2030-03-10');
    expect(reversed.status).to.equal(422);
    expect(reversed.text).to.contain('Ngày kết thúc phải từ ngày bắt đầu trở đi.');
  });

  it('when there are more entries than a page holds, then pages of 50 run newest first with links between them', async () => {
    const tag = unique('paging');
    const unit = await unitByCode('DUCA');
    await AuditLog.bulkCreate(
      Array.from({ length: 55 }, (_, i) => ({ userId: null, username: tag, unitId: unit.id, action: 'update', entityType: 'course', entityId: i + 1, beforeData: null, afterData: null, requestId: null })),
    );
    const ids = (await AuditLog.findAll({ where: { username: tag }, order: [['id', 'DESC']] })).map((r) => r.id);
    const first = await admin.get(`/audit?username=${tag}`);
    expect(rowIds(first.text)).to.deep.equal(ids.slice(0, 50));
    expect(first.text).to.contain('Trang 1/2');
    expect(links(first.text)).to.include(`/audit?username=${tag}&page=2`);
    const second = await admin.get(`/audit?username=${tag}&page=2`);
    expect(rowIds(second.text)).to.deep.equal(ids.slice(50));
  });

  it("when a center opens the log, then it sees its own unit's entries only, even when it asks for another unit", async () => {
    const vanGiang = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
    const own = await vanGiang.get(`/audit?entityType=certificate&entityId=${vanGiangCertificate}`);
    expect(own.status).to.equal(200);
    expect(rowIds(own.text)).to.have.length(1);
    const foreign = await vanGiang.get(`/audit?entityType=certificate&entityId=${issuedCertificate.id}`);
    expect(rowIds(foreign.text)).to.deep.equal([]);
    expect(foreign.text).to.contain('Không có mục nhật ký nào khớp điều kiện lọc.');
    const asked = await vanGiang.get(`/audit?unitId=${vanLamUnit}`);
    const shown = await AuditLog.findAll({ where: { id: rowIds(asked.text) } });
    const vanGiangUnit = (await unitByCode('TTCTVG')).id;
    expect(shown.length).to.be.greaterThan(0);
    expect(shown.every((e) => e.unitId === vanGiangUnit)).to.equal(true);
    expect(asked.text).not.to.contain('id="f-unitId"');
  });

  it('when a trainee or an anonymous visitor opens the log, then 403 or the sign-in page', async () => {
    const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
    expect((await trainee.get('/audit')).status).to.equal(403);
    const anonymous = await supertest(app).get('/audit');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
  });

  it('when staff sign in, then the menu links to the log; a trainee has no such link', async () => {
    const home = await admin.get('/');
    expect(home.text).to.contain('href="/audit"');
    const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
    expect((await trainee.get('/')).text).not.to.contain('href="/audit"');
  });
});
