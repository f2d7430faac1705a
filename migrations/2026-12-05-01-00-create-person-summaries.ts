import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable } from './support/schema.js';

// Distinct persons kept current on write (issue #12, server/summaries/CONTEXT.md "Persons"). For each trainee and
// each grouping key (unit × program, unit × category, unit; program, category, all units), the distinct start
// days of the trainee's courses not cancelled, each with the trainee's previous such day in that key
// (`person_days`). A person counts in a window [f, t] iff one of their days lies in it, and exactly one of those
// has its previous day before f: so `person_counts`, the number of persons per (key, day, previous day), gives
// any window's distinct persons as SUM(n) WHERE day BETWEEN f AND t AND prev_day < f — a read whose size does not
// grow with the enrollments. Triggers recompute a touched trainee's rows from their enrollments (a few rows) and
// move the counts by the difference, in the writing statement and so its transaction. The SQL is frozen here.

/** The previous day of a first day: before any window. */
const NO_DAY = '1000-01-01';

/** The grouping keys each enrollment falls in: 1 unit × program, 2 unit × category, 3 unit, 4 program, 5 category, 6 all. */
const KINDS = 'SELECT 1 AS kind UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6';

/** The person_days rows of the trainees whose enrollments (alias e) `who` selects, recomputed from the base tables. */
export const computed = (who: string) => `SELECT d.trainee_id, d.unit_id, d.program_id, d.category, d.day,
       COALESCE(LAG(d.day) OVER (PARTITION BY d.trainee_id, d.unit_id, d.program_id, d.category ORDER BY d.day), '${NO_DAY}') AS prev_day
  FROM (SELECT DISTINCT e.trainee_id,
               CASE WHEN k.kind <= 3 THEN c.unit_id ELSE 0 END AS unit_id,
               CASE WHEN k.kind IN (1, 4) THEN c.program_id ELSE 0 END AS program_id,
               CASE WHEN k.kind IN (2, 5) THEN p.category ELSE '' END AS category,
               c.start_date AS day
          FROM enrollments e
          JOIN courses c ON c.id = e.course_id
          JOIN programs p ON p.id = c.program_id
          CROSS JOIN (${KINDS}) k
         WHERE c.status <> 'cancelled' AND ${who}) d`;

export const KEY = 'day, prev_day, unit_id, program_id, category';

/**
 * Recomputes the rows of some trainees: the counts move by (new rows − old rows), only where they differ, in one
 * statement (so the count rows are locked in one pass); then the trainees' rows are replaced.
 * `enrollments` selects them among enrollments (alias e), `pairs` among person_days rows.
 */
function recompute(mysql: boolean, who: { enrollments: string; pairs: string }): string {
  const upsert = mysql ? 'ON DUPLICATE KEY UPDATE n = n + VALUES(n)' : `ON CONFLICT (${KEY}) DO UPDATE SET n = n + excluded.n`;
  return `INSERT INTO person_counts (${KEY}, n)
      SELECT x.day, x.prev_day, x.unit_id, x.program_id, x.category, SUM(x.w)
        FROM (SELECT ${KEY}, -1 AS w FROM person_days WHERE ${who.pairs}
              UNION ALL
              SELECT ${KEY}, 1 AS w FROM (${computed(who.enrollments)}) r) x
       WHERE 1 = 1
       GROUP BY x.day, x.prev_day, x.unit_id, x.program_id, x.category
      HAVING SUM(x.w) <> 0
      ${upsert};
    DELETE FROM person_days WHERE ${who.pairs};
    INSERT INTO person_days (trainee_id, ${KEY}) SELECT trainee_id, ${KEY} FROM (${computed(who.enrollments)}) r;`;
}

/** Trainees given as an SQL list (ids or a subquery), the work done only when `when` holds. */
const trainees = (list: string, when = '1 = 1') => ({
  enrollments: `e.trainee_id IN (${list}) AND ${when}`,
  pairs: `trainee_id IN (${list}) AND ${when}`,
});

/** What changes who counts where: a course's unit, program, start day, id, or whether it is cancelled. */
const COURSE_MOVES = `(OLD.unit_id <> NEW.unit_id OR OLD.program_id <> NEW.program_id OR OLD.start_date <> NEW.start_date
  OR OLD.id <> NEW.id OR (OLD.status = 'cancelled') <> (NEW.status = 'cancelled'))`;

function triggers(mysql: boolean): Record<string, string> {
  const body = (who: { enrollments: string; pairs: string }) => `BEGIN ${recompute(mysql, who)} END`;
  return {
    person_summaries_enrollment_insert: `AFTER INSERT ON enrollments FOR EACH ROW ${body(trainees('NEW.trainee_id'))}`,
    person_summaries_enrollment_update: `AFTER UPDATE ON enrollments FOR EACH ROW ${body(
      trainees('OLD.trainee_id, NEW.trainee_id', '(OLD.course_id <> NEW.course_id OR OLD.trainee_id <> NEW.trainee_id)'),
    )}`,
    person_summaries_enrollment_delete: `AFTER DELETE ON enrollments FOR EACH ROW ${body(trainees('OLD.trainee_id'))}`,
    person_summaries_course_update: `AFTER UPDATE ON courses FOR EACH ROW ${body(
      trainees('SELECT en.trainee_id FROM enrollments en WHERE en.course_id IN (OLD.id, NEW.id)', COURSE_MOVES),
    )}`,
    person_summaries_program_update: `AFTER UPDATE ON programs FOR EACH ROW ${body(
      trainees(
        'SELECT en.trainee_id FROM enrollments en JOIN courses co ON co.id = en.course_id WHERE co.program_id IN (OLD.id, NEW.id)',
        '(OLD.category <> NEW.category OR OLD.id <> NEW.id)',
      ),
    )}`,
  };
}

const keyColumns = () => ({
  /** 0: across units. */
  unit_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
  /** 0: no program (a category, a unit or all). */
  program_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
  /** '': no category. */
  category: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
  day: { type: DataTypes.DATEONLY, allowNull: false, primaryKey: true },
  /** The person's previous day in the key; 1000-01-01 when there is none. */
  prev_day: { type: DataTypes.DATEONLY, allowNull: false, primaryKey: true },
});

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const mysql = qi.sequelize.getDialect() === 'mysql';
  // Derived data, no foreign keys. Primary key: a trainee's rows together (the triggers replace them).
  await createTable(qi, 'person_days', {
    trainee_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    ...keyColumns(),
    prev_day: { ...keyColumns().prev_day, primaryKey: false },
  });
  // Primary key in the order the report reads: the window's days, then the previous day it filters on.
  await createTable(qi, 'person_counts', {
    day: keyColumns().day,
    prev_day: keyColumns().prev_day,
    unit_id: keyColumns().unit_id,
    program_id: keyColumns().program_id,
    category: keyColumns().category,
    n: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  // One unit's report reads its own keys only.
  await qi.addIndex('person_counts', ['unit_id', 'day', 'prev_day'], { name: 'person_counts_unit_day' });
  for (const [name, body] of Object.entries(triggers(mysql))) await qi.sequelize.query(`CREATE TRIGGER ${name} ${body}`);
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const name of Object.keys(triggers(false))) await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${name}`);
  await qi.dropTable('person_counts');
  await qi.dropTable('person_days');
};
