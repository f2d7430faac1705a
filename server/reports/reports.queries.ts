// The report's SQL. Every query aggregates in the database and returns at most one row per course,
// unit × program, or program mask: the number of queries and the work done in JavaScript do not grow with
// the number of enrollments. The same SQL runs on SQLite and MariaDB/MySQL; the two differences
// (the bitwise-OR aggregate and a memory hint) are isolated below.
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

const WINDOW_ENROLLMENTS = `FROM courses c JOIN enrollments e ON e.course_id = c.id
      WHERE c.status <> 'cancelled' AND c.start_date >= :from AND c.start_date <= :to`;

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

/**
 * Distinct trainees per unit × program and per unit, in the window (two small-group passes). Rolled up, a
 * row's persons are counted over its predecessors' courses too, in SQL: one person in courses of two
 * predecessors counts once in the successor.
 */
export async function distinctTrainees(
  sequelize: Sequelize,
  dates: SqlDates,
  scope: SqlScope,
  rollup: ReadonlyMap<number, number> = new Map(),
): Promise<{ byUnitProgram: Map<string, number>; byUnit: Map<number, number> }> {
  const replacements = { ...dates, ...scope.replacements };
  const unit = rowUnitSql(rollup);
  const [pairs, units] = await Promise.all([
    select<Record<string, unknown>>(
      sequelize,
      `SELECT ${unit} AS row_unit, c.program_id, COUNT(DISTINCT e.trainee_id) AS trainees ${WINDOW_ENROLLMENTS}${scope.courses}
        GROUP BY ${unit}, c.program_id`,
      replacements,
    ),
    select<Record<string, unknown>>(
      sequelize,
      `SELECT ${unit} AS row_unit, COUNT(DISTINCT e.trainee_id) AS trainees ${WINDOW_ENROLLMENTS}${scope.courses} GROUP BY ${unit}`,
      replacements,
    ),
  ]);
  return {
    byUnitProgram: new Map(pairs.map((r) => [`${n(r.row_unit)}:${n(r.program_id)}`, n(r.trainees)])),
    byUnit: new Map(units.map((r) => [n(r.row_unit), n(r.trainees)])),
  };
}

/** Bits per mask column: JavaScript's bitwise operators and every driver handle 30 bits exactly. */
const BITS_PER_MASK = 30;

/** Which programs one group of trainees attended in the window, and how many trainees share that set. */
export interface ProgramSetCount {
  /** Indexes into the program list. */
  programs: number[];
  trainees: number;
}

/**
 * Distinct trainees across units, by program, by category and in total, from one pass: each trainee's
 * set of programs in the window (a bit mask, OR-ed in SQL) and how many trainees share each set. A
 * program's count is the sum over the sets that contain it; a category's over the sets that meet it;
 * the total over all sets. Exact, and at most 2^programs rows come back (in practice about a hundred).
 */
export async function programSets(
  sequelize: Sequelize,
  programIds: number[],
  dates: SqlDates,
  scope: SqlScope,
): Promise<ProgramSetCount[]> {
  if (programIds.length === 0) return [];
  const mysql = sequelize.getDialect() !== 'sqlite';
  const columns: string[] = [];
  for (let start = 0, k = 0; start < programIds.length; start += BITS_PER_MASK, k++) {
    const cases = programIds
      .slice(start, start + BITS_PER_MASK)
      .map((id, bit) => `WHEN ${Number(id)} THEN ${2 ** bit}`)
      .join(' ');
    // SQLite has no BIT_OR; the sum of the distinct powers of two it sees is the same number.
    columns.push(`${mysql ? 'BIT_OR' : 'SUM(DISTINCT'}(CASE c.program_id ${cases} ELSE 0 END)${mysql ? '' : ')'} AS m${k}`);
  }
  const names = columns.map((_c, k) => `s.m${k}`).join(', ');
  const sql =
    (await memoryHint(sequelize)) +
    // ORDER BY NULL: MariaDB would otherwise sort the ~500,000 per-trainee rows for nothing.
    `SELECT ${names}, COUNT(*) AS trainees
       FROM (SELECT ${columns.join(', ')} ${WINDOW_ENROLLMENTS}${scope.courses} GROUP BY e.trainee_id ORDER BY NULL) s
      GROUP BY ${names} ORDER BY NULL`;
  const rows = await select<Record<string, unknown>>(sequelize, sql, { ...dates, ...scope.replacements });
  return rows.map((r) => {
    const programs: number[] = [];
    columns.forEach((_c, k) => {
      const mask = n(r[`m${k}`]);
      for (let bit = 0; bit < BITS_PER_MASK; bit++) if (mask & (1 << bit)) programs.push(k * BITS_PER_MASK + bit);
    });
    return { programs, trainees: n(r.trainees) };
  });
}

const mariaDbOf = new WeakMap<Sequelize, Promise<boolean>>();

/**
 * On MariaDB, the per-trainee grouping above (one row per trainee of the year: ~500,000 at national
 * scale) overflows the default 16 MB in-memory temporary table and goes to disk, which doubles its time.
 * The statement is allowed 64 MB for itself only. MySQL 8's TempTable engine needs no such hint; SQLite has
 * no such limit.
 */
async function memoryHint(sequelize: Sequelize): Promise<string> {
  if (sequelize.getDialect() !== 'mysql') return '';
  let known = mariaDbOf.get(sequelize);
  if (!known) {
    known = select<{ v: string }>(sequelize, 'SELECT VERSION() AS v', {}).then(
      (rows) => /mariadb/i.test(String(rows[0]?.v ?? '')),
      () => false,
    );
    mariaDbOf.set(sequelize, known);
  }
  return (await known) ? 'SET STATEMENT max_heap_table_size = 67108864, tmp_table_size = 67108864 FOR ' : '';
}
