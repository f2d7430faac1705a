import { expect } from 'chai';
import { AuditLog, Certificate, CertificateCounter, Enrollment, Unit } from '../../server/db/models.js';
import { issueForCourse, reissue, revoke } from '../../server/certificates/certificates.service.js';
import { getCertificate } from '../../server/certificates/certificates.queries.js';
import { AppError } from '../../server/http/errors.js';
import { t } from '../../server/i18n/index.js';
import type { Actor } from '../../server/auth/actor.js';
import { actorOf, makeCourseWithResults, onDay, SIGNER, withSigner } from '../helpers/certificates.js';
import { makeTrainee, makeUser } from '../helpers/factories.js';
import { boardActor, makeUnit } from '../helpers/units.js';
import { recordUnitEvent } from '../../server/units/unit-events.service.js';
import { updateSigner } from '../../server/units/units.service.js';

// Each group issues in its own far year, so its counters start empty whatever other tests issued.

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const counterOf = async (unitId: number, year: number) => (await CertificateCounter.findOne({ where: { unitId, year } }))?.lastSeq ?? null;
const certificatesOf = (enrollmentIds: number[]) => Certificate.findAll({ where: { enrollmentId: enrollmentIds }, order: [['seq', 'ASC']] });

describe('issuing certificates for a course', () => {
  const day = '2091-03-10';
  const year = 2091;
  const clock = onDay(day);
  let unitId: number;
  let staff: Actor;
  before(async () => {
    unitId = (await withSigner('TTCTVL')).id;
    staff = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVL' }));
  });

  it('when a finished course is issued, then each completed trainee gets one certificate, numbered from 1 in class-list order, with the header and signer of the day', async () => {
    const { course, completed, others } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 3, names: ['Trần Văn Cường', 'Lê Thị Ánh', 'Phạm Minh Bình'] });
    expect(await counterOf(unitId, year)).to.equal(null);

    const result = await issueForCourse(staff, course.id, clock);

    expect(result.issued).to.equal(3);
    expect(result.certificates.map((c) => c.fullName)).to.deep.equal(['Lê Thị Ánh', 'Phạm Minh Bình', 'Trần Văn Cường']);
    expect(result.firstNumber).to.equal('0001/2091/GCN-TTCTVL');
    expect(result.lastNumber).to.equal('0003/2091/GCN-TTCTVL');
    const rows = await certificatesOf(completed.map((e) => e.id));
    expect(rows.map((r) => r.seq)).to.deep.equal([1, 2, 3]);
    expect(rows.map((r) => r.number)).to.deep.equal(['0001/2091/GCN-TTCTVL', '0002/2091/GCN-TTCTVL', '0003/2091/GCN-TTCTVL']);
    for (const row of rows) {
      expect(row).to.include({ unitId, year, issuedOn: day, status: 'valid', unitName: 'TRUNG TÂM CHÍNH TRỊ', unitParentBody: 'HUYỆN ỦY VĂN LÂM' });
      expect(row).to.include({ signerName: SIGNER.signerName, signerTitle: 'GIÁM ĐỐC', signerAuthority: null, createdBy: staff.id, replacesId: null });
      expect(row.verifyCode).to.match(/^[abcdefghijkmnpqrstuvwxyz23456789]{16}$/);
    }
    expect(new Set(rows.map((r) => r.verifyCode)).size).to.equal(3);
    expect(await Certificate.count({ where: { enrollmentId: others.map((e) => e.id) } })).to.equal(0);
    expect(await counterOf(unitId, year)).to.equal(3);

    const logs = await AuditLog.findAll({ where: { entityType: 'certificate', entityId: rows.map((r) => r.id) } });
    expect(logs).to.have.length(3);
    expect(logs.every((l) => l.action === 'issue' && l.userId === staff.id && l.unitId === unitId)).to.equal(true);
    expect(JSON.parse(logs[0]!.afterData!)).to.include({ status: 'valid', signerName: SIGNER.signerName });
    expect(logs.some((l) => l.afterData!.includes(rows[0]!.verifyCode)), 'the verification code stays out of the log').to.equal(false);
    const courseLog = await AuditLog.findOne({ where: { entityType: 'course', entityId: course.id, action: 'issue' } });
    expect(JSON.parse(courseLog!.afterData!)).to.deep.equal({ certificates: 3, firstNumber: result.firstNumber, lastNumber: result.lastNumber });
  });

  it('when the same course is issued again, then nothing new is issued and the counter stays', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 2 });
    const first = await issueForCourse(staff, course.id, clock);
    const counter = await counterOf(unitId, year);
    const again = await issueForCourse(staff, course.id, clock);
    expect(again).to.include({ issued: 0, firstNumber: null, lastNumber: null, revokedSkipped: 0 });
    expect(await counterOf(unitId, year)).to.equal(counter);
    expect(await Certificate.count({ where: { enrollmentId: completed.map((e) => e.id) } })).to.equal(2);
    expect(first.certificates[1]!.seq).to.equal(first.certificates[0]!.seq + 1);
    expect(first.certificates[1]!.seq).to.equal(counter);
  });

  it('when a trainee completes later, then the next issue certifies only them, with the next number', async () => {
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    await issueForCourse(staff, course.id, clock);
    const counter = (await counterOf(unitId, year))!;
    const late = await Enrollment.create({ courseId: course.id, traineeId: (await makeTrainee()).id, status: 'completed', score: 7.5, grade: 'fair' });
    const result = await issueForCourse(staff, course.id, clock);
    expect(result.issued).to.equal(1);
    expect(result.certificates[0]).to.include({ enrollmentId: late.id, seq: counter + 1 });
  });

  it('when the course is not finished or was cancelled, then 409 says why and nothing is issued', async () => {
    const open = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1, status: 'open' });
    const err = await failure(issueForCourse(staff, open.course.id, clock));
    expect(err.kind).to.equal('conflict');
    expect(t('vi', err.message, err.params)).to.equal(`Lớp "${open.course.name}" chưa kết thúc. Chỉ cấp giấy chứng nhận cho lớp đã kết thúc.`);
    const cancelled = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1, status: 'cancelled' });
    const err2 = await failure(issueForCourse(staff, cancelled.course.id, clock));
    expect(t('vi', err2.message, err2.params)).to.equal(`Lớp "${cancelled.course.name}" đã bị hủy, nên không cấp giấy chứng nhận.`);
    expect(await Certificate.count({ where: { enrollmentId: [...open.completed, ...cancelled.completed].map((e) => e.id) } })).to.equal(0);
  });

  it('when the program leads to no certificate, then 409 names the program and nothing is issued', async () => {
    const counter = await counterOf(unitId, year);
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 2, programCode: 'CDHCM' });
    const err = await failure(issueForCourse(staff, course.id, clock));
    expect(err.kind).to.equal('conflict');
    expect(t('vi', err.message, err.params)).to.equal(
      'Chương trình "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" không cấp giấy chứng nhận, nên lớp này không có giấy chứng nhận nào để cấp.',
    );
    expect(await Certificate.count({ where: { enrollmentId: completed.map((e) => e.id) } })).to.equal(0);
    expect(await counterOf(unitId, year)).to.equal(counter);
  });

  it('when the unit has no signer, then 409 points to the unit settings page and no counter is created', async () => {
    const unit = await withSigner('TTCTTL', { signerName: null });
    const actor = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTTL' }));
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTTL', completed: 1 });
    const err = await failure(issueForCourse(actor, course.id, clock));
    expect(err.kind).to.equal('conflict');
    expect(t('vi', err.message, err.params)).to.equal(
      `Đơn vị "Trung tâm Chính trị huyện Tiên Lữ" chưa khai báo họ tên và chức danh người ký giấy chứng nhận. Vui lòng cập nhật tại trang thiết lập đơn vị (/units/${unit.id}) rồi cấp lại.`,
    );
    expect(await CertificateCounter.count({ where: { unitId: unit.id, year } })).to.equal(0);
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it('when another unit or a trainee issues, then the course is not found and nothing is issued', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const vanGiang = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    expect((await failure(issueForCourse(vanGiang, course.id, clock))).kind).to.equal('not_found');
    const trainee = await actorOf(await makeUser({ role: 'trainee', traineeId: completed[0]!.traineeId }));
    expect((await failure(issueForCourse(trainee, course.id, clock))).kind).to.equal('not_found');
    expect((await failure(issueForCourse(staff, 99_999_999, clock))).kind).to.equal('not_found');
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it("when the board issues for a center's course, then the certificate is the center's, in the center's sequence", async () => {
    const admin = await actorOf(await makeUser({ role: 'admin' }));
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const counter = (await counterOf(unitId, year))!;
    const result = await issueForCourse(admin, course.id, clock);
    expect(await Certificate.findByPk(result.certificates[0]!.id)).to.include({ unitId, seq: counter + 1, createdBy: admin.id, number: `${String(counter + 1).padStart(4, '0')}/2091/GCN-TTCTVL` });
  });
});

describe('a renamed unit', () => {
  it('when the unit is renamed after issue, then the old certificate keeps the name it was issued under and a re-issue takes the new one', async () => {
    const board = await boardActor();
    const unit = await makeUnit({ name: 'Trung tâm Chính trị huyện Kim Thử' });
    await updateSigner(board, unit.id, { lockVersion: unit.lockVersion, ...SIGNER });
    const actor = await actorOf(await makeUser({ role: 'center', unitCode: unit.code }));
    const { course } = await makeCourseWithResults({ unitCode: unit.code, completed: 1 });
    const { certificates } = await issueForCourse(actor, course.id, onDay('2151-06-01'));
    await recordUnitEvent(board, unit.id, { kind: 'transfer', effectiveDate: '2151-06-02', decisionNumber: '01-QĐ/TU', parentBody: 'TỈNH ỦY HƯNG YÊN', headerName: 'TRUNG TÂM CHÍNH TRỊ KHU VỰC KIM ĐỘNG' });
    await updateSigner(board, unit.id, { lockVersion: (await Unit.findByPk(unit.id))!.lockVersion, signerName: 'Vũ Văn Mới', signerTitle: 'GIÁM ĐỐC' });

    const old = await getCertificate(actor, certificates[0]!.id);
    expect(old).to.include({ unitParentBody: unit.parentBody, unitName: 'TRUNG TÂM CHÍNH TRỊ', signerName: SIGNER.signerName });
    const { certificate } = await reissue(actor, certificates[0]!.id, 'Sai tên đơn vị', onDay('2151-06-03'));
    expect(await Certificate.findByPk(certificate.id)).to.include({ unitParentBody: 'TỈNH ỦY HƯNG YÊN', unitName: 'TRUNG TÂM CHÍNH TRỊ KHU VỰC KIM ĐỘNG', signerName: 'Vũ Văn Mới' });
  });

  it('when the unit has ceased, then it issues no new certificate and the message names its successor', async () => {
    const board = await boardActor();
    const unit = await makeUnit();
    const successor = await makeUnit({ name: 'Đảng ủy xã Kế Thừa' });
    await updateSigner(board, unit.id, { lockVersion: unit.lockVersion, ...SIGNER });
    const { course } = await makeCourseWithResults({ unitCode: unit.code, completed: 1 });
    await recordUnitEvent(board, unit.id, { kind: 'merge', effectiveDate: '2152-07-01', decisionNumber: '02-QĐ/TU', successorIds: [successor.id] });
    const error = await issueForCourse(board, course.id, onDay('2153-01-05')).then(() => null, (e: unknown) => e as AppError);
    expect(error).to.be.instanceOf(AppError);
    expect(error!).to.include({ kind: 'conflict', message: 'units.errors.endedWithSuccessor' });
    expect(await Certificate.count({ where: { unitId: unit.id } })).to.equal(0);
  });
});

describe('issuing certificates at the same moment', () => {
  let unitId: number;
  let alice: Actor;
  let bob: Actor;
  before(async () => {
    unitId = (await withSigner('TTCTPC')).id;
    alice = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTPC' }));
    bob = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTPC' }));
  });

  it("when four staff issue four courses of the same unit at once, the year's first, then the numbers run 1..n with no gap and no duplicate", async function () {
    this.timeout(60_000);
    const year = 2092;
    const sizes = [12, 9, 7, 10];
    const fixtures = [];
    for (const size of sizes) fixtures.push(await makeCourseWithResults({ unitCode: 'TTCTPC', completed: size }));
    expect(await counterOf(unitId, year)).to.equal(null);

    const results = await Promise.all(fixtures.map((f, i) => issueForCourse(i % 2 ? alice : bob, f.course.id, onDay('2092-05-04'))));

    expect(results.map((r) => r.issued)).to.deep.equal(sizes);
    const rows = await Certificate.findAll({ where: { unitId, year } });
    expect(rows.map((r) => r.seq).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 38 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).to.equal(38);
    // Each course's numbers are one unbroken run: the issues queued on the counter, one after the other.
    for (const r of results) {
      const seqs = r.certificates.map((c) => c.seq);
      expect(seqs).to.deep.equal(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    }
    expect(await counterOf(unitId, year)).to.equal(38);
    expect(await CertificateCounter.count({ where: { unitId, year } })).to.equal(1);
  });

  it('when staff issue the same course three times at once, then every completed trainee gets exactly one certificate and no number is lost', async function () {
    this.timeout(60_000);
    const year = 2093;
    const clock = onDay('2093-01-15');
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTPC', completed: 15 });

    const results = await Promise.all([issueForCourse(alice, course.id, clock), issueForCourse(bob, course.id, clock), issueForCourse(alice, course.id, clock)]);

    expect(results.map((r) => r.issued).sort((x, y) => x - y)).to.deep.equal([0, 0, 15]);
    const rows = await certificatesOf(completed.map((e) => e.id));
    expect(rows).to.have.length(15);
    expect(new Set(rows.map((r) => r.enrollmentId)).size).to.equal(15);
    expect(rows.map((r) => r.seq)).to.deep.equal(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(await counterOf(unitId, year)).to.equal(15);
  });
});

describe('re-issuing and revoking a certificate', () => {
  const clock = onDay('2095-09-02');
  const year = 2095;
  let unitId: number;
  let staff: Actor;
  before(async () => {
    unitId = (await withSigner('TTCTAT')).id;
    staff = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTAT' }));
  });

  async function issuedOne() {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTAT', completed: 1 });
    const { certificates } = await issueForCourse(staff, course.id, clock);
    return { course, enrollment: completed[0]!, certificate: certificates[0]! };
  }

  it('when a certificate is re-issued, then a new number replaces it, the old one is marked replaced, and both are audited', async () => {
    const { certificate } = await issuedOne();
    const counter = (await counterOf(unitId, year))!;

    const result = await reissue(staff, certificate.id, '  Mất bản gốc ', onDay('2095-10-20'));

    expect(result.replaced).to.deep.equal({ id: certificate.id, number: certificate.number });
    const created = await Certificate.findByPk(result.certificate.id);
    expect(created).to.include({ replacesId: certificate.id, status: 'valid', seq: counter + 1, year, issuedOn: '2095-10-20', reissueReason: 'Mất bản gốc', enrollmentId: certificate.enrollmentId });
    expect(created!.number).to.equal(`${String(counter + 1).padStart(4, '0')}/2095/GCN-TTCTAT`);
    expect(created!.verifyCode).not.to.equal(certificate.verifyCode);
    expect(await Certificate.findByPk(certificate.id)).to.include({ status: 'replaced', lockVersion: 1 });
    expect(await counterOf(unitId, year)).to.equal(counter + 1);

    const logs = await AuditLog.findAll({ where: { entityType: 'certificate', entityId: [certificate.id, created!.id], action: 'reissue' } });
    expect(logs).to.have.length(2);
    const oldLog = logs.find((l) => l.entityId === certificate.id)!;
    expect(JSON.parse(oldLog.beforeData!)).to.deep.equal({ status: 'valid' });
    expect(JSON.parse(oldLog.afterData!)).to.deep.equal({ status: 'replaced', replacedBy: created!.number, reason: 'Mất bản gốc' });
    expect(JSON.parse(logs.find((l) => l.entityId === created!.id)!.afterData!)).to.include({ replacesId: certificate.id, number: created!.number });

    expect((await getCertificate(staff, certificate.id)).replacedBy).to.include({ id: created!.id, number: created!.number });
    expect((await getCertificate(staff, created!.id)).replaces).to.include({ id: certificate.id, number: certificate.number });
  });

  it('when a replaced or revoked certificate is re-issued or revoked, then 409 and nothing changes', async () => {
    const { certificate } = await issuedOne();
    await reissue(staff, certificate.id, null, clock);
    const counter = await counterOf(unitId, year);
    const again = await failure(reissue(staff, certificate.id, null, clock));
    expect(again.kind).to.equal('conflict');
    expect(t('vi', again.message, again.params)).to.equal(
      `Giấy chứng nhận số ${certificate.number} đã được cấp lại bằng số khác: chỉ cấp lại hoặc thu hồi được giấy chứng nhận còn hiệu lực.`,
    );
    expect((await failure(revoke(staff, certificate.id, 'Thử'))).kind).to.equal('conflict');
    expect(await counterOf(unitId, year)).to.equal(counter);

    const second = await issuedOne();
    await revoke(staff, second.certificate.id, 'Cấp nhầm');
    expect((await failure(revoke(staff, second.certificate.id, 'Lần nữa'))).message).to.equal('certificates.alreadyRevoked');
    expect((await failure(reissue(staff, second.certificate.id, null, clock))).message).to.equal('certificates.alreadyRevoked');
    expect(await Certificate.findByPk(second.certificate.id)).to.include({ revokeReason: 'Cấp nhầm', status: 'revoked' });
  });

  it('when a certificate is revoked, then it records when and why, is audited, and a bulk issue does not certify the trainee again', async () => {
    const { course, certificate } = await issuedOne();
    await revoke(staff, certificate.id, 'Phát hiện gian lận khi kiểm tra');
    const row = await Certificate.findByPk(certificate.id);
    expect(row).to.include({ status: 'revoked', revokeReason: 'Phát hiện gian lận khi kiểm tra', lockVersion: 1 });
    expect(row!.revokedAt).to.be.instanceOf(Date);
    const log = await AuditLog.findOne({ where: { entityType: 'certificate', entityId: certificate.id, action: 'revoke' } });
    expect(JSON.parse(log!.beforeData!)).to.deep.equal({ status: 'valid' });
    expect(JSON.parse(log!.afterData!)).to.include({ status: 'revoked', revokeReason: 'Phát hiện gian lận khi kiểm tra' });

    const again = await issueForCourse(staff, course.id, clock);
    expect(again).to.include({ issued: 0, revokedSkipped: 1 });
    expect(await Certificate.count({ where: { enrollmentId: certificate.enrollmentId } })).to.equal(1);
  });

  it('when the reason for a revocation is blank, then it is invalid and the certificate stays valid', async () => {
    const { certificate } = await issuedOne();
    const err = await failure(revoke(staff, certificate.id, '   '));
    expect(err.kind).to.equal('invalid');
    expect(err.fields).to.deep.equal({ reason: 'common.validation.required' });
    expect(await Certificate.findByPk(certificate.id)).to.include({ status: 'valid' });
  });

  it('when the trainee no longer counts as completed, then re-issue is refused', async () => {
    const { enrollment, certificate } = await issuedOne();
    await enrollment.update({ status: 'failed' });
    const counter = await counterOf(unitId, year);
    expect((await failure(reissue(staff, certificate.id, null, clock))).message).to.equal('certificates.enrollmentNotCompleted');
    expect(await Certificate.findByPk(certificate.id)).to.include({ status: 'valid' });
    expect(await counterOf(unitId, year)).to.equal(counter);
  });

  it('when another unit or a trainee re-issues or revokes, then the certificate is not found and stays valid', async () => {
    const { certificate } = await issuedOne();
    const vanGiang = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    expect((await failure(reissue(vanGiang, certificate.id, null, clock))).kind).to.equal('not_found');
    expect((await failure(revoke(vanGiang, certificate.id, 'Không được phép'))).kind).to.equal('not_found');
    expect((await failure(getCertificate(vanGiang, certificate.id))).kind).to.equal('not_found');
    const holder = await actorOf(await makeUser({ role: 'trainee', traineeId: certificate.traineeId }));
    expect((await failure(revoke(holder, certificate.id, 'Tự thu hồi'))).kind).to.equal('not_found');
    expect((await getCertificate(holder, certificate.id)).number).to.equal(certificate.number);
    expect(await Certificate.findByPk(certificate.id)).to.include({ status: 'valid' });
  });

  it('when two staff re-issue the same certificate at once, then exactly one new certificate replaces it', async () => {
    const { certificate } = await issuedOne();
    const other = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTAT' }));
    const counter = (await counterOf(unitId, year))!;
    const outcomes = await Promise.allSettled([reissue(staff, certificate.id, 'Mất', clock), reissue(other, certificate.id, 'Mất', clock)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as AppError).message).to.equal('certificates.alreadyReplaced');
    expect(await Certificate.count({ where: { replacesId: certificate.id } })).to.equal(1);
    expect(await counterOf(unitId, year)).to.equal(counter + 1);
  });
});

describe('the signer from the unit settings', () => {
  it('when a unit signs through a deputy, then certificates carry the authority line, title and name', async () => {
    await withSigner('TTCTYM', { signerName: 'Đỗ Văn Phó', signerTitle: 'PHÓ GIÁM ĐỐC', signerAuthority: 'KT. GIÁM ĐỐC' });
    const actor = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTYM' }));
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTYM', completed: 1 });
    const { certificates } = await issueForCourse(actor, course.id, onDay('2096-02-02'));
    expect(await Certificate.findByPk(certificates[0]!.id)).to.include({
      signerName: 'Đỗ Văn Phó',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerAuthority: 'KT. GIÁM ĐỐC',
      unitParentBody: 'HUYỆN ỦY YÊN MỸ',
      number: '0001/2096/GCN-TTCTYM',
    });
  });
});
