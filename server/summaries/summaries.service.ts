// The check and the rebuild of the summaries (course_summaries, person_days, person_counts):
// `npm run db:rebuild-summaries [-- --verify]`, and the check the test suite runs after its last test.
import type { Sequelize } from 'sequelize';
import { inTransaction } from '../db/transaction.js';
import { personDifferences, writePersonRecount, type PersonCountRow, type PersonDayRow } from './persons.queries.js';
import { recountedSummaries, storedSummaries, SUMMARY_COUNTS, writeRecount, type CourseSummary } from './summaries.queries.js';

export interface CourseDifference {
  table: 'course_summaries';
  courseId: number;
  /** What the course_summaries row holds; null when it has none. */
  stored: CourseSummary | null;
  /** What counting the course's enrollments gives; null when it should have none (cancelled or gone). */
  recounted: CourseSummary | null;
}

/** A persons' row only one side has: `stored` (kept by the triggers, not in the recount) or `recounted` (missing). */
export type PersonDifference =
  | { table: 'person_days'; side: 'stored' | 'recounted'; row: PersonDayRow }
  | { table: 'person_counts'; side: 'stored' | 'recounted'; row: PersonCountRow };

export type SummaryDifference = CourseDifference | PersonDifference;

const FIELDS = ['unitId', 'programId', 'startDate', 'endDate', ...SUMMARY_COUNTS] as const;

const same = (a: CourseSummary, b: CourseSummary) => FIELDS.every((f) => a[f] === b[f]);

async function courseDifferences(sequelize: Sequelize): Promise<CourseDifference[]> {
  const [stored, recounted] = await Promise.all([storedSummaries(sequelize), recountedSummaries(sequelize)]);
  const byCourse = new Map<number, CourseDifference>();
  for (const s of stored) byCourse.set(s.courseId, { table: 'course_summaries', courseId: s.courseId, stored: s, recounted: null });
  for (const r of recounted) {
    const d = byCourse.get(r.courseId);
    if (d) d.recounted = r;
    else byCourse.set(r.courseId, { table: 'course_summaries', courseId: r.courseId, stored: null, recounted: r });
  }
  return [...byCourse.values()]
    .filter((d) => !(d.stored && d.recounted && same(d.stored, d.recounted)))
    .sort((a, b) => a.courseId - b.courseId);
}

/** Compares every stored summary with a full recount; empty when they agree. Writes nothing. */
export async function verifySummaries(sequelize: Sequelize): Promise<SummaryDifference[]> {
  const [courses, persons] = await Promise.all([courseDifferences(sequelize), personDifferences(sequelize)]);
  const sides = <R>(table: 'person_days' | 'person_counts', rows: { stored: R[]; recounted: R[] }) => [
    ...rows.stored.map((row) => ({ table, side: 'stored' as const, row })),
    ...rows.recounted.map((row) => ({ table, side: 'recounted' as const, row })),
  ];
  return [...courses, ...(sides('person_days', persons.days) as PersonDifference[]), ...(sides('person_counts', persons.counts) as PersonDifference[])];
}

/** Recounts every summary from the base tables in one transaction; returns how many rows it wrote of each. */
export async function rebuildSummaries(sequelize: Sequelize): Promise<{ courses: number; personDays: number }> {
  return inTransaction(sequelize, async (transaction) => ({
    courses: await writeRecount(sequelize, transaction),
    personDays: await writePersonRecount(sequelize, transaction),
  }));
}

/** One line per difference, for the command's output: ids, dates and counts only, never personal data. */
export function describeDifference(d: SummaryDifference): string {
  if (d.table === 'course_summaries') {
    const show = (s: CourseSummary | null) => (s === null ? 'none' : FIELDS.map((f) => `${f}=${s[f]}`).join(' '));
    return `course ${d.courseId}: stored ${show(d.stored)} | recounted ${show(d.recounted)}`;
  }
  const r = d.row;
  const key = `unit=${r.unitId} program=${r.programId} category=${r.category || '-'} day=${r.day} prev=${r.prevDay}`;
  const only = d.side === 'stored' ? 'stored, not in the recount' : 'in the recount, not stored';
  return 'traineeId' in r ? `${d.table} trainee ${r.traineeId} ${key}: ${only}` : `${d.table} ${key} n=${r.n}: ${only}`;
}
