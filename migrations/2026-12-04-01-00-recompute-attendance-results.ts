import { QueryTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Data, no schema change: issue #11 made a scored program's minimum attendance count (programs/grading.ts).
// Enrollments stored as completed under the old rule although their recorded attendance is below their
// program's share are worked out again — failed with the grade Không đạt once the course has ended, pending
// before — each with an audit row of the system ("results", before and after). Left alone, on purpose:
// - enrollments holding a valid certificate: an issued certificate is never revoked silently; the results grid
//   says on their row that the attendance is short (server/enrollments/CONTEXT.md lists them with a query);
// - enrollments with a score and no attendance recorded: nothing says their attendance was short, and making
//   them pending would reopen courses already finished.
// The SQL is the rule itself, frozen here: a migration never imports the code it might outlive.
const MARK = 'migration 2026-12-04-01-00';

interface Candidate {
  id: number;
  unit_id: number;
  grade: string | null;
  ended: number | string;
}

/** Today in Vietnam (UTC+7, no daylight saving), as the app counts a course's end. */
const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const sequelize = qi.sequelize;
  await sequelize.transaction(async (transaction) => {
    const rows = await sequelize.query<Candidate>(
      `SELECT e.id, c.unit_id, e.grade, CASE WHEN c.end_date <= :today THEN 1 ELSE 0 END AS ended
         FROM enrollments e
         JOIN courses c ON c.id = e.course_id
         JOIN programs p ON p.id = c.program_id
        WHERE p.completion_rule = 'score' AND p.min_attendance > 0
          AND e.status = 'completed' AND e.attendance IS NOT NULL AND e.attendance < p.min_attendance
          AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.enrollment_id = e.id AND x.status = 'valid')
        ORDER BY e.id`,
      { type: QueryTypes.SELECT, replacements: { today: todayInVietnam() }, transaction },
    );
    const now = new Date();
    for (const r of rows) {
      const after = Number(r.ended) === 1 ? { status: 'failed', grade: 'fail' } : { status: 'enrolled', grade: null };
      await sequelize.query(
        `UPDATE enrollments SET status = :status, grade = :grade, lock_version = lock_version + 1, updated_at = :now
          WHERE id = :id AND status = 'completed'`,
        { replacements: { ...after, now, id: r.id }, transaction },
      );
      await sequelize.query(
        `INSERT INTO audit_logs (created_at, user_id, username, unit_id, action, entity_type, entity_id, before_data, after_data, request_id)
         VALUES (:now, NULL, NULL, :unitId, 'results', 'enrollment', :id, :before, :after, :mark)`,
        {
          replacements: { now, unitId: r.unit_id, id: r.id, before: JSON.stringify({ status: 'completed', grade: r.grade }), after: JSON.stringify(after), mark: MARK },
          transaction,
        },
      );
    }
  });
};

/** Puts back what `up` changed, where nothing has changed the enrollment since, and drops its audit rows. */
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const sequelize = qi.sequelize;
  await sequelize.transaction(async (transaction) => {
    const rows = await sequelize.query<{ entity_id: number; before_data: string; after_data: string }>(
      `SELECT entity_id, before_data, after_data FROM audit_logs WHERE request_id = :mark ORDER BY id`,
      { type: QueryTypes.SELECT, replacements: { mark: MARK }, transaction },
    );
    for (const r of rows) {
      const before = JSON.parse(r.before_data) as { status: string; grade: string | null };
      const after = JSON.parse(r.after_data) as { status: string; grade: string | null };
      await sequelize.query(
        `UPDATE enrollments SET status = :status, grade = :grade, lock_version = lock_version + 1
          WHERE id = :id AND status = :afterStatus AND ${after.grade === null ? 'grade IS NULL' : 'grade = :afterGrade'}`,
        { replacements: { status: before.status, grade: before.grade, id: r.entity_id, afterStatus: after.status, afterGrade: after.grade }, transaction },
      );
    }
    await sequelize.query('DELETE FROM audit_logs WHERE request_id = :mark', { replacements: { mark: MARK }, transaction });
  });
};
