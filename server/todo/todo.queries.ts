// What waits for the signed-in person, counted in the database: one statement of COUNT sub-queries per role,
// every unit-owned table restricted through the one scoping place (auth/scope.ts).
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScopeSql } from '../auth/scope.js';

export interface BoardCounts {
  submittedPlans: number;
  urgingsUnacknowledged: number;
  yearCorrections: number;
  corrections: number;
}

export interface UnitCounts {
  returnedPlans: number;
  urgings: number;
  corrections: number;
  coursesWithoutResults: number;
  coursesWithoutCertificates: number;
  traineesWithoutAccounts: number;
}

export interface TraineeCounts {
  certificates: number;
  answers: number;
}

export type TodoCounts = ({ role: 'admin' } & BoardCounts) | ({ role: 'center' } & UnitCounts) | ({ role: 'trainee' } & TraineeCounts);

/** How far back a new certificate or a new answer still waits for the trainee (days). */
export const RECENT_DAYS = 30;

/** The ended courses (not cancelled, end date before today) with an enrollment that has no result yet. */
export const withoutResultsSql = (scope: string) =>
  `FROM courses c WHERE c.status <> 'cancelled' AND c.end_date < :today${scope}
     AND EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.status = 'enrolled')`;

/** Finished courses of a program with a credential where a completed enrollment has no certificate at all. */
export const withoutCertificatesSql = (scope: string) =>
  `FROM courses c JOIN programs g ON g.id = c.program_id
   WHERE c.status = 'finished' AND g.credential IS NOT NULL${scope}
     AND EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.status = 'completed'
                 AND NOT EXISTS (SELECT 1 FROM certificates k WHERE k.enrollment_id = e.id))`;

const numbers = <K extends string>(row: Record<string, unknown> | undefined, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, Number(row?.[k] ?? 0)])) as Record<K, number>;

async function one(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const [rows] = await sequelize.query(sql, { replacements });
  return (rows as Array<Record<string, unknown>>)[0];
}

export async function countTodo(sequelize: Sequelize, actor: Actor, today: string, now: Date = new Date()): Promise<TodoCounts> {
  if (actor.role === 'trainee') {
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
    const row = await one(
      sequelize,
      `SELECT
         (SELECT COUNT(*) FROM certificates k JOIN enrollments e ON e.id = k.enrollment_id
           WHERE e.trainee_id = :traineeId AND k.status = 'valid' AND k.issued_on >= :sinceDay) AS certificates,
         (SELECT COUNT(*) FROM correction_requests q
           WHERE q.trainee_id = :traineeId AND q.status = 'resolved' AND q.resolved_at >= :since) AS answers`,
      { traineeId: actor.traineeId ?? 0, since, sinceDay: since.toISOString().slice(0, 10) },
    );
    return { role: 'trainee', ...numbers(row, ['certificates', 'answers'] as const) };
  }
  if (actor.role === 'admin') {
    const s = (column: string) => unitScopeSql(actor, column).sql; // '' for the board, kept for symmetry
    const row = await one(
      sequelize,
      `SELECT
         (SELECT COUNT(*) FROM plans p WHERE p.status = 'submitted'${s('p.unit_id')}) AS submittedPlans,
         (SELECT COUNT(*) FROM urging_recipients r WHERE r.acknowledged_at IS NULL${s('r.unit_id')}) AS urgingsUnacknowledged,
         (SELECT COUNT(*) FROM year_corrections y WHERE y.status = 'pending'${s('y.unit_id')}) AS yearCorrections,
         (SELECT COUNT(*) FROM correction_requests q WHERE q.status = 'open' AND q.unit_id = :boardUnitId) AS corrections`,
      { boardUnitId: actor.unitId ?? 0 },
    );
    return { role: 'admin', ...numbers(row, ['submittedPlans', 'urgingsUnacknowledged', 'yearCorrections', 'corrections'] as const) };
  }
  const scope = (column: string) => unitScopeSql(actor, column);
  const { replacements } = scope('c.unit_id');
  const row = await one(
    sequelize,
    `SELECT
       (SELECT COUNT(*) FROM plans p WHERE p.status = 'returned'${scope('p.unit_id').sql}) AS returnedPlans,
       (SELECT COUNT(*) FROM urging_recipients r WHERE r.acknowledged_at IS NULL${scope('r.unit_id').sql}) AS urgings,
       (SELECT COUNT(*) FROM correction_requests q WHERE q.status = 'open'${scope('q.unit_id').sql}) AS corrections,
       (SELECT COUNT(*) ${withoutResultsSql(scope('c.unit_id').sql)}) AS coursesWithoutResults,
       (SELECT COUNT(*) ${withoutCertificatesSql(scope('c.unit_id').sql)}) AS coursesWithoutCertificates,
       (SELECT COUNT(DISTINCT e.trainee_id) FROM enrollments e
          JOIN courses c ON c.id = e.course_id JOIN trainees tr ON tr.id = e.trainee_id
         WHERE tr.national_id IS NOT NULL${scope('c.unit_id').sql}
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.trainee_id = e.trainee_id)) AS traineesWithoutAccounts`,
    { today, ...replacements },
  );
  return {
    role: 'center',
    ...numbers(row, ['returnedPlans', 'urgings', 'corrections', 'coursesWithoutResults', 'coursesWithoutCertificates', 'traineesWithoutAccounts'] as const),
  };
}

export interface CourseLink {
  id: number;
  name: string;
}

/** The first courses behind the two course counts, for the home page's links (at most `limit` each). */
export async function courseLinks(sequelize: Sequelize, actor: Actor, today: string, limit = 5): Promise<{ withoutResults: CourseLink[]; withoutCertificates: CourseLink[] }> {
  const { sql, replacements } = unitScopeSql(actor, 'c.unit_id');
  const list = async (from: string) => {
    const [rows] = await sequelize.query(`SELECT c.id AS id, c.name AS name ${from} ORDER BY c.end_date, c.id LIMIT ${Number(limit)}`, {
      replacements: { today, ...replacements },
    });
    return (rows as Array<{ id: number; name: string }>).map((r) => ({ id: Number(r.id), name: r.name }));
  };
  return { withoutResults: await list(withoutResultsSql(sql)), withoutCertificates: await list(withoutCertificatesSql(sql)) };
}
