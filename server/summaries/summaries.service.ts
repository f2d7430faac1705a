// The check and the rebuild of the course summaries: `npm run db:rebuild-summaries [-- --verify]`, and the
// check the test suite runs after its last test.
import type { Sequelize } from 'sequelize';
import { inTransaction } from '../db/transaction.js';
import { recountedSummaries, storedSummaries, SUMMARY_COUNTS, writeRecount, type CourseSummary } from './summaries.queries.js';

export interface SummaryDifference {
  courseId: number;
  /** What the course_summaries row holds; null when it has none. */
  stored: CourseSummary | null;
  /** What counting the course's enrollments gives; null when it should have none (cancelled or gone). */
  recounted: CourseSummary | null;
}

const FIELDS = ['unitId', 'programId', 'startDate', 'endDate', ...SUMMARY_COUNTS] as const;

const same = (a: CourseSummary, b: CourseSummary) => FIELDS.every((f) => a[f] === b[f]);

/** Compares every stored summary with a full recount; empty when they agree. Writes nothing. */
export async function verifySummaries(sequelize: Sequelize): Promise<SummaryDifference[]> {
  const [stored, recounted] = await Promise.all([storedSummaries(sequelize), recountedSummaries(sequelize)]);
  const byCourse = new Map<number, SummaryDifference>();
  for (const s of stored) byCourse.set(s.courseId, { courseId: s.courseId, stored: s, recounted: null });
  for (const r of recounted) {
    const d = byCourse.get(r.courseId);
    if (d) d.recounted = r;
    else byCourse.set(r.courseId, { courseId: r.courseId, stored: null, recounted: r });
  }
  return [...byCourse.values()]
    .filter((d) => !(d.stored && d.recounted && same(d.stored, d.recounted)))
    .sort((a, b) => a.courseId - b.courseId);
}

/** Recounts every summary from the base tables in one transaction; returns how many rows it wrote. */
export async function rebuildSummaries(sequelize: Sequelize): Promise<number> {
  return inTransaction(sequelize, (transaction) => writeRecount(sequelize, transaction));
}

/** One line per difference, for the command's output: ids and counts only, never personal data. */
export function describeDifference(d: SummaryDifference): string {
  const show = (s: CourseSummary | null) =>
    s === null ? 'none' : FIELDS.map((f) => `${f}=${s[f]}`).join(' ');
  return `course ${d.courseId}: stored ${show(d.stored)} | recounted ${show(d.recounted)}`;
}
