// Enrolling one person into a course. Happens under the course's row lock, so the capacity holds when two people
// enroll at the same moment; someone who had withdrawn is reinstated with the result their values give.
import { Op, UniqueConstraintError } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { lockCourse } from '../courses/index.js';
import { Enrollment, Trainee } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf } from '../programs/grading.js';
import { findOrCreateTrainee, type TraineeInput } from '../trainees/index.js';
import { assertUnitOpen } from '../units/index.js';
import { assertYearOpen } from '../year-closing/index.js';
import { num, rulesOf, sequelize } from './enrollments.queries.js';

export type EnrollInput = { sendingOrg?: string | null } & (
  | { traineeId: number; trainee?: undefined }
  | { trainee: TraineeInput; traineeId?: undefined; /** Yes, a namesake on file is someone else. */ confirmNew?: boolean }
);

export interface EnrollOutcome {
  enrollmentId: number;
  traineeId: number;
  fullName: string;
  /** No trainee record was made: an existing person (by id, or by a citizen ID on file) was enrolled. */
  reusedTrainee: boolean;
  /** The person had withdrawn from this course and is back. */
  reinstated: boolean;
}

async function enrollOnce(actor: Actor, courseId: number, input: EnrollInput): Promise<EnrollOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    // First statement: the lock, so the seat count below sees every enrollment committed before it.
    const course = await lockCourse(actor, courseId, transaction);
    const today = todayInVietnam();
    if (course.status === 'cancelled') throw new AppError('conflict', 'enrollments.errors.courseCancelled');
    if (course.status === 'finished') throw new AppError('conflict', 'enrollments.errors.courseFinished');
    await assertUnitOpen(course.unitId, course.startDate > today ? course.startDate : today, null, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);

    let trainee: Trainee;
    let reusedTrainee: boolean;
    if (input.traineeId !== undefined) {
      const found = await Trainee.findByPk(input.traineeId, { transaction });
      if (!found) throw new AppError('invalid', 'common.errors.invalid', { fields: { traineeId: 'enrollments.errors.unknownTrainee' } });
      trainee = found;
      reusedTrainee = true;
    } else {
      ({ trainee, reused: reusedTrainee } = await findOrCreateTrainee(actor, input.trainee, transaction, { confirmNew: input.confirmNew }));
    }

    const existing = await Enrollment.findOne({ where: { courseId, traineeId: trainee.id }, transaction });
    if (existing && existing.status !== 'withdrawn') {
      throw new AppError('conflict', 'enrollments.errors.duplicate', { params: { name: trainee.fullName }, details: { enrollmentId: existing.id } });
    }
    const active = await Enrollment.count({ where: { courseId, status: { [Op.ne]: 'withdrawn' } }, transaction });
    if (active >= course.capacity) throw new AppError('conflict', 'enrollments.errors.full', { params: { capacity: course.capacity } });

    const sendingOrg = input.sendingOrg ?? null;
    if (existing) {
      const result = resultOf(await rulesOf(course.programId, transaction), {
        score: num(existing.score),
        attendance: num(existing.attendance),
        withdrawn: false,
        courseEnded: course.endDate <= today,
      });
      const changes = { ...result, withdrawReason: null, withdrawnAt: null, sendingOrg: sendingOrg ?? existing.sendingOrg ?? null };
      await updateVersioned(Enrollment, existing.id, existing.lockVersion, changes, { transaction });
      await audit(
        actor,
        { action: 'enroll', entityType: 'enrollment', entityId: existing.id, unitId: course.unitId, before: { status: 'withdrawn' }, after: { status: result.status, sendingOrg: changes.sendingOrg } },
        transaction,
      );
      return { enrollmentId: existing.id, traineeId: trainee.id, fullName: trainee.fullName, reusedTrainee: true, reinstated: true };
    }
    const enrollment = await Enrollment.create({ courseId, traineeId: trainee.id, sendingOrg, status: 'enrolled' }, { transaction });
    await audit(
      actor,
      { action: 'enroll', entityType: 'enrollment', entityId: enrollment.id, unitId: course.unitId, after: { courseId, traineeId: trainee.id, sendingOrg } },
      transaction,
    );
    return { enrollmentId: enrollment.id, traineeId: trainee.id, fullName: trainee.fullName, reusedTrainee, reinstated: false };
  });
}

/**
 * Enrolls an existing person (traineeId) or the person a form describes: by citizen ID the existing record is
 * reused, never doubled. Refused into a cancelled or finished course, into a full one, or a second time.
 */
export async function enroll(actor: Actor, courseId: number, input: EnrollInput): Promise<EnrollOutcome> {
  try {
    return await enrollOnce(actor, courseId, input);
  } catch (err) {
    // Two requests creating the same new person at once (different courses, so different locks): the loser's
    // insert hits the unique citizen ID. Once more finds the winner's record and reuses it.
    if (err instanceof UniqueConstraintError && input.trainee?.nationalId) return enrollOnce(actor, courseId, input);
    throw err;
  }
}
