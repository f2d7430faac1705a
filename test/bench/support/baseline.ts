// The benchmark's yardstick: the same figures from ONE hand-written SQL statement sent through mysql2,
// without the app (no Sequelize, no Express, no JSON). It is the service's own SQL glued into a single
// UNION ALL that MariaDB runs start to finish on one connection; the client only adds up its rows.
import type { Connection, Pool } from 'mysql2/promise';

export interface BaselineDates {
  year: number;
  from: string;
  to: string;
  asOf: string;
}

const WINDOW = `FROM courses c JOIN enrollments e ON e.course_id = c.id
   WHERE c.status <> 'cancelled' AND c.start_date >= ? AND c.start_date <= ?`;

/** The statement's parts, each with its parameters. */
export function baselineParts(programIds: number[], d: BaselineDates): Array<{ sql: string; params: unknown[] }> {
  const ytdFrom = `${d.year}-01-01`;
  const bits = programIds.map((id, bit) => `WHEN ${Number(id)} THEN ${2 ** bit}`).join(' ');
  return [
    {
      // Targets of each unit's latest approved plan.
      sql: `SELECT 'target' AS part, p.unit_id AS k1, t.program_id AS k2, NULL AS k3, NULL AS k4,
                   t.planned_courses AS n1, t.planned_trainees AS n2, t.q1_trainees AS n3, t.q2_trainees AS n4,
                   t.q3_trainees AS n5, t.q4_trainees AS n6, NULL AS n7, NULL AS n8
              FROM plans p LEFT JOIN plan_targets t ON t.plan_id = p.id
             WHERE p.year = ? AND p.status = 'approved'
               AND p.version = (SELECT MAX(p2.version) FROM plans p2 WHERE p2.unit_id = p.unit_id AND p2.year = p.year AND p2.status = 'approved')`,
      params: [d.year],
    },
    {
      // Each course of 1/1..D with its enrollments by status and grade.
      sql: `SELECT 'course', MAX(c.unit_id), MAX(c.program_id), MAX(c.start_date), MAX(c.end_date),
                   COUNT(e.id), COUNT(CASE WHEN e.status = 'completed' THEN 1 END),
                   COUNT(CASE WHEN e.grade = 'excellent' THEN 1 END), COUNT(CASE WHEN e.grade = 'good' THEN 1 END),
                   COUNT(CASE WHEN e.grade = 'fair' THEN 1 END), COUNT(CASE WHEN e.grade = 'average' THEN 1 END),
                   COUNT(CASE WHEN e.grade = 'fail' THEN 1 END), COUNT(e.score)
              FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id
             WHERE c.status <> 'cancelled' AND c.start_date >= ? AND c.start_date <= ?
             GROUP BY c.id`,
      params: [ytdFrom, d.asOf],
    },
    {
      sql: `SELECT 'pair', c.unit_id, c.program_id, NULL, NULL, COUNT(DISTINCT e.trainee_id), NULL, NULL, NULL, NULL, NULL, NULL, NULL
            ${WINDOW} GROUP BY c.unit_id, c.program_id`,
      params: [d.from, d.to],
    },
    {
      sql: `SELECT 'unit', c.unit_id, NULL, NULL, NULL, COUNT(DISTINCT e.trainee_id), NULL, NULL, NULL, NULL, NULL, NULL, NULL
            ${WINDOW} GROUP BY c.unit_id`,
      params: [d.from, d.to],
    },
    {
      // Each trainee's set of programs; a program's, a category's and the total's persons follow from the sets.
      sql: `SELECT 'set', s.mask, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL
              FROM (SELECT BIT_OR(CASE c.program_id ${bits} ELSE 0 END) AS mask ${WINDOW} GROUP BY e.trainee_id ORDER BY NULL) s
             GROUP BY s.mask ORDER BY NULL`,
      params: [d.from, d.to],
    },
  ];
}

const HINT = 'SET STATEMENT max_heap_table_size = 67108864, tmp_table_size = 67108864 FOR ';

export type BaselineRow = [part: string, k1: unknown, k2: unknown, k3: unknown, k4: unknown, ...n: unknown[]];

/** The single statement: every part in one UNION ALL. */
export async function runBaseline(conn: Connection, programIds: number[], d: BaselineDates): Promise<BaselineRow[]> {
  const parts = baselineParts(programIds, d);
  const sql = HINT + parts.map((p) => `(${p.sql})`).join('\nUNION ALL\n');
  const [rows] = await conn.query({ sql, values: parts.flatMap((p) => p.params), rowsAsArray: true });
  return rows as BaselineRow[];
}

/** The same parts as separate statements on a pool, all at once: the lower bound of what the service can reach. */
export async function runBaselineConcurrently(pool: Pool, programIds: number[], d: BaselineDates): Promise<BaselineRow[]> {
  const results = await Promise.all(
    baselineParts(programIds, d).map((p) => pool.query({ sql: HINT + p.sql, values: p.params, rowsAsArray: true })),
  );
  return results.flatMap(([rows]) => rows as BaselineRow[]);
}

export interface BaselineTotals {
  plannedCourses: number;
  plannedTrainees: number;
  courses: number;
  enrolled: number;
  finished: number;
  completed: number;
  trainees: number;
  unitTrainees: Map<number, number>;
}

/** Adds the rows up into the province's totals, to check the service against. */
export function baselineTotals(rows: BaselineRow[], d: BaselineDates): BaselineTotals {
  const totals: BaselineTotals = { plannedCourses: 0, plannedTrainees: 0, courses: 0, enrolled: 0, finished: 0, completed: 0, trainees: 0, unitTrainees: new Map() };
  const n = (v: unknown) => Number(v ?? 0);
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  for (const [part, k1, , k3, k4, ...values] of rows) {
    if (part === 'target') {
      totals.plannedCourses += n(values[0]);
      totals.plannedTrainees += n(values[1]);
    } else if (part === 'course') {
      if (day(k3) < d.from || day(k3) > d.to) continue;
      totals.courses += 1;
      totals.enrolled += n(values[0]);
      if (day(k4) <= d.asOf) {
        totals.finished += n(values[0]);
        totals.completed += n(values[1]);
      }
    } else if (part === 'unit') totals.unitTrainees.set(n(k1), n(values[0]));
    else if (part === 'set') totals.trainees += n(values[0]);
  }
  return totals;
}
