// The audit log and the record histories in words: labels for every field, values as their pages show them,
// records by name, personal data masked.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { audit } from '../../server/audit/audit.service.js';
import { describeEntries, humanize } from '../../server/audit/audit-format.js';
import { AuditLog, User } from '../../server/db/models.js';
import { updateTrainee } from '../../server/trainees/trainees.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unitByCode } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { makePlan } from '../helpers/plans.js';

/** The text of the page's change cells, tags dropped and entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&#x3D;', '=')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');

const lastEntry = async (entityType: string, entityId: number) => (await AuditLog.findOne({ where: { entityType, entityId }, order: [['id', 'DESC']] }))!;

describe('audit entries in words', () => {
  let app: App;
  let admin: Agent;
  let staff: Agent;
  let staffUser: User;

  before(async () => {
    app = makeApp();
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    staffUser = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    await staffUser.update({ fullName: 'Trần Thị Nhật Ký' });
    staff = await signIn(app, staffUser.username);
  });

  it('when a plan is submitted and its targets change, then the log shows the status labels and "NTVD (program): 6 lớp / 480 học viên"', async () => {
    const unit = await unitByCode('TTCTVL');
    const plan = await makePlan({ unitCode: 'TTCTVL', year: 2211 });
    const actor = await actorOf(staffUser);
    await audit(actor, { action: 'submit', entityType: 'plan', entityId: plan.id, unitId: unit.id, before: { status: 'draft' }, after: { status: 'submitted' } });
    await audit(actor, { action: 'update', entityType: 'plan', entityId: plan.id, unitId: unit.id, before: { 'targets.NTVD': '4 / 320 (Q: 1+1+1+1 / 80+80+80+80)' }, after: { 'targets.NTVD': '6 / 480' } });
    const res = await admin.get(`/audit?entityType=plan&entityId=${plan.id}`);
    expect(res.status).to.equal(200);
    const page = text(res.text);
    expect(page).to.contain('Trạng thái: Dự thảo → Đã trình');
    expect(page).to.contain('Chỉ tiêu NTVD (Bồi dưỡng nhận thức về Đảng): 4 lớp / 320 học viên (theo quý: 1+1+1+1 lớp; 80+80+80+80 học viên) → 6 lớp / 480 học viên');
    expect(page).to.contain('Trần Thị Nhật Ký (' + staffUser.username + ')');
    expect(page).not.to.contain('draft');
    expect(page).not.to.contain('targets.NTVD');

    const history = text((await staff.get(`/plans/${plan.id}`)).text);
    expect(history).to.contain('Trạng thái: Dự thảo → Đã trình');
    expect(history).to.contain('6 lớp / 480 học viên');
  });

  it('when results are entered, then attendance is a percentage, the score has a decimal comma and the grade its label; the record is named', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp nhật ký 2212', startDate: '2212-03-02', endDate: '2212-03-06' });
    const trainee = await makeTrainee({ fullName: 'Lê Văn Ghi Chép' });
    const enrollment = await makeEnrollment(course, trainee);
    await audit(await actorOf(staffUser), {
      action: 'results',
      entityType: 'enrollment',
      entityId: enrollment.id,
      unitId: course.unitId,
      before: { attendance: null, score: null, grade: null, status: 'enrolled' },
      after: { attendance: 0.7, score: 8.5, grade: 'fair', status: 'completed' },
    });
    const res = await staff.get(`/audit?entityType=enrollment&entityId=${enrollment.id}`);
    const page = text(res.text);
    expect(page).to.contain('Chuyên cần: 70,0%');
    expect(page).to.contain('Điểm: 8,5');
    expect(page).to.contain('Xếp loại: Khá');
    expect(page).to.contain('Trạng thái: Đang học → Hoàn thành');
    expect(page).to.contain('Lê Văn Ghi Chép – Lớp nhật ký 2212');

    const reader = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    await postForm(reader, '/lang', { locale: 'en', returnTo: '/' });
    const english = text((await reader.get(`/audit?entityType=enrollment&entityId=${enrollment.id}`)).text);
    expect(english).to.contain('Attendance: 70.0%');
    expect(english).to.contain('Grade: Good');
    expect(english).to.contain('Status: Enrolled → Completed');

    const history = text((await staff.get(`/enrollments/${enrollment.id}`)).text);
    expect(history).to.contain('Chuyên cần: 70,0%');
    expect(history).to.contain('Xếp loại: Khá');
  });

  it('when an activation code is issued for an account, then the account is named and the expiry is a Vietnamese date', async () => {
    const trainee = await makeTrainee({ fullName: 'Phạm Thị Kích Hoạt' });
    const account = await makeUser({ role: 'trainee', traineeId: trainee.id });
    await account.update({ fullName: 'Phạm Thị Kích Hoạt' });
    const actor = await actorOf(staffUser);
    await audit(actor, { action: 'create', entityType: 'user', entityId: account.id, unitId: actor.unitId, after: { username: account.username, role: 'trainee', traineeId: trainee.id } });
    await audit(actor, { action: 'issue_code', entityType: 'user', entityId: account.id, unitId: actor.unitId, after: { expiresAt: new Date('2213-01-02T16:59:59.999Z'), reissued: false } });
    const page = text((await admin.get(`/audit?entityType=user&entityId=${account.id}`)).text);
    expect(page).to.contain(`Phạm Thị Kích Hoạt (${account.username})`);
    expect(page).to.contain('Mã có hiệu lực đến: 02/01/2213');
    expect(page).to.contain('Cấp lại mã: Không');
    expect(page).to.contain('Vai trò: Học viên');
    expect(page).to.contain('Học viên: Phạm Thị Kích Hoạt');
    expect(page).not.to.contain('2213-01-02T');
  });

  it('when a trainee record is edited, then its citizen ID and birth date read "đã thay đổi" on the page and in the log, never a digit of them', async () => {
    const trainee = await makeTrainee({ fullName: 'Đỗ Văn Bảo Mật', nationalId: '034090012345', birthDate: '1990-05-17' });
    const actor = await actorOf(staffUser);
    const view = await updateTrainee(actor, trainee.id, trainee.lockVersion, {
      fullName: 'Đỗ Văn Bảo Mật', birthDate: '1991-06-18', birthYear: 1991, gender: 'male', ethnicity: null, religion: null, nationalId: '034091054321',
      hometown: null, address: null, phone: null, email: null, educationLevel: null, professionalLevel: null, theoryLevel: null, position: 'Chuyên viên',
      workplace: null, partyStatus: 'official', partyJoinedOn: '2015-02-03', partyOfficialOn: null,
    });
    expect(view.fullName).to.equal('Đỗ Văn Bảo Mật');
    const stored = await lastEntry('trainee', trainee.id);
    expect(stored.afterData).to.contain('nationalId');
    for (const path of [`/trainees/${trainee.id}`, `/audit?entityType=trainee&entityId=${trainee.id}`]) {
      const page = text((await staff.get(path)).text);
      const changes = page.slice(page.indexOf(path.startsWith('/audit') ? 'Giá trị trước' : 'Lịch sử thay đổi'));
      expect(changes, path).to.contain('Số CCCD: đã thay đổi');
      expect(changes, path).to.contain('Ngày sinh: đã thay đổi');
      expect(changes, path).to.contain('Đảng viên: Đảng viên chính thức');
      expect(changes, path).to.contain('Ngày vào Đảng: 03/02/2015');
      expect(changes, path).to.contain('Chức vụ: Chuyên viên');
      for (const secret of ['0340', '4321', '2345', '1991-06', '18/06/1991', '17/05/1990']) expect(changes, `${path} shows ${secret}`).not.to.contain(secret);
    }
  });

  it('when a payload carries a password hash or a token, or a field nobody labelled, then the hash is masked and the field gets a readable label', async () => {
    const entries = await describeEntries('vi', [
      {
        at: new Date('2214-05-01T03:00:00Z'),
        userId: null,
        username: null,
        entityType: 'user',
        entityId: null,
        beforeData: JSON.stringify({ passwordHash: '$2b$10$abcdefghijklmnop', tokenHash: 'f00dfeed' }),
        afterData: JSON.stringify({ passwordHash: '$2b$10$qrstuvwxyz', tokenHash: 'deadbeef', someNewField: 'x', ['weird.key']: 3, expiresAt: 'not a date', revokedAt: '2214-05-01T03:00:00Z', role: 'wizard' }),
      },
    ]);
    const byField = new Map(entries[0]!.changes.map((c) => [c.field, c]));
    expect(byField.get('passwordHash')).to.deep.include({ label: 'Mật khẩu', before: '', after: 'đã thay đổi' });
    expect(byField.get('tokenHash')!.after).to.equal('đã thay đổi');
    expect(byField.get('someNewField')).to.deep.include({ label: 'Some new field', after: 'x' });
    expect(byField.get('weird.key')).to.deep.include({ label: 'Weird key', after: '3' });
    expect(byField.get('expiresAt')!.after, 'a value that is not a date is shown as written').to.equal('not a date');
    expect(byField.get('revokedAt')!.after).to.equal('10:00 01/05/2214');
    expect(byField.get('role')!.after, 'an unknown choice is shown as stored').to.equal('wizard');
    expect(JSON.stringify(entries)).not.to.match(/\$2b\$|deadbeef|f00dfeed/);
    expect(humanize('cancelReason')).to.equal('Cancel reason');
  });

  it('when a unit was renamed after an entry, then the entry names the unit as it was called on its day; a course entry names its course', async () => {
    const vanLam = await unitByCode('TTCTVL');
    const course = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp tên đơn vị 2215', startDate: '2215-03-02', endDate: '2215-03-06' });
    await audit(await actorOf(staffUser), { action: 'cancel', entityType: 'course', entityId: course.id, unitId: vanLam.id, before: { status: 'planned' }, after: { status: 'cancelled', cancelReason: 'Trùng lịch', startDate: '2215-03-02' } });
    const res = await admin.get(`/audit?entityType=course&entityId=${course.id}`);
    const page = text(res.text);
    expect(page).to.contain('Trạng thái: Dự kiến → Đã hủy');
    expect(page).to.contain('Lý do hủy lớp: Trùng lịch');
    expect(page).to.contain('Ngày khai giảng: 02/03/2215');
    expect(res.text).to.match(/data-record-name><bdi>Lớp tên đơn vị 2215<\/bdi>/);
    expect(page).to.contain('Trung tâm Chính trị huyện Văn Lâm');
  });

  it('when a page of the log is drawn, then the names are looked up once per kind of record, not once per entry', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp đếm truy vấn 2214' });
    const rows = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const e = await makeEnrollment(course);
        return { at: new Date(), userId: staffUser.id, username: staffUser.username, unitId: course.unitId, entityType: 'enrollment', entityId: e.id, beforeData: null, afterData: JSON.stringify({ courseId: course.id, traineeId: e.traineeId }) };
      }),
    );
    const sequelize = AuditLog.sequelize!;
    let queries = 0;
    const count = () => void queries++;
    sequelize.addHook('beforeQuery', 'count-audit-names', count);
    try {
      const shown = await describeEntries('vi', rows);
      expect(shown.every((s) => s.changes.find((c) => c.field === 'courseId')?.after === 'Lớp đếm truy vấn 2214')).to.equal(true);
    } finally {
      sequelize.removeHook('beforeQuery', 'count-audit-names');
    }
    // users, courses, trainees, enrollments (with their trainee and course), units and unit names
    expect(queries).to.be.at.most(6);
  });
});
