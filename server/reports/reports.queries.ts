// The report's SQL. Every query aggregates in the database and returns at most one row per course or
// unit × program: the number of queries and the work done in JavaScript do not grow with the number of
// enrollments. The same SQL runs on SQLite and MariaDB/MySQL. Distinct persons: persons.queries.ts.
import type { Sequelize } from 'sequelize';
import type { ProgramCategory } from '../programs/program.model.js';
import { isoDate, n, nOrNull, select } from './sql.js';

/** Which units a query covers: a fragment to append to a WHERE clause, for each alias used. */
export interface SqlScope {
  /** " AND c.unit_id = :…" or "" */
  courses: string;
  plans: string;
  units: string;
  replacements: Record<string, number | number[]>;
  /** The units the courses fragment lets through, or null for every unit (the board, no unit asked for). */
  unitIds: number[] | null;
}

/** The dates every query is parameterised with. An empty window or year has `to` before `from`. */
export interface SqlDates {
  /** The period's window. */
  from: string;
  to: string;
  /** 1 January of the year and D: "year to date", what lagging is measured on. */
  ytdFrom: string;
  ytdTo: string;
  asOf: string;
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
  /** The kind of the event that ended the unit (a unit ends once); null while it exists. */
  endedBy: 'merge' | 'split' | 'dissolve' | null;
}

/** Every unit in scope, in display order; the service keeps the training units of the year and any unit with data. */
export async function loadUnits(sequelize: Sequelize, scope: SqlScope): Promise<UnitRef[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT u.id, u.code, u.name, u.kind, u.valid_from, u.valid_to,
            (SELECT MAX(ev.kind) FROM unit_events ev WHERE ev.unit_id = u.id AND ev.kind IN ('merge', 'split', 'dissolve')) AS ended_by
       FROM units u WHERE 1 = 1${scope.units} ORDER BY u.sort_order, u.id`,
    scope.replacements,
  );
  return rows.map((r) => ({
    id: n(r.id),
    code: String(r.code),
    name: String(r.name),
    kind: String(r.kind),
    validFrom: isoDate(r.valid_from),
    validTo: r.valid_to === null || r.valid_to === undefined ? null : isoDate(r.valid_to),
    endedBy: r.ended_by === null || r.ended_by === undefined ? null : (String(r.ended_by) as UnitRef['endedBy']),
  }));
}

export interface ProgramRef {
  id: number;
  code: string;
  name: string;
  category: ProgramCategory;
  active: boolean;
}

export async function loadPrograms(sequelize: Sequelize): Promise<ProgramRef[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    'SELECT id, code, name, category, active FROM programs ORDER BY sort_order, id',
    {},
  );
  return rows.map((r) => ({
    id: n(r.id),
    code: String(r.code),
    name: String(r.name),
    category: String(r.category) as ProgramCategory,
    active: r.active === true || Number(r.active) === 1,
  }));
}

export interface TargetRow {
  unitId: number;
  /** null: the approved plan has no target at all (it still counts as a plan). */
  programId: number | null;
  plannedCourses: number;
  plannedTrainees: number;
  quarters: Array<number | null>;
  quarterCourses: Array<number | null>;
}

/** The targets of each unit's latest approved plan for the year: the approved plan with the highest version. */
export async function loadTargets(sequelize: Sequelize, year: number, scope: SqlScope): Promise<TargetRow[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT p.unit_id, t.program_id, t.planned_courses, t.planned_trainees,
            t.q1_trainees, t.q2_trainees, t.q3_trainees, t.q4_trainees,
            t.q1_courses, t.q2_courses, t.q3_courses, t.q4_courses
       FROM plans p LEFT JOIN plan_targets t ON t.plan_id = p.id
      WHERE p.year = :year AND p.status = 'approved'${scope.plans}
        AND p.version = (SELECT MAX(p2.version) FROM plans p2
                          WHERE p2.unit_id = p.unit_id AND p2.year = p.year AND p2.status = 'approved')`,
    { year, ...scope.replacements },
  );
  return rows.map((r) => ({
    unitId: n(r.unit_id),
    programId: nOrNull(r.program_id),
    plannedCourses: n(r.planned_courses),
    plannedTrainees: n(r.planned_trainees),
    quarters: [nOrNull(r.q1_trainees), nOrNull(r.q2_trainees), nOrNull(r.q3_trainees), nOrNull(r.q4_trainees)],
    quarterCourses: [nOrNull(r.q1_courses), nOrNull(r.q2_courses), nOrNull(r.q3_courses), nOrNull(r.q4_courses)],
  }));
}

export interface CourseCounts {
  unitId: number;
  programId: number;
  /** Started within the period's window (the query itself covers 1/1 to D). */
  inWindow: boolean;
  /** The quarter it started in, 0 (Q1) … 3. */
  quarter: number;
  /** Ended on or before D. */
  ended: boolean;
  enrolled: number;
  completed: number;
  excellent: number;
  good: number;
  fair: number;
  average: number;
  fail: number;
  scored: number;
}

/**
 * One row per course not cancelled that started between 1/1 and D, with its enrollments counted by status
 * and grade: read from course_summaries (server/summaries), which triggers keep current on every write, so
 * the report no longer joins the year's enrollments. The service adds these course rows into unit × program
 * rows. The full-scan recount the summaries replace is the check's (server/summaries/summaries.queries.ts).
 */
export async function courseCounts(sequelize: Sequelize, dates: SqlDates, scope: SqlScope): Promise<CourseCounts[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT c.unit_id, c.program_id, c.start_date, c.end_date, c.enrolled, c.completed,
            c.excellent, c.good, c.fair, c.average, c.fail, c.scored
       FROM course_summaries c
      WHERE c.start_date >= :ytdFrom AND c.start_date <= :ytdTo${scope.courses}`,
    { ...dates, ...scope.replacements },
  );
  return rows.map((r) => {
    const start = isoDate(r.start_date);
    return {
      unitId: n(r.unit_id),
      programId: n(r.program_id),
      inWindow: start >= dates.from && start <= dates.to,
      quarter: Math.floor((Number(start.slice(5, 7)) - 1) / 3),
      ended: isoDate(r.end_date) <= dates.asOf,
      enrolled: n(r.enrolled),
      completed: n(r.completed),
      excellent: n(r.excellent),
      good: n(r.good),
      fair: n(r.fair),
      average: n(r.average),
      fail: n(r.fail),
      scored: n(r.scored),
    };
  });
}

/**
 * The unit a course's figures are counted in, as SQL: `c.unit_id`, or with units rolled up into their
 * successors `CASE c.unit_id WHEN 3 THEN 20 … ELSE c.unit_id END`. Built from ids only (each checked to be
 * an integer), never from anything a request carries.
 */
export function rowUnitSql(rollup: ReadonlyMap<number, number>): string {
  if (rollup.size === 0) return 'c.unit_id';
  const cases = [...rollup]
    .sort(([a], [b]) => a - b)
    .map(([from, to]) => {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error(`Not a unit id: ${from} → ${to}`);
      return `WHEN ${Number(from)} THEN ${Number(to)}`;
    });
  return `CASE c.unit_id ${cases.join(' ')} ELSE c.unit_id END`;
}
