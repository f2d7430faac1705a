// One course as pages and the API show it (scoped, with counts and permissions), its row lock, and the
// enrollment counts every course list needs.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Course, Program, Unit } from '../db/models.js';
import { forUpdate } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { toProgramRow, type ProgramRow } from '../programs/programs.service.js';
import type { CourseStatus } from './course.model.js';
import { effectiveStatus, emptyCounts, permissionsOf, type CourseCounts, type CoursePermissions } from './course-status.js';
import { closedYear, type ClosedYear } from '../year-closing/index.js';

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
  /** The course's year (of its start date) is closed for its unit: changes go through a correction request. */
  closedYear: ClosedYear | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CourseWithRefs = Course & { unit?: Unit; program?: Program };

export function summarize(course: CourseWithRefs, unit: Unit, program: Program, counts: CourseCounts, today: string): CourseSummary {
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

export const courseRefs = [
  { model: Unit, as: 'unit', attributes: ['id', 'code', 'name', 'shortName'] },
  { model: Program, as: 'program' },
];

export interface GetCourseOptions {
  /**
   * Counts from a caller that reads the whole roster anyway (instead of the GROUP BY), called only once the
   * course is known to be in scope.
   */
  counts?: () => Promise<CourseCounts>;
}

/**
 * A course the actor may see, with its program's rules, counts and what may be done to it. Another unit's
 * course is not found. Other workstreams use this for any page hung under /courses/:id.
 */
export async function getCourse(actor: Actor, id: number, transaction?: Transaction, options: GetCourseOptions = {}): Promise<CourseView> {
  const course = (await Course.findByPk(id, { include: courseRefs, transaction })) as CourseWithRefs | null;
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  const [counts, closed] = await Promise.all([
    options.counts ? options.counts() : courseCounts([id], transaction).then((all) => all.get(id) ?? emptyCounts()),
    closedYear(course.unitId, course.startDate, transaction),
  ]);
  const today = todayInVietnam();
  const summary = summarize(course, course.unit!, course.program!, counts, today);
  const can = permissionsOf(summary, counts, course.capacity, today);
  return {
    ...summary,
    program: toProgramRow(course.program!),
    ended: course.endDate <= today,
    // A closed year's figures stay as reported: only certificates may still be issued (they are no figure).
    can: closed ? { ...can, edit: false, cancel: false, finish: false, enroll: false, results: false } : can,
    closedYear: closed,
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
