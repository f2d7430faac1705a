// Saving the results grid: every changed row of a course in one transaction, under the course's lock.
import type { Actor } from '../auth/actor.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { effectiveStatus, lockCourse } from '../courses/index.js';
import { Enrollment } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf } from '../programs/grading.js';
import { certifiedIds, num, rulesOf, sequelize } from './enrollments.queries.js';
import { changedByUser, sameValue, type GridSubmission } from './results-grid.js';
import { assertYearOpen } from '../year-closing/index.js';

export interface SaveResultsOutcome {
  saved: number;
}

/**
 * Saves the grid in one transaction. Rows the user did not change are left alone; a changed row that someone
 * else saved meanwhile refuses the whole save (409, nothing written) and names the rows with their current
 * values; a row with an issued certificate cannot change.
 */
export async function saveResults(actor: Actor, courseId: number, submissions: GridSubmission[]): Promise<SaveResultsOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, courseId, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const today = todayInVietnam();
    const status = effectiveStatus(course.status, course.startDate, today);
    if (status !== 'open' && status !== 'finished') throw new AppError('conflict', 'enrollments.errors.resultsNotOpen');
    const rules = await rulesOf(course.programId, transaction);
    const ids = submissions.map((s) => s.id);
    const rows = ids.length ? await Enrollment.findAll({ where: { courseId, id: ids }, transaction }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const certified = await certifiedIds(ids, transaction);

    const stale: Record<string, unknown> = {};
    const locked: Record<string, string> = {};
    const writes: Array<{ e: Enrollment; s: GridSubmission }> = [];
    for (const s of submissions) {
      const e = byId.get(s.id);
      const current = { attendance: num(e?.attendance), score: num(e?.score) };
      if (!changedByUser(s, current)) continue;
      if (!e || e.status === 'withdrawn') {
        stale[`e${s.id}`] = { id: s.id, status: e?.status ?? null };
        continue;
      }
      if (sameValue(s.attendance, current.attendance) && sameValue(s.score, current.score)) continue;
      if (e.lockVersion !== s.lockVersion) {
        stale[`e${s.id}`] = { id: e.id, ...current, grade: e.grade ?? null, status: e.status, lockVersion: e.lockVersion };
        continue;
      }
      if (certified.has(e.id)) {
        if (!sameValue(s.attendance, current.attendance)) locked[`a_${e.id}`] = 'enrollments.results.locked';
        if (!sameValue(s.score, current.score)) locked[`s_${e.id}`] = 'enrollments.results.locked';
        continue;
      }
      writes.push({ e, s });
    }
    const staleCount = Object.keys(stale).length;
    if (staleCount > 0) throw new AppError('conflict', 'enrollments.results.stale', { params: { count: staleCount }, details: { rows: stale } });
    if (Object.keys(locked).length > 0) throw new AppError('invalid', 'enrollments.results.invalid', { fields: locked });

    for (const { e, s } of writes) {
      const result = resultOf(rules, { score: s.score, attendance: s.attendance, withdrawn: false, courseEnded: course.endDate <= today });
      const before = { attendance: num(e.attendance), score: num(e.score), grade: e.grade ?? null, status: e.status };
      const after = { attendance: s.attendance, score: s.score, ...result };
      await updateVersioned(Enrollment, e.id, e.lockVersion, after, { transaction });
      await audit(actor, { action: 'results', entityType: 'enrollment', entityId: e.id, unitId: course.unitId, ...changedFields(before, after) }, transaction);
    }
    return { saved: writes.length };
  });
}
