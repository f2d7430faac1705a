// Courses: one unit's offering of a program. A center works on its own unit's courses only; the board sees all.
import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, owningUnit, unitScope } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Course, Enrollment, Program, Unit } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { t } from '../i18n/index.js';
import { formatDate, todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf } from '../programs/grading.js';
import { toProgramRow, type ProgramRow } from '../programs/programs.service.js';
import type { CourseStatus } from './course.model.js';
import { effectiveStatus, emptyCounts, isClosed, lowerFirst, permissionsOf, type CourseCounts, type CoursePermissions } from './course-status.js';
import { assertUnitOpen } from '../units/index.js';

export const COURSES_PER_PAGE = 20;

const sequelize = () => Course.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

export interface CourseSummary {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  programId: number;
  programCode: string;
  programName: string;
  name: string;
  startDate: string;
  endDate: string;
  place: string | null;
  capacity: number;
  status: CourseStatus;
  cancelReason: string | null;
  note: string | null;
  lockVersion: number;
  counts: CourseCounts;
  seatsLeft: number;
}

export interface CourseView extends CourseSummary {
  program: ProgramRow;
  /** The end date is today or past: attendance below the program's share now means `failed`. */
  ended: boolean;
  can: CoursePermissions;
  createdAt: Date;
  updatedAt: Date;
}

type CourseWithRefs = Course & { unit?: Unit; program?: Program };

function summarize(course: CourseWithRefs, unit: Unit, program: Program, counts: CourseCounts, today: string): CourseSummary {
  return {
    id: course.id,
    unitId: course.unitId,
    unitCode: unit.code,
    unitName: unit.name,
    programId: course.programId,
    programCode: program.code,
    programName: program.name,
    name: course.name,
    startDate: course.startDate,
    endDate: course.endDate,
    place: course.place ?? null,
    capacity: course.capacity,
    status: effectiveStatus(course.status, course.startDate, today),
    cancelReason: course.cancelReason ?? null,
    note: course.note ?? null,
    lockVersion: course.lockVersion,
    counts,
    seatsLeft: Math.max(0, course.capacity - counts.active),
  };
}

/** The course as the API shows it, and as a version conflict reports it. */
export function courseJson(c: CourseSummary) {
  return {
    id: c.id,
    unitCode: c.unitCode,
    unitName: c.unitName,
    programCode: c.programCode,
    programName: c.programName,
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    place: c.place,
    capacity: c.capacity,
    status: c.status,
    cancelReason: c.cancelReason,
    note: c.note,
    lockVersion: c.lockVersion,
    counts: c.counts,
    seatsLeft: c.seatsLeft,
  };
}
export type CourseJson = ReturnType<typeof courseJson>;

