// Issuing a finished course's certificates in one go ("cấp cho cả lớp"), on the day the unit chooses (from the
// course's last day to today) and, when it has one, under its decision number.
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Course } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { cleanOptional } from '../lib/text.js';
import { assertUnitOpen, unitAsOf } from '../units/index.js';
import { byGivenName } from './certificate-number.js';
import {
  assertFinished,
  assertSigner,
  auditValues,
  createCertificate,
  db,
  freshVerifyCodes,
  issued,
  notFound,
  reserveNumbers,
  type Clock,
  type IssuedCertificate,
  type IssueResult,
} from './certificate-writes.js';
import { completedEnrollments, scopedCourse } from './certificates.queries.js';

export interface IssueOptions {
  /** 'YYYY-MM-DD', from the course's end date to today; default today. Its year numbers the certificates. */
  issuedOn?: string;
  /** "15/QĐ-TTCT": printed on each certificate when given. */
  decisionNumber?: string | null;
}

/**
 * Certificates for every completed enrollment of a finished course that has none yet, numbered in class-list
 * order. Enrollments whose certificate was revoked are left out: a revocation is never undone by a bulk issue.
 * Issuing again on the same course issues nothing new.
 */
export async function issueForCourse(actor: Actor, courseId: number, clock: Clock = {}, options: IssueOptions = {}): Promise<IssueResult> {
  const course = await scopedCourse(actor, courseId);
  assertFinished(course);
  const today = todayInVietnam(clock.now);
  const issuedOn = options.issuedOn ?? today;
  // On or after the last day of the course, and never in the future: the date is printed and numbers the year.
  if (issuedOn < course.endDate || issuedOn > today) {
    throw new AppError('invalid', 'common.errors.invalid', { fields: { issuedOn: 'certificates.issuedOnRange' } });
  }
  const decisionNumber = cleanOptional(options.decisionNumber);
  if (!course.program.credential) throw new AppError('conflict', 'certificates.noCredential', { params: { program: course.program.name } });
  const unit = course.unit;
  assertSigner(unit);

  return inTransaction(db(), async (t) => {
    // Locking the course first queues two issues of the same course; on MariaDB it also comes before the
    // transaction's first plain read, so that read sees the certificates the other issue committed.
    const locked = await Course.findByPk(courseId, forUpdate(t));
    if (!locked) throw notFound();
    assertFinished(locked);
    const completed = await completedEnrollments(courseId, t);
    const revokedSkipped = completed.filter((e) => !e.hasValid && e.hasRevoked).length;
    const eligible = completed
      .filter((e) => !e.hasValid && !e.hasRevoked)
      .sort(byGivenName);
    if (eligible.length === 0) return { courseId, issued: 0, firstNumber: null, lastNumber: null, revokedSkipped, certificates: [] };
    // A unit that has ceased issues nothing new; what it issued before stays valid and reprints.
    await assertUnitOpen(unit.id, issuedOn, null, t);

    const year = Number(issuedOn.slice(0, 4));
    const issuer = await unitAsOf(unit.id, issuedOn, t);
    const firstSeq = await reserveNumbers(unit.id, year, eligible.length, t);
    const codes = await freshVerifyCodes(eligible.length, t);
    const certificates: IssuedCertificate[] = [];
    for (const [i, e] of eligible.entries()) {
      const c = await createCertificate(actor, { enrollmentId: e.id, unit: issuer, seq: firstSeq + i, year, issuedOn, verifyCode: codes[i]!, decisionNumber }, t);
      await audit(actor, { action: 'issue', entityType: 'certificate', entityId: c.id, unitId: unit.id, after: auditValues(c) }, t);
      certificates.push(issued(c, { traineeId: e.traineeId, fullName: e.fullName }));
    }
    const firstNumber = certificates[0]!.number;
    const lastNumber = certificates[certificates.length - 1]!.number;
    await audit(
      actor,
      { action: 'issue', entityType: 'course', entityId: courseId, unitId: unit.id, after: { certificates: certificates.length, firstNumber, lastNumber } },
      t,
    );
    return { courseId, issued: certificates.length, firstNumber, lastNumber, revokedSkipped, certificates };
  });
}
