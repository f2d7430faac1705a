import { expect } from 'chai';
import { ForeignKeyConstraintError, UniqueConstraintError } from 'sequelize';
import { Certificate, Enrollment } from '../../server/db/models.js';
import { makeCourse, makeEnrollment, makeTrainee, unitByCode } from '../helpers/factories.js';

// Integrity lives in the database, not only in code: these inserts bypass the services on purpose.
describe('database integrity', () => {
  it('when the same trainee is enrolled twice in one course, then the database refuses', async () => {
    const course = await makeCourse();
    const trainee = await makeTrainee();
    await makeEnrollment(course, trainee);
    let error: unknown;
    try {
      await Enrollment.create({ courseId: course.id, traineeId: trainee.id });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(UniqueConstraintError);
  });

  it('when two trainees share a citizen ID, then the database refuses; several without one are fine', async () => {
    const first = await makeTrainee();
    let error: unknown;
    try {
      await makeTrainee({ nationalId: first.nationalId });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(UniqueConstraintError);
    await makeTrainee({ nationalId: null });
    await makeTrainee({ nationalId: null });
  });

  it('when a certificate number repeats within a unit and year, then the database refuses', async () => {
    const unit = await unitByCode('TTCTVG');
    const course = await makeCourse({ unitCode: 'TTCTVG' });
    const [a, b] = [await makeEnrollment(course), await makeEnrollment(course)];
    const base = {
      unitId: unit.id, year: 2031, issuedOn: '2031-01-10', unitName: 'TRUNG TÂM CHÍNH TRỊ', unitParentBody: 'HUYỆN ỦY VĂN GIANG',
      signerName: 'Phạm Thị Lan', signerTitle: 'GIÁM ĐỐC', signerAuthority: null,
    };
    await Certificate.create({ ...base, enrollmentId: a.id, seq: 1, number: '0001/2031/GCN-TTCTVG', verifyCode: 'abcdefghijkmnp01' });
    let error: unknown;
    try {
      await Certificate.create({ ...base, enrollmentId: b.id, seq: 1, number: '0001/2031/GCN-TTCTVG', verifyCode: 'abcdefghijkmnp02' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(UniqueConstraintError);
  });

  it('when an enrollment names a course that does not exist, then the foreign key refuses', async () => {
    const trainee = await makeTrainee();
    let error: unknown;
    try {
      await Enrollment.create({ courseId: 99_999_999, traineeId: trainee.id });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ForeignKeyConstraintError);
  });
});
