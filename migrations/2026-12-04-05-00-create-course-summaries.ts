import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable } from './support/schema.js';

// One row per course not cancelled with its enrollments counted by status and grade (server/summaries/CONTEXT.md):
// what the progress report read by joining every enrollment of the year. Kept current by triggers, in the
// statement (so the transaction) of every write to courses or enrollments, whoever makes it: services, imports,
// seeders, a maintenance UPDATE. Counters are moved by deltas on the course's row, which takes that row's lock,
// so concurrent writers never lose each other's counts. The SQL is frozen here, as every migration's is.
const count = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });

/** The summary columns moved by one enrollment row (alias r: NEW or OLD), and the sign to move them by. */
function moves(r: 'NEW' | 'OLD', sign: '+' | '-'): string {
  const kept = `${r}.status <> 'withdrawn'`;
  const grade = (g: string) => `${g} = ${g} ${sign} CASE WHEN ${r}.grade = '${g}' AND ${kept} THEN 1 ELSE 0 END`;
  return [
    `enrolled = enrolled ${sign} 1`,
    `completed = completed ${sign} CASE WHEN ${r}.status = 'completed' THEN 1 ELSE 0 END`,
    ...['excellent', 'good', 'fair', 'average', 'fail'].map(grade),
    `scored = scored ${sign} CASE WHEN ${r}.score IS NOT NULL AND ${kept} THEN 1 ELSE 0 END`,
  ].join(', ');
}

const COLUMNS = 'course_id, unit_id, program_id, start_date, end_date, enrolled, completed, excellent, good, fair, average, fail, scored';

/** A course's row counted from its enrollments (used when a cancelled course is taken back). */
const RECOUNT = `SELECT NEW.id, NEW.unit_id, NEW.program_id, NEW.start_date, NEW.end_date,
       COUNT(e.id),
       COUNT(CASE WHEN e.status = 'completed' THEN 1 END),
       COUNT(CASE WHEN e.grade = 'excellent' AND e.status <> 'withdrawn' THEN 1 END),
       COUNT(CASE WHEN e.grade = 'good' AND e.status <> 'withdrawn' THEN 1 END),
       COUNT(CASE WHEN e.grade = 'fair' AND e.status <> 'withdrawn' THEN 1 END),
       COUNT(CASE WHEN e.grade = 'average' AND e.status <> 'withdrawn' THEN 1 END),
       COUNT(CASE WHEN e.grade = 'fail' AND e.status <> 'withdrawn' THEN 1 END),
       COUNT(CASE WHEN e.score IS NOT NULL AND e.status <> 'withdrawn' THEN 1 END)
  FROM (SELECT 1 AS one) k LEFT JOIN enrollments e ON e.course_id = NEW.id`;

// Same syntax on SQLite and MariaDB/MySQL (no DELIMITER: that is a client's, and one CREATE is one statement).
const TRIGGERS: Record<string, string> = {
  course_summaries_course_insert: `AFTER INSERT ON courses FOR EACH ROW BEGIN
    INSERT INTO course_summaries (${COLUMNS})
      SELECT NEW.id, NEW.unit_id, NEW.program_id, NEW.start_date, NEW.end_date, 0, 0, 0, 0, 0, 0, 0, 0
        FROM (SELECT 1 AS one) k WHERE NEW.status <> 'cancelled';
  END`,
  course_summaries_course_update: `AFTER UPDATE ON courses FOR EACH ROW BEGIN
    DELETE FROM course_summaries WHERE course_id = OLD.id AND (NEW.status = 'cancelled' OR OLD.status = 'cancelled' OR NEW.id <> OLD.id);
    INSERT INTO course_summaries (${COLUMNS})
      ${RECOUNT} WHERE NEW.status <> 'cancelled' AND (OLD.status = 'cancelled' OR NEW.id <> OLD.id) GROUP BY k.one;
    UPDATE course_summaries SET unit_id = NEW.unit_id, program_id = NEW.program_id, start_date = NEW.start_date, end_date = NEW.end_date
     WHERE course_id = NEW.id;
  END`,
  course_summaries_course_delete: `AFTER DELETE ON courses FOR EACH ROW BEGIN
    DELETE FROM course_summaries WHERE course_id = OLD.id;
  END`,
  course_summaries_enrollment_insert: `AFTER INSERT ON enrollments FOR EACH ROW BEGIN
    UPDATE course_summaries SET ${moves('NEW', '+')} WHERE course_id = NEW.course_id;
  END`,
  course_summaries_enrollment_update: `AFTER UPDATE ON enrollments FOR EACH ROW BEGIN
    UPDATE course_summaries SET ${moves('OLD', '-')} WHERE course_id = OLD.course_id;
    UPDATE course_summaries SET ${moves('NEW', '+')} WHERE course_id = NEW.course_id;
  END`,
  course_summaries_enrollment_delete: `AFTER DELETE ON enrollments FOR EACH ROW BEGIN
    UPDATE course_summaries SET ${moves('OLD', '-')} WHERE course_id = OLD.course_id;
  END`,
};

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'course_summaries', {
    // No foreign key: the row is derived data, and the delete trigger runs after the course is gone.
    course_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    unit_id: { type: DataTypes.INTEGER, allowNull: false },
    program_id: { type: DataTypes.INTEGER, allowNull: false },
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    enrolled: count(),
    completed: count(),
    excellent: count(),
    good: count(),
    fair: count(),
    average: count(),
    fail: count(),
    scored: count(),
  });
  // The report reads the courses of 1/1–D, of one unit or all.
  await qi.addIndex('course_summaries', ['start_date', 'unit_id'], { name: 'course_summaries_start_unit' });
  for (const [name, body] of Object.entries(TRIGGERS)) await qi.sequelize.query(`CREATE TRIGGER ${name} ${body}`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const name of Object.keys(TRIGGERS)) await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${name}`);
  await qi.dropTable('course_summaries');
};
