// Distinct persons (người) of the progress report: per unit × program and per unit (the rows), and across the
// units in scope per program, per category and in total. Read from person_counts (server/summaries/CONTEXT.md
// "Persons"), which triggers keep current on every write: SUM(n) over the window's days whose previous day (the
// person's, in that key) lies before the window counts each person once — a read of summary rows, whatever the
// number of enrollments. What the summaries' keys cannot give falls back to counting the window's enrollments
// (the SQL below, the report's former full scan), over the few units concerned only: rolled up, the rows that
// carry predecessors; and the figures across a scope of several named units (a center that took over units,
// a successor asked for rolled up).
import type { Sequelize } from 'sequelize';
import type { ProgramRef, SqlDates, SqlScope } from './reports.queries.js';
import { rowUnitSql } from './reports.queries.js';
import { n, select } from './sql.js';

export interface PersonCounts {
  /** Keyed "<unit id>:<program id>", by the row's unit. */
  byUnitProgram: Map<string, number>;
  byUnit: Map<number, number>;
  /** Across the units in scope. */
  byProgram: Map<number, number>;
  byCategory: Map<string, number>;
  total: number;
}

export async function personCounts(
  sequelize: Sequelize,
  programs: ProgramRef[],
  dates: SqlDates,
  scope: SqlScope,
  rollup: ReadonlyMap<number, number>,
): Promise<PersonCounts> {
  const units = scope.unitIds;
  // Units whose row is counted over more than their own courses (rolled up): they and their carriers.
  const merged = new Set([...rollup].flat());
  const acrossFromSummaries = units === null || units.length === 1;
  const [summed, rolled, sets] = await Promise.all([
    summedPersons(sequelize, dates, units),
    merged.size > 0 ? distinctTrainees(sequelize, dates, scope, rollup, [...merged]) : null,
    acrossFromSummaries ? null : programSets(sequelize, programs.map((p) => p.id), dates, scope),
  ]);
  const counts: PersonCounts = { byUnitProgram: new Map(), byUnit: new Map(), byProgram: new Map(), byCategory: new Map(), total: 0 };
  for (const r of summed) {
    const across = r.unitId === 0 || (units !== null && units.length === 1);
    if (r.unitId !== 0 && !merged.has(r.unitId)) {
      if (r.programId !== 0) counts.byUnitProgram.set(`${r.unitId}:${r.programId}`, r.trainees);
      else if (r.category === '') counts.byUnit.set(r.unitId, r.trainees);
    }
    if (!across || !acrossFromSummaries) continue;
    if (r.programId !== 0) counts.byProgram.set(r.programId, r.trainees);
    else if (r.category !== '') counts.byCategory.set(r.category, r.trainees);
    else counts.total = r.trainees;
  }
  if (rolled) {
    for (const [key, trainees] of rolled.byUnitProgram) counts.byUnitProgram.set(key, trainees);
    for (const [unitId, trainees] of rolled.byUnit) counts.byUnit.set(unitId, trainees);
  }
  if (sets) foldSets(sets, programs, counts);
  return counts;
}

interface SummedRow {
  unitId: number;
  programId: number;
  category: string;
  trainees: number;
}

/**
 * The persons of the window per key of person_counts: of every unit and across units (all units in scope), or of
 * the units named. A person counts once per key: at their first day in the window, the one whose previous day
 * lies before it.
 */
async function summedPersons(sequelize: Sequelize, dates: SqlDates, units: number[] | null): Promise<SummedRow[]> {
  const rows = await select<Record<string, unknown>>(
    sequelize,
    `SELECT s.unit_id, s.program_id, s.category, SUM(s.n) AS trainees
       FROM person_counts s
      WHERE s.day >= :from AND s.day <= :to AND s.prev_day < :from${units === null ? '' : ' AND s.unit_id IN (:summaryUnits)'}
      GROUP BY s.unit_id, s.program_id, s.category`,
    { from: dates.from, to: dates.to, ...(units === null ? {} : { summaryUnits: units }) },
  );
  return rows.map((r) => ({ unitId: n(r.unit_id), programId: n(r.program_id), category: String(r.category), trainees: n(r.trainees) }));
}

/** A program's persons are the sum over the sets that contain it; a category's over the sets that meet it; the total over all. */
function foldSets(sets: ProgramSetCount[], programs: ProgramRef[], counts: PersonCounts): void {
  for (const set of sets) {
    counts.total += set.trainees;
    const categories = new Set<string>();
    for (const index of set.programs) {
      const program = programs[index];
      if (!program) continue;
      counts.byProgram.set(program.id, (counts.byProgram.get(program.id) ?? 0) + set.trainees);
      categories.add(program.category);
    }
    for (const category of categories) counts.byCategory.set(category, (counts.byCategory.get(category) ?? 0) + set.trainees);
  }
}

const WINDOW_ENROLLMENTS = `FROM courses c JOIN enrollments e ON e.course_id = c.id
      WHERE c.status <> 'cancelled' AND c.start_date >= :from AND c.start_date <= :to`;

/**
 * Counted from the enrollments (the fallback, and the tests' oracle): distinct trainees per unit × program and
 * per unit, in the window (two small-group passes), over the courses of the units `only` names (all in scope
 * without it). Rolled up, a row's persons are counted over its predecessors' courses too, in SQL: one person in
 * courses of two predecessors counts once in the successor.
 */
export async function distinctTrainees(
  sequelize: Sequelize,
  dates: SqlDates,
  scope: SqlScope,
  rollup: ReadonlyMap<number, number> = new Map(),
  only?: number[],
): Promise<{ byUnitProgram: Map<string, number>; byUnit: Map<number, number> }> {
  const replacements = { ...dates, ...scope.replacements, ...(only ? { scanUnits: only } : {}) };
  const unit = rowUnitSql(rollup);
  const courses = `${scope.courses}${only ? ' AND c.unit_id IN (:scanUnits)' : ''}`;
  const [pairs, units] = await Promise.all([
    select<Record<string, unknown>>(
      sequelize,
      `SELECT ${unit} AS row_unit, c.program_id, COUNT(DISTINCT e.trainee_id) AS trainees ${WINDOW_ENROLLMENTS}${courses}
        GROUP BY ${unit}, c.program_id`,
      replacements,
    ),
    select<Record<string, unknown>>(
      sequelize,
      `SELECT ${unit} AS row_unit, COUNT(DISTINCT e.trainee_id) AS trainees ${WINDOW_ENROLLMENTS}${courses} GROUP BY ${unit}`,
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
 * Counted from the enrollments (the fallback, and the tests' oracle): distinct trainees across units, by program,
 * by category and in total, from one pass: each trainee's
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
