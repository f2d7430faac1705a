// The persons' summaries (tables person_days and person_counts, kept by the triggers of migration 2026-12-05-01-00,
// CONTEXT.md "Persons"): the full recount from enrollments and courses that the check compares them with and the
// rebuild writes. The check compares in SQL (EXCEPT both ways): person_days holds a row per trainee, key and day.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** The previous day of a person's first day in a key: before any window. */
export const NO_DAY = '1000-01-01';

const KEY = 'day, prev_day, unit_id, program_id, category';

/**
 * Every person's (key, day, previous day): for each trainee, the distinct start days of their courses not
 * cancelled, in each grouping key — unit × program, unit × category, unit (unit_id > 0), and program,
 * category, all units (unit_id 0); program_id 0 and category '' where the key has none.
 */
export const PERSON_DAYS_SQL = `SELECT d.trainee_id, d.unit_id, d.program_id, d.category, d.day,
       COALESCE(LAG(d.day) OVER (PARTITION BY d.trainee_id, d.unit_id, d.program_id, d.category ORDER BY d.day), '${NO_DAY}') AS prev_day
  FROM (SELECT DISTINCT e.trainee_id,
               CASE WHEN k.kind <= 3 THEN c.unit_id ELSE 0 END AS unit_id,
               CASE WHEN k.kind IN (1, 4) THEN c.program_id ELSE 0 END AS program_id,
               CASE WHEN k.kind IN (2, 5) THEN p.category ELSE '' END AS category,
               c.start_date AS day
          FROM enrollments e
          JOIN courses c ON c.id = e.course_id
          JOIN programs p ON p.id = c.program_id
          CROSS JOIN (SELECT 1 AS kind UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) k
         WHERE c.status <> 'cancelled') d`;

/** The persons per (key, day, previous day), counted from the recount. */
const PERSON_COUNTS_SQL = `SELECT ${KEY}, COUNT(*) AS n FROM (${PERSON_DAYS_SQL}) r GROUP BY ${KEY}`;

export interface PersonDayRow {
  traineeId: number;
  unitId: number;
  programId: number;
  category: string;
  day: string;
  prevDay: string;
}

export interface PersonCountRow {
  unitId: number;
  programId: number;
  category: string;
  day: string;
  prevDay: string;
  n: number;
}

const isoDate = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toDay(r: Record<string, unknown>): PersonDayRow {
  return {
    traineeId: Number(r.trainee_id),
    unitId: Number(r.unit_id),
    programId: Number(r.program_id),
    category: String(r.category),
    day: isoDate(r.day),
    prevDay: isoDate(r.prev_day),
  };
}

function toCount(r: Record<string, unknown>): PersonCountRow {
  return { unitId: Number(r.unit_id), programId: Number(r.program_id), category: String(r.category), day: isoDate(r.day), prevDay: isoDate(r.prev_day), n: Number(r.n) };
}

/** At most this many differences of each kind and side are read back: the check names some, the count says how many. */
const SHOWN = 200;

/** Rows of `a` that `b` lacks (a set difference computed by the database), at most SHOWN of them. */
async function except(sequelize: Sequelize, a: string, b: string, columns: string): Promise<Record<string, unknown>[]> {
  return sequelize.query<Record<string, unknown>>(
    `SELECT ${columns} FROM (SELECT ${columns} FROM (${a}) a EXCEPT SELECT ${columns} FROM (${b}) b) x ORDER BY ${columns} LIMIT ${SHOWN}`,
    { type: QueryTypes.SELECT },
  );
}

const DAY_COLUMNS = `trainee_id, ${KEY}`;
const STORED_DAYS = `SELECT ${DAY_COLUMNS} FROM person_days`;
const COUNT_COLUMNS = `${KEY}, n`;
// A count moved down to zero stays as a row of 0 until the next rebuild: it adds nothing to any sum.
const STORED_COUNTS = `SELECT ${COUNT_COLUMNS} FROM person_counts WHERE n <> 0`;

export interface PersonDifferences {
  /** person_days rows the triggers kept that the recount does not give, and recounted rows missing from the table. */
  days: { stored: PersonDayRow[]; recounted: PersonDayRow[] };
  counts: { stored: PersonCountRow[]; recounted: PersonCountRow[] };
}

export async function personDifferences(sequelize: Sequelize): Promise<PersonDifferences> {
  const [storedDays, recountedDays, storedCounts, recountedCounts] = await Promise.all([
    except(sequelize, STORED_DAYS, PERSON_DAYS_SQL, DAY_COLUMNS),
    except(sequelize, PERSON_DAYS_SQL, STORED_DAYS, DAY_COLUMNS),
    except(sequelize, STORED_COUNTS, PERSON_COUNTS_SQL, COUNT_COLUMNS),
    except(sequelize, PERSON_COUNTS_SQL, STORED_COUNTS, COUNT_COLUMNS),
  ]);
  return {
    days: { stored: storedDays.map(toDay), recounted: recountedDays.map(toDay) },
    counts: { stored: storedCounts.map(toCount), recounted: recountedCounts.map(toCount) },
  };
}

/** Replaces every persons' row and count by the recount, in the caller's transaction; returns how many days. */
export async function writePersonRecount(sequelize: Sequelize, transaction: Transaction): Promise<number> {
  await sequelize.query('DELETE FROM person_counts', { transaction });
  await sequelize.query('DELETE FROM person_days', { transaction });
  await sequelize.query(`INSERT INTO person_days (${DAY_COLUMNS}) SELECT ${DAY_COLUMNS} FROM (${PERSON_DAYS_SQL}) r`, { transaction });
  await sequelize.query(`INSERT INTO person_counts (${COUNT_COLUMNS}) SELECT ${KEY}, COUNT(*) FROM person_days GROUP BY ${KEY}`, { transaction });
  const [row] = await sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM person_days', { type: QueryTypes.SELECT, transaction });
  return Number(row?.n ?? 0);
}
