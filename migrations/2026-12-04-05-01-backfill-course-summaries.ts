import type { QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Data: the course summaries of what the database already holds (the triggers keep them from here on).
// The same recount as `npm run db:rebuild-summaries`, frozen here.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.transaction(async (transaction) => {
    await qi.sequelize.query('DELETE FROM course_summaries', { transaction });
    await qi.sequelize.query(
      `INSERT INTO course_summaries (course_id, unit_id, program_id, start_date, end_date, enrolled, completed, excellent, good, fair, average, fail, scored)
       SELECT c.id, MAX(c.unit_id), MAX(c.program_id), MAX(c.start_date), MAX(c.end_date),
              COUNT(e.id),
              COUNT(CASE WHEN e.status = 'completed' THEN 1 END),
              COUNT(CASE WHEN e.grade = 'excellent' AND e.status <> 'withdrawn' THEN 1 END),
              COUNT(CASE WHEN e.grade = 'good' AND e.status <> 'withdrawn' THEN 1 END),
              COUNT(CASE WHEN e.grade = 'fair' AND e.status <> 'withdrawn' THEN 1 END),
              COUNT(CASE WHEN e.grade = 'average' AND e.status <> 'withdrawn' THEN 1 END),
              COUNT(CASE WHEN e.grade = 'fail' AND e.status <> 'withdrawn' THEN 1 END),
              COUNT(CASE WHEN e.score IS NOT NULL AND e.status <> 'withdrawn' THEN 1 END)
         FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id
        WHERE c.status <> 'cancelled'
        GROUP BY c.id`,
      { transaction },
    );
  });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DELETE FROM course_summaries');
};
