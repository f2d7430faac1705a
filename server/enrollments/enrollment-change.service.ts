// Changing one enrollment (the API's PATCH and the withdrawal form): results, sending organisation, withdrawal.
// Status and grade are worked out again from the program's rules; a withdrawal wins over everything.
import type { Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { effectiveStatus } from '../courses/index.js';
import { Course, Enrollment } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf } from '../programs/grading.js';
import { assertYearOpen } from '../year-closing/index.js';
import { certifiedIds, enrollmentJson, getEnrollment, notFound, num, rulesOf, sequelize, type EnrollmentView, type RosterRow } from './enrollments.queries.js';

async function loadForChange(actor: Actor, id: number, lockVersion: number, transaction: Transaction) {
  const e = await Enrollment.findByPk(id, { transaction });
  if (!e) throw notFound();
  const course = await Course.findByPk(e.courseId, { transaction });
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  if (e.lockVersion !== lockVersion) {
    throw new AppError('conflict', 'common.errors.stale', { details: enrollmentJson((await getEnrollment(actor, id, transaction)) as RosterRow) });
  }
  return { e, course };
}

export interface EnrollmentChanges {
  /** 0–1; null clears it. */
  attendance?: number | null;
  /** 0–10, one decimal; null clears it. */
  score?: number | null;
  sendingOrg?: string | null;
  withdraw?: { reason: string };
}

/**
 * The API's one-enrollment change: results, sending organisation, withdrawal. Status and grade are worked out
 * again from the program's rules; a withdrawal wins over everything.
 */
export async function updateEnrollment(
  actor: Actor,
  id: number,
  lockVersion: number,
  changes: EnrollmentChanges,
  options: { transaction?: Transaction } = {},
): Promise<EnrollmentView> {
  await inTransaction(sequelize(), async (transaction) => {
    const { e, course } = await loadForChange(actor, id, lockVersion, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const today = todayInVietnam();
    const touchesResults = changes.attendance !== undefined || changes.score !== undefined;
    const status = effectiveStatus(course.status, course.startDate, today);
    if (touchesResults && status !== 'open' && status !== 'finished') throw new AppError('conflict', 'enrollments.errors.resultsNotOpen');
    if (changes.withdraw && e.status === 'withdrawn') throw new AppError('conflict', 'enrollments.errors.alreadyWithdrawn');
    if (touchesResults && e.status === 'withdrawn' && !changes.withdraw) {
      throw new AppError('conflict', 'enrollments.errors.withdrawnNoResults');
    }
    if ((touchesResults || changes.withdraw) && (await certifiedIds([id], transaction)).size > 0) {
      throw new AppError('conflict', 'enrollments.errors.certified');
    }
    const before = { attendance: num(e.attendance), score: num(e.score), grade: e.grade ?? null, status: e.status, sendingOrg: e.sendingOrg ?? null };
    const attendance = changes.attendance !== undefined ? changes.attendance : before.attendance;
    const score = changes.score !== undefined ? changes.score : before.score;
    const withdrawn = e.status === 'withdrawn' || Boolean(changes.withdraw);
    const result = resultOf(await rulesOf(course.programId, transaction), { score, attendance, withdrawn, courseEnded: course.endDate <= today });
    const after = { attendance, score, ...result, sendingOrg: changes.sendingOrg !== undefined ? changes.sendingOrg : before.sendingOrg };
    const extra = changes.withdraw ? { withdrawReason: changes.withdraw.reason, withdrawnAt: new Date() } : {};
    await updateVersioned(Enrollment, id, lockVersion, { ...after, ...extra }, { transaction });
    const action = changes.withdraw ? 'withdraw' : touchesResults ? 'results' : 'update';
    const diff = changedFields(before, after);
    if (changes.withdraw) diff.after.withdrawReason = changes.withdraw.reason;
    await audit(actor, { action, entityType: 'enrollment', entityId: id, unitId: course.unitId, ...diff }, transaction);
  }, options.transaction);
  return getEnrollment(actor, id, options.transaction);
}

export async function withdrawEnrollment(actor: Actor, id: number, lockVersion: number, reason: string): Promise<EnrollmentView> {
  return updateEnrollment(actor, id, lockVersion, { withdraw: { reason } });
}
