// The breakdowns' SQL: the enrollments of the progress report's window (same scope, same dates, cancelled
// courses left out) grouped by one trainee or enrollment attribute. Every query aggregates in the database
// and returns one row per stored value (per spelling, for free text), whatever the number of enrollments.
import type { Sequelize } from 'sequelize';
import type { SqlDates, SqlScope } from './reports.queries.js';
import { n, select } from './sql.js';

/** What one group of enrollments counts, as the progress report counts them. */
export interface GroupCounts {
  /** Enrollments (lượt), any status. */
  enrolled: number;
  /** Distinct persons. */
  trainees: number;
  /** Enrollments of courses ended on or before D. */
  finished: number;
  /** Among those, status completed. */
  completed: number;
}

export interface ValueCounts extends GroupCounts {
  /** The value as stored (trimmed; free text spelled as entered); null when not recorded. */
  value: string | null;
}

const WINDOW = `FROM courses c JOIN enrollments e ON e.course_id = c.id JOIN trainees t ON t.id = e.trainee_id
      WHERE c.status <> 'cancelled' AND c.start_date >= :from AND c.start_date <= :to`;

const COUNTS = `COUNT(*) AS enrolled, COUNT(DISTINCT e.trainee_id) AS trainees,
            COUNT(CASE WHEN c.end_date <= :asOf THEN 1 END) AS finished,
            COUNT(CASE WHEN c.end_date <= :asOf AND e.status = 'completed' THEN 1 END) AS completed`;

/**
 * The attributes broken down by, as SQL over the aliases of WINDOW. Free text is trimmed, blank is
 * missing, and it is compared byte for byte: MariaDB's utf8mb4_unicode_ci would otherwise fold case and
 * accents ("Thôn Hà" and "Thôn Hạ" as one) while SQLite folds neither; case is folded afterwards, alike on
 * both (breakdowns.ts).
 */
export type BreakdownColumn = 'gender' | 'ethnicity' | 'partyStatus' | 'sendingOrg';

function columnSql(sequelize: Sequelize, column: BreakdownColumn): string {
  const exact = sequelize.getDialect() === 'sqlite' ? '' : ' COLLATE utf8mb4_bin';
  switch (column) {
    case 'gender':
      return 't.gender';
    case 'partyStatus':
      return 't.party_status';
    case 'ethnicity':
      return `NULLIF(TRIM(t.ethnicity), '')${exact}`;
    case 'sendingOrg':
      return `NULLIF(TRIM(e.sending_org), '')${exact}`;
  }
}

const countsOf = (r: Record<string, unknown>): GroupCounts => ({
  enrolled: n(r.enrolled),
  trainees: n(r.trainees),
  finished: n(r.finished),
  completed: n(r.completed),
});

/** One row per stored value of the attribute among the window's enrollments. */
export async function countsByValue(sequelize: Sequelize, column: BreakdownColumn, dates: SqlDates, scope: SqlScope): Promise<ValueCounts[]> {
  const value = columnSql(sequelize, column);
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT ${value} AS value, ${COUNTS} ${WINDOW}${scope.courses} GROUP BY ${value}`,
    { ...dates, ...scope.replacements },
  );
  return rows.map((r) => ({ value: r.value === null || r.value === undefined ? null : String(r.value), ...countsOf(r) }));
}

/**
 * Distinct persons of groups of spellings of a free-text attribute: group i holds the spellings of
 * `groups[i]`; every other spelling falls in the remainder (`rest`), a missing value in `missing`. One pass,
 * at most groups + 2 rows. A person sent by two organisations counts in both groups, once in each.
 */
export async function traineesByGroup(
  sequelize: Sequelize,
  column: BreakdownColumn,
  groups: string[][],
  dates: SqlDates,
  scope: SqlScope,
): Promise<{ byGroup: number[]; rest: number; missing: number }> {
  const value = columnSql(sequelize, column);
  const replacements: Record<string, unknown> = { ...dates, ...scope.replacements };
  const cases = groups.map((spellings, i) => {
    replacements[`group${i}`] = spellings;
    return `WHEN ${value} IN (:group${i}) THEN ${i}`;
  });
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT g.grp, COUNT(DISTINCT g.trainee_id) AS trainees
       FROM (SELECT CASE WHEN ${value} IS NULL THEN -2 ${cases.join(' ')} ELSE -1 END AS grp, e.trainee_id ${WINDOW}${scope.courses}) g
      GROUP BY g.grp`,
    replacements,
  );
  const byGroup = groups.map(() => 0);
  let rest = 0;
  let missing = 0;
  for (const r of rows) {
    const grp = n(r.grp);
    if (grp === -2) missing = n(r.trainees);
    else if (grp === -1) rest = n(r.trainees);
    else byGroup[grp] = n(r.trainees);
  }
  return { byGroup, rest, missing };
}
