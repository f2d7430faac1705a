// The drill-down pages' SQL: the courses of a unit (or of one program in it) with their enrollments
// counted, and the years the selector offers.
import type { Sequelize } from 'sequelize';
import type { SqlDates, SqlScope } from './reports.queries.js';
import { isoDate, n, RESULT_COUNTS, select } from './sql.js';

export interface CourseListRow {
  id: number;
  name: string;
  programCode: string;
  programName: string;
  startDate: string;
  endDate: string;
  place: string | null;
  status: string;
  enrolled: number;
  withdrawn: number;
  completed: number;
  excellent: number;
  good: number;
  fair: number;
  average: number;
  fail: number;
  scored: number;
}

/**
 * The courses of one row's units (one unit; rolled up, with its predecessors) and optionally one program that
 * started in the window, cancelled ones included.
 */
export async function courseList(
  sequelize: Sequelize,
  unitIds: number[],
  programId: number | null,
  dates: Pick<SqlDates, 'from' | 'to'>,
): Promise<CourseListRow[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT c.id, MAX(c.name) AS name, MAX(p.code) AS program_code, MAX(p.name) AS program_name,
            MAX(c.start_date) AS start_date, MAX(c.end_date) AS end_date, MAX(c.place) AS place, MAX(c.status) AS status,
            COUNT(e.id) AS enrolled,
            COUNT(CASE WHEN e.status = 'withdrawn' THEN 1 END) AS withdrawn,
            COUNT(CASE WHEN e.status = 'completed' THEN 1 END) AS completed,
            ${RESULT_COUNTS}
       FROM courses c JOIN programs p ON p.id = c.program_id LEFT JOIN enrollments e ON e.course_id = c.id
      WHERE c.unit_id IN (:unitIds) AND c.start_date >= :from AND c.start_date <= :to${programId === null ? '' : ' AND c.program_id = :programId'}
      GROUP BY c.id
      ORDER BY MAX(c.start_date), c.id`,
    { unitIds, programId, from: dates.from, to: dates.to },
  );
  return rows.map((r) => ({
    id: n(r.id),
    name: String(r.name),
    programCode: String(r.program_code),
    programName: String(r.program_name),
    startDate: isoDate(r.start_date),
    endDate: isoDate(r.end_date),
    place: r.place === null || r.place === undefined ? null : String(r.place),
    status: String(r.status),
    enrolled: n(r.enrolled),
    withdrawn: n(r.withdrawn),
    completed: n(r.completed),
    excellent: n(r.excellent),
    good: n(r.good),
    fair: n(r.fair),
    average: n(r.average),
    fail: n(r.fail),
    scored: n(r.scored),
  }));
}

/**
 * The years the report selector offers (those with plans or courses in scope), `withFigures`: the latest
 * year up to `upTo` that has something to report — a course not cancelled, or an approved plan (a draft
 * alone gives an empty report: issue #11.3) — and `nextWithFigures`, the first such year after it.
 */
export async function dataYears(
  sequelize: Sequelize,
  scope: SqlScope,
  upTo: number,
): Promise<{ first: number | null; last: number | null; withFigures: number | null; nextWithFigures: number | null }> {
  const yearOf = (v: unknown) => (v === null || v === undefined ? null : Number(String(v instanceof Date ? v.toISOString() : v).slice(0, 4)));
  const [[courses], [plans]] = await Promise.all([
    select<Record<string, unknown>>(
      sequelize,
      `SELECT MIN(c.start_date) AS first, MAX(c.start_date) AS last,
              MAX(CASE WHEN c.status <> 'cancelled' AND c.start_date <= :upToDay THEN c.start_date END) AS figures,
              MIN(CASE WHEN c.status <> 'cancelled' AND c.start_date > :upToDay THEN c.start_date END) AS later
         FROM courses c WHERE 1 = 1${scope.courses}`,
      { ...scope.replacements, upToDay: `${upTo}-12-31` },
    ),
    select<Record<string, unknown>>(
      sequelize,
      `SELECT MIN(p.year) AS first, MAX(p.year) AS last,
              MAX(CASE WHEN p.status = 'approved' AND p.year <= :upTo THEN p.year END) AS figures,
              MIN(CASE WHEN p.status = 'approved' AND p.year > :upTo THEN p.year END) AS later
         FROM plans p WHERE 1 = 1${scope.plans}`,
      { ...scope.replacements, upTo },
    ),
  ]);
  const years = [courses?.first, courses?.last, plans?.first, plans?.last].map(yearOf).filter((y): y is number => y !== null);
  const figures = [courses?.figures, plans?.figures].map(yearOf).filter((y): y is number => y !== null);
  const later = [courses?.later, plans?.later].map(yearOf).filter((y): y is number => y !== null);
  return {
    nextWithFigures: later.length === 0 ? null : Math.min(...later),
    first: years.length === 0 ? null : Math.min(...years),
    last: years.length === 0 ? null : Math.max(...years),
    withFigures: figures.length === 0 ? null : Math.max(...figures),
  };
}
