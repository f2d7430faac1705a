// The list of courses a unit's report attaches ("Danh sách lớp"), counted in the database.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import type { CourseStatus } from '../courses/course.model.js';
import { count, isoDate } from './sql-values.js';

export interface CourseListRow {
  id: number;
  name: string;
  startDate: string;
  endDate: string;
  place: string | null;
  status: CourseStatus;
  /** Enrollments of any status (số triệu tập). */
  summoned: number;
  /** Enrollments not withdrawn (có mặt). */
  present: number;
  completed: number;
}

/** The unit's courses, not cancelled, starting inside the report's window: the courses the figures count. */
export async function loadUnitCourses(
  sequelize: Sequelize,
  actor: Actor,
  unitId: number,
  window: { from: string; to: string },
): Promise<CourseListRow[]> {
  assertInScope(actor, unitId);
  const [rows] = await sequelize.query(
    `SELECT c.id AS id, c.name AS name, c.start_date AS "startDate", c.end_date AS "endDate", c.place AS place, c.status AS status,
            COUNT(e.id) AS summoned,
            SUM(CASE WHEN e.status <> 'withdrawn' THEN 1 ELSE 0 END) AS present,
            SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END) AS completed
       FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id
      WHERE c.unit_id = :unitId AND c.status <> 'cancelled' AND c.start_date BETWEEN :from AND :to
      GROUP BY c.id, c.name, c.start_date, c.end_date, c.place, c.status
      ORDER BY c.start_date, c.id`,
    { replacements: { unitId, from: window.from, to: window.to } },
  );
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    startDate: isoDate(r.startDate)!,
    endDate: isoDate(r.endDate)!,
    place: (r.place as string | null) ?? null,
    status: r.status as CourseStatus,
    summoned: count(r.summoned),
    present: count(r.present),
    completed: count(r.completed),
  }));
}
