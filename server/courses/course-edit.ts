// Editing a course's fields under its row lock, from the version the editor read.
import type { Actor } from '../auth/actor.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Course } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { effectiveStatus, emptyCounts } from './course-status.js';
import { courseCounts, getCourse, lockCourse, type CourseView } from './course-view.js';
import { activeProgram, assertVersion, auditable, dateOrderError, type CourseWriteOptions } from './course-writes.js';
import { assertYearOpen } from '../year-closing/index.js';

const sequelize = () => Course.sequelize!;

export interface CourseChanges {
  programId?: number;
  name?: string;
  startDate?: string;
  endDate?: string;
  /** null clears it. */
  place?: string | null;
  capacity?: number;
  note?: string | null;
}

export async function updateCourse(actor: Actor, id: number, lockVersion: number, changes: CourseChanges, options: CourseWriteOptions = {}): Promise<CourseView> {
  await inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, id, transaction);
    await assertVersion(actor, course, lockVersion, transaction);
    const finished = course.status === 'finished';
    if (course.status === 'cancelled' || (finished && !options.correcting)) throw new AppError('conflict', 'courses.errors.closed');
    // The year the course counts in now, then (below) the one it would move to.
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as CourseChanges;
    const next = { ...auditable(course), ...defined };
    if (next.endDate < next.startDate) throw dateOrderError();
    if (next.startDate.slice(0, 4) !== course.startDate.slice(0, 4)) await assertYearOpen(course.unitId, next.startDate, 'startDate', transaction);
    const today = todayInVietnam();
    if (finished && next.endDate > today) throw new AppError('invalid', 'common.errors.invalid', { fields: { endDate: 'courses.errors.finishedEndsLater' } });
    const counts = (await courseCounts([id], transaction)).get(id) ?? emptyCounts();
    if (next.programId !== course.programId) {
      await activeProgram(next.programId, transaction);
      if (counts.completed + counts.failed > 0) {
        throw new AppError('invalid', 'common.errors.invalid', { fields: { programId: 'courses.errors.programLocked' } });
      }
    }
    if (next.capacity < counts.active) {
      throw new AppError('invalid', 'common.errors.invalid', { fields: { capacity: 'courses.errors.capacityBelowEnrolled' }, params: { count: counts.active } });
    }
    next.status = finished ? 'finished' : effectiveStatus('planned', next.startDate, today);
    const { unitId: _unit, ...values } = next;
    await updateVersioned(Course, id, lockVersion, values, { transaction });
    const diff = changedFields(auditable(course), next);
    await audit(actor, { action: 'update', entityType: 'course', entityId: id, unitId: course.unitId, ...diff }, transaction);
  }, options.transaction);
  return getCourse(actor, id, options.transaction);
}
