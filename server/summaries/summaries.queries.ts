// The course summaries (table course_summaries, kept by the triggers of migration 2026-12-04-05-00): what is
// stored, and the full recount from courses and enrollments that the check compares it with and the rebuild
// writes. The recount is the report's former full-scan SQL, kept here as the check and the tests' oracle.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export const SUMMARY_COUNTS = ['enrolled', 'completed', 'excellent', 'good', 'fair', 'average', 'fail', 'scored'] as const;
export type SummaryCount = (typeof SUMMARY_COUNTS)[number];

export type CourseSummary = {
  courseId: number;
  unitId: number;
  programId: number;
  startDate: string;
  endDate: string;
} & Record<SummaryCount, number>;

const COLUMNS = `course_id, unit_id, program_id, start_date, end_date, ${SUMMARY_COUNTS.join(', ')}`;

/** One row per course not cancelled, counted from its enrollments (a withdrawn one in no grade and not scored). */
export const RECOUNT_SQL = `SELECT c.id AS course_id, MAX(c.unit_id) AS unit_id, MAX(c.program_id) AS program_id,
            MAX(c.start_date) AS start_date, MAX(c.end_date) AS end_date,
            COUNT(e.id) AS enrolled,
            COUNT(CASE WHEN e.status = 'completed' THEN 1 END) AS completed,
            COUNT(CASE WHEN e.grade = 'excellent' AND e.status <> 'withdrawn' THEN 1 END) AS excellent,
            COUNT(CASE WHEN e.grade = 'good' AND e.status <> 'withdrawn' THEN 1 END) AS good,
            COUNT(CASE WHEN e.grade = 'fair' AND e.status <> 'withdrawn' THEN 1 END) AS fair,
            COUNT(CASE WHEN e.grade = 'average' AND e.status <> 'withdrawn' THEN 1 END) AS average,
            COUNT(CASE WHEN e.grade = 'fail' AND e.status <> 'withdrawn' THEN 1 END) AS fail,
            COUNT(CASE WHEN e.score IS NOT NULL AND e.status <> 'withdrawn' THEN 1 END) AS scored
       FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id
      WHERE c.status <> 'cancelled'
      GROUP BY c.id`;

const isoDate = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toSummary(r: Record<string, unknown>): CourseSummary {
  const row = {
    courseId: Number(r.course_id),
    unitId: Number(r.unit_id),
    programId: Number(r.program_id),
    startDate: isoDate(r.start_date),
    endDate: isoDate(r.end_date),
  } as CourseSummary;
  for (const k of SUMMARY_COUNTS) row[k] = Number(r[k] ?? 0);
  return row;
}

export async function recountedSummaries(sequelize: Sequelize, transaction?: Transaction): Promise<CourseSummary[]> {
  const rows = await sequelize.query<Record<string, unknown>>(`${RECOUNT_SQL} ORDER BY c.id`, { type: QueryTypes.SELECT, transaction });
  return rows.map(toSummary);
}

export async function storedSummaries(sequelize: Sequelize, transaction?: Transaction): Promise<CourseSummary[]> {
  const rows = await sequelize.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM course_summaries ORDER BY course_id`, { type: QueryTypes.SELECT, transaction });
  return rows.map(toSummary);
}

/** Replaces every stored summary by the recount, in the caller's transaction. */
export async function writeRecount(sequelize: Sequelize, transaction: Transaction): Promise<number> {
  await sequelize.query('DELETE FROM course_summaries', { transaction });
  await sequelize.query(`INSERT INTO course_summaries (${COLUMNS}) ${RECOUNT_SQL}`, { transaction });
  const [row] = await sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM course_summaries', { type: QueryTypes.SELECT, transaction });
  return Number(row?.n ?? 0);
}
