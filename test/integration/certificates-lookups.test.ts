import { expect } from 'chai';
import { findByVerifyCode, issueForCourse, listForTrainee, reissue, revoke } from '../../server/certificates/index.js';
import { Enrollment } from '../../server/db/models.js';
import { AppError } from '../../server/http/errors.js';
import { actorOf, makeCourseWithResults, onDay, withSigner } from '../helpers/certificates.js';
import { makeUser } from '../helpers/factories.js';

// The lookups other workstreams call: the public check by code (QR) and a trainee's own certificates.
describe('certificate lookups for other workstreams', () => {
  const clock = onDay('2097-04-20');

  it('when a code is checked, then only what the certificate shows comes back, and a replaced one names its successor', async () => {
    await withSigner('TTCTMH');
    const staff = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTMH' }));
    const { course } = await makeCourseWithResults({ unitCode: 'TTCTMH', completed: 1, names: ['Nguyễn Thị Hoa'] });
    const [issued] = (await issueForCourse(staff, course.id, clock)).certificates;

    const found = await findByVerifyCode(issued!.verifyCode.toUpperCase().replace(/(.{4})/g, '$1 '));
    expect(found).to.deep.include({
      number: issued!.number,
      status: 'valid',
      issuedOn: '2097-04-20',
      fullName: 'Nguyễn Thị Hoa',
      birthYear: 1990,
      programName: 'Bồi dưỡng nhận thức về Đảng',
      credential: 'Giấy chứng nhận',
      courseName: course.name,
      grade: 'good',
      unitName: 'TRUNG TÂM CHÍNH TRỊ',
      unitParentBody: 'THỊ ỦY MỸ HÀO',
      replacedBy: null,
    });
    for (const key of ['birthDate', 'nationalId', 'verifyCode', 'traineeId', 'enrollmentId']) expect(found).not.to.have.property(key);

    const { certificate } = await reissue(staff, issued!.id, 'Mất', clock);
    expect((await findByVerifyCode(issued!.verifyCode))).to.deep.include({ status: 'replaced', replacedBy: { number: certificate.number, issuedOn: '2097-04-20' } });
    await revoke(staff, certificate.id, 'Cấp nhầm');
    expect((await findByVerifyCode(certificate.verifyCode))!.status).to.equal('revoked');

    expect(await findByVerifyCode('abcdefghjkmnpqrs')).to.equal(null);
    expect(await findByVerifyCode('../../etc/passwd')).to.equal(null);
  });

  it("when a trainee's certificates are listed, then the trainee sees their own, a center only its own unit's, the board all", async () => {
    await withSigner('TTCTVL');
    await withSigner('TTCTVG');
    const vanLam = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVL' }));
    const vanGiang = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    const first = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const traineeId = first.completed[0]!.traineeId;
    const second = await makeCourseWithResults({ unitCode: 'TTCTVG', completed: 0 });
    await Enrollment.create({ courseId: second.course.id, traineeId, status: 'completed', score: 9.1, grade: 'excellent' });
    await issueForCourse(vanLam, first.course.id, clock);
    await issueForCourse(vanGiang, second.course.id, clock);

    const self = await actorOf(await makeUser({ role: 'trainee', traineeId }));
    expect((await listForTrainee(self, traineeId)).map((c) => c.courseId).sort()).to.deep.equal([first.course.id, second.course.id].sort());
    expect((await listForTrainee(vanLam, traineeId)).map((c) => c.courseId)).to.deep.equal([first.course.id]);
    expect((await listForTrainee(vanGiang, traineeId)).map((c) => c.courseId)).to.deep.equal([second.course.id]);
    const admin = await actorOf(await makeUser({ role: 'admin' }));
    expect(await listForTrainee(admin, traineeId)).to.have.length(2);

    const other = await actorOf(await makeUser({ role: 'trainee', traineeId: first.others[0]!.traineeId }));
    let error: unknown;
    try {
      await listForTrainee(other, traineeId);
    } catch (err) {
      error = err;
    }
    expect((error as AppError).kind).to.equal('not_found');
  });
});
