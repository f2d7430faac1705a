// Opening a course: a center in its own unit, the board in the unit it names.
import type { Actor } from '../auth/actor.js';
import { owningUnit } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { Course, Unit } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { assertUnitOpen } from '../units/index.js';
import { assertYearOpen } from '../year-closing/index.js';
import { suggestCourseName } from './course-form.js';
import { effectiveStatus } from './course-status.js';
import { getCourse, type CourseView } from './course-view.js';
import { activeProgram, auditable, dateOrderError } from './course-writes.js';

const sequelize = () => Course.sequelize!;

export interface CourseInput {
  /** The board names the unit; a center's own unit is used whatever is given here. */
  unitId?: number | null;
  programId: number;
  /** Blank: the suggested name. */
  name?: string | null;
  startDate: string;
  endDate: string;
  place?: string | null;
  capacity: number;
  note?: string | null;
}

export async function createCourse(actor: Actor, input: CourseInput): Promise<CourseView> {
  const unitId = owningUnit(actor, input.unitId);
  if (input.endDate < input.startDate) throw dateOrderError();
  const id = await inTransaction(sequelize(), async (transaction) => {
    const unit = await Unit.findByPk(unitId, { transaction });
    if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'courses.errors.unknownUnit' } });
    if (unit.kind === 'board') throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'courses.errors.boardRunsNoCourses' } });
    const today = todayInVietnam();
    await assertUnitOpen(unitId, input.startDate > today ? input.startDate : today, 'unitId', transaction);
    // A course counts in the year of its start date: none is opened into a closed year.
    await assertYearOpen(unitId, input.startDate, 'startDate', transaction);
    await activeProgram(input.programId, transaction);
    const name = input.name || (await suggestCourseName(unitId, input.programId, Number(input.startDate.slice(0, 4)), transaction));
    const course = await Course.create(
      {
        unitId,
        programId: input.programId,
        name,
        startDate: input.startDate,
        endDate: input.endDate,
        place: input.place ?? null,
        capacity: input.capacity,
        note: input.note ?? null,
        status: effectiveStatus('planned', input.startDate, todayInVietnam()),
        createdBy: actor.id,
      },
      { transaction },
    );
    await audit(actor, { action: 'create', entityType: 'course', entityId: course.id, unitId, after: auditable(course) }, transaction);
    return course.id;
  });
  return getCourse(actor, id);
}
