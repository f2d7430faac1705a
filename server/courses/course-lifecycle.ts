// Hủy lớp and Kết thúc lớp: the two explicit acts that close a course.
import { Op } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Course, Enrollment, Program } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { formatDate, todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf } from '../programs/grading.js';
import { toProgramRow } from '../programs/programs.service.js';
import { effectiveStatus, emptyCounts } from './course-status.js';
import { courseCounts, getCourse, lockCourse, type CourseView } from './course-view.js';
import { assertVersion, type CourseWriteOptions } from './course-writes.js';
import { assertYearOpen } from '../year-closing/index.js';

const sequelize = () => Course.sequelize!;

export async function cancelCourse(actor: Actor, id: number, lockVersion: number, reason: string, options: Pick<CourseWriteOptions, 'transaction'> = {}): Promise<CourseView> {
  await inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, id, transaction);
    await assertVersion(actor, course, lockVersion, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    if (course.status === 'cancelled') throw new AppError('conflict', 'courses.errors.alreadyCancelled');
    if (course.status === 'finished') throw new AppError('conflict', 'courses.errors.cancelFinished');
    const counts = (await courseCounts([id], transaction)).get(id) ?? emptyCounts();
    if (counts.completed + counts.failed > 0) throw new AppError('conflict', 'courses.errors.cancelHasResults');
    await updateVersioned(Course, id, lockVersion, { status: 'cancelled', cancelReason: reason }, { transaction });
    await audit(
      actor,
      { action: 'cancel', entityType: 'course', entityId: id, unitId: course.unitId, before: { status: course.status }, after: { status: 'cancelled', cancelReason: reason } },
      transaction,
    );
  }, options.transaction);
  return getCourse(actor, id, options.transaction);
}

/**
 * Kết thúc lớp: allowed from the end date on. Every enrollment's result is worked out again now that the
 * course has ended (attendance below the program's share becomes `failed`); the course cannot finish while
 * someone still has no result.
 */
export async function finishCourse(actor: Actor, id: number, lockVersion: number): Promise<CourseView> {
  await inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, id, transaction);
    await assertVersion(actor, course, lockVersion, transaction);
    // Finishing settles the results (attendance below the share becomes failed): a figure of the course's year.
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const today = todayInVietnam();
    if (effectiveStatus(course.status, course.startDate, today) !== 'open') throw new AppError('conflict', 'courses.errors.finishNotOpen');
    if (course.endDate > today) throw new AppError('conflict', 'courses.errors.finishNotEnded', { params: { date: formatDate(course.endDate) } });
    const rules = toProgramRow((await Program.findByPk(course.programId, { transaction }))!);
    const enrollments = await Enrollment.findAll({ where: { courseId: id, status: { [Op.ne]: 'withdrawn' } }, transaction });
    let pending = 0;
    for (const e of enrollments) {
      const score = e.score === null || e.score === undefined ? null : Number(e.score);
      const attendance = e.attendance === null || e.attendance === undefined ? null : Number(e.attendance);
      const result = resultOf(rules, { score, attendance, withdrawn: false, courseEnded: true });
      if (result.status === 'enrolled') pending++;
      if (result.status === e.status && result.grade === (e.grade ?? null)) continue;
      await Enrollment.update({ status: result.status, grade: result.grade, lockVersion: e.lockVersion + 1 }, { where: { id: e.id }, transaction });
      await audit(
        actor,
        { action: 'results', entityType: 'enrollment', entityId: e.id, unitId: course.unitId, before: { status: e.status, grade: e.grade ?? null }, after: { ...result } },
        transaction,
      );
    }
    if (pending > 0) throw new AppError('conflict', 'courses.errors.finishPending', { params: { count: pending } });
    await updateVersioned(Course, id, lockVersion, { status: 'finished' }, { transaction });
    await audit(actor, { action: 'finish', entityType: 'course', entityId: id, unitId: course.unitId, before: { status: course.status }, after: { status: 'finished' } }, transaction);
  });
  return getCourse(actor, id);
}