/** Enrollment counts per course, in one GROUP BY. */
export async function courseCounts(courseIds: number[], transaction?: Transaction): Promise<Map<number, CourseCounts>> {
  const result = new Map<number, CourseCounts>();
  if (courseIds.length === 0) return result;
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT course_id AS "courseId",
            COUNT(*) AS "enrolled",
            SUM(CASE WHEN status <> 'withdrawn' THEN 1 ELSE 0 END) AS "active",
            SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END) AS "withdrawn",
            SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS "completed",
            SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS "failed",
            SUM(CASE WHEN status = 'enrolled' THEN 1 ELSE 0 END) AS "pending"
       FROM enrollments WHERE course_id IN (:ids) GROUP BY course_id`,
    { replacements: { ids: courseIds }, type: QueryTypes.SELECT, transaction },
  );
  for (const r of rows) {
    result.set(Number(r.courseId), {
      enrolled: Number(r.enrolled ?? 0),
      active: Number(r.active ?? 0),
      withdrawn: Number(r.withdrawn ?? 0),
      completed: Number(r.completed ?? 0),
      failed: Number(r.failed ?? 0),
      pending: Number(r.pending ?? 0),
    });
  }
  return result;
}

const refs = [
  { model: Unit, as: 'unit', attributes: ['id', 'code', 'name', 'shortName'] },
  { model: Program, as: 'program' },
];

/**
 * A course the actor may see, with its program's rules, counts and what may be done to it. Another unit's
 * course is not found. Other workstreams use this for any page hung under /courses/:id.
 */
export async function getCourse(actor: Actor, id: number, transaction?: Transaction): Promise<CourseView> {
  const course = (await Course.findByPk(id, { include: refs, transaction })) as CourseWithRefs | null;
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  const counts = (await courseCounts([id], transaction)).get(id) ?? emptyCounts();
  const today = todayInVietnam();
  const summary = summarize(course, course.unit!, course.program!, counts, today);
  return {
    ...summary,
    program: toProgramRow(course.program!),
    ended: course.endDate <= today,
    can: permissionsOf(summary, counts, course.capacity, today),
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
}

/**
 * Locks the course row for the rest of the transaction (SELECT … FOR UPDATE on MariaDB; SQLite's IMMEDIATE
 * transactions already serialize writers) and checks scope. Call it FIRST in the transaction: on MariaDB the
 * snapshot of later plain reads starts after the lock is granted, so they see what the previous holder wrote.
 */
export async function lockCourse(actor: Actor, id: number, transaction: Transaction): Promise<Course> {
  const course = await Course.findByPk(id, forUpdate(transaction));
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  return course;
}

export interface CourseFilter {
  year?: number;
  programCode?: string;
  status?: CourseStatus;
  /** The board only; ignored for a center. */
  unitCode?: string;
  page: number;
}

/** The list's `where`: the actor's scope and the filters (planned/open by the start date, as the status is shown). */
async function courseWhere(actor: Actor, filter: Omit<CourseFilter, 'page'>, today: string): Promise<WhereOptions<Course>> {
  const where: Record<string | symbol, unknown> = { ...unitScope(actor) };
  if (filter.year) where.startDate = { [Op.between]: [`${filter.year}-01-01`, `${filter.year}-12-31`] };
  if (filter.programCode) {
    const program = await Program.findOne({ where: { code: filter.programCode.toUpperCase() } });
    where.programId = program?.id ?? 0;
  }
  if (filter.unitCode && actor.role === 'admin') {
    const unit = await Unit.findOne({ where: { code: filter.unitCode.toUpperCase() } });
    where.unitId = unit?.id ?? 0;
  }
  if (filter.status === 'planned' || filter.status === 'open') {
    const dates = filter.status === 'planned' ? { [Op.gt]: today } : { [Op.lte]: today };
    where[Op.and] = [{ status: ['planned', 'open'] }, { startDate: dates }];
  } else if (filter.status) {
    where.status = filter.status;
  }
  return where as WhereOptions<Course>;
}

export async function listCourses(actor: Actor, filter: CourseFilter): Promise<{ courses: CourseSummary[]; pager: PageInfo }> {
  const today = todayInVietnam();
  const where = await courseWhere(actor, filter, today);
  const { limit, offset } = pageWindow(filter.page, COURSES_PER_PAGE);
  const { rows, count } = await Course.findAndCountAll({
    where,
    include: refs,
    order: [['startDate', 'DESC'], ['id', 'DESC']],
    limit,
    offset,
  });
  const counts = await courseCounts(rows.map((c) => c.id));
  const courses = (rows as CourseWithRefs[]).map((c) => summarize(c, c.unit!, c.program!, counts.get(c.id) ?? emptyCounts(), today));
  return { courses, pager: pageInfo(count, filter.page, COURSES_PER_PAGE) };
}

/** Every course of the list with these filters, in the list's order: for exports (a few thousand at most). */
export async function listAllCourses(actor: Actor, filter: Omit<CourseFilter, 'page'>): Promise<CourseSummary[]> {
  const today = todayInVietnam();
  const rows = (await Course.findAll({ where: await courseWhere(actor, filter, today), include: refs, order: [['startDate', 'DESC'], ['id', 'DESC']] })) as CourseWithRefs[];
  const counts = await courseCounts(rows.map((c) => c.id));
  return rows.map((c) => summarize(c, c.unit!, c.program!, counts.get(c.id) ?? emptyCounts(), today));
}

/** "Lớp bồi dưỡng nhận thức về Đảng khóa 3 năm 2025": the unit's next number for that program and year. */
export async function suggestCourseName(unitId: number, programId: number, year: number, transaction?: Transaction): Promise<string> {
  const program = await Program.findByPk(programId, { transaction });
  if (!program) return '';
  const count = await Course.count({
    where: { unitId, programId, startDate: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    transaction,
  });
  // A course name is data written in Vietnamese whatever the reader's language.
  return t('vi', 'courses.nameSuggestion', { prefix: `${t('vi', 'courses.namePrefix')} ${lowerFirst(program.name)}`, number: count + 1, year });
}

export interface CourseFormOptions {
  programs: Array<{ id: number; code: string; name: string }>;
  /** Only for the board, which picks the organising unit. */
  units: Array<{ id: number; code: string; name: string }>;
}

export async function courseFormOptions(actor: Actor): Promise<CourseFormOptions> {
  const programs = await Program.findAll({ where: { active: true }, order: [['sortOrder', 'ASC']], attributes: ['id', 'code', 'name'] });
  const units =
    actor.role === 'admin'
      ? await Unit.findAll({
          // A unit that has ceased takes no new course: it is not offered.
          where: { kind: { [Op.ne]: 'board' }, [Op.or]: [{ validTo: null }, { validTo: { [Op.gte]: todayInVietnam() } }] },
          order: [['sortOrder', 'ASC']],
          attributes: ['id', 'code', 'name'],
        })
      : [];
  return {
    programs: programs.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
  };
}

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

async function activeProgram(programId: number, transaction: Transaction): Promise<Program> {
  const program = await Program.findByPk(programId, { transaction });
  if (!program) throw new AppError('invalid', 'common.errors.invalid', { fields: { programId: 'courses.errors.unknownProgram' } });
  if (!program.active) throw new AppError('invalid', 'common.errors.invalid', { fields: { programId: 'courses.errors.inactiveProgram' } });
  return program;
}

const dateOrderError = () => new AppError('invalid', 'common.errors.invalid', { fields: { endDate: 'courses.errors.endBeforeStart' } });

const auditable = (c: Course) => ({
  unitId: c.unitId,
  programId: c.programId,
  name: c.name,
  startDate: c.startDate,
  endDate: c.endDate,
  place: c.place ?? null,
  capacity: c.capacity,
  status: c.status,
  note: c.note ?? null,
});

export async function createCourse(actor: Actor, input: CourseInput): Promise<CourseView> {
  const unitId = owningUnit(actor, input.unitId);
  if (input.endDate < input.startDate) throw dateOrderError();
  const id = await inTransaction(sequelize(), async (transaction) => {
    const unit = await Unit.findByPk(unitId, { transaction });
    if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'courses.errors.unknownUnit' } });
    if (unit.kind === 'board') throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'courses.errors.boardRunsNoCourses' } });
    const today = todayInVietnam();
    await assertUnitOpen(unitId, input.startDate > today ? input.startDate : today, 'unitId', transaction);
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

async function currentJson(actor: Actor, id: number, transaction: Transaction) {
  return courseJson(await getCourse(actor, id, transaction));
}

/** Refuses a save made from an old copy, with the course as it is now. */
async function assertVersion(actor: Actor, course: Course, lockVersion: number, transaction: Transaction): Promise<void> {
  if (course.lockVersion !== lockVersion) {
    throw new AppError('conflict', 'common.errors.stale', { details: await currentJson(actor, course.id, transaction) });
  }
}

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

export async function updateCourse(actor: Actor, id: number, lockVersion: number, changes: CourseChanges): Promise<CourseView> {
  await inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, id, transaction);
    await assertVersion(actor, course, lockVersion, transaction);
    if (isClosed(course.status)) throw new AppError('conflict', 'courses.errors.closed');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as CourseChanges;
    const next = { ...auditable(course), ...defined };
    if (next.endDate < next.startDate) throw dateOrderError();
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
    next.status = effectiveStatus('planned', next.startDate, todayInVietnam());
    const { unitId: _unit, ...values } = next;
    await updateVersioned(Course, id, lockVersion, values, { transaction });
    const diff = changedFields(auditable(course), next);
    await audit(actor, { action: 'update', entityType: 'course', entityId: id, unitId: course.unitId, ...diff }, transaction);
  });
  return getCourse(actor, id);
}

export async function cancelCourse(actor: Actor, id: number, lockVersion: number, reason: string): Promise<CourseView> {
  await inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, id, transaction);
    await assertVersion(actor, course, lockVersion, transaction);
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
  });
  return getCourse(actor, id);
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
