// Re-issuing and revoking certificates; issuing a course's certificates is issue.service.ts. Numbers run per
// issuing unit and year with no gap and no duplicate (certificate-writes.ts: the counter row is locked inside
// the transaction that inserts the certificates).
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Certificate, Enrollment, Trainee, Unit } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { cleanOptional } from '../lib/text.js';
import { assertUnitOpen, unitAsOf } from '../units/index.js';
import {
  assertSigner,
  assertValid,
  auditValues,
  createCertificate,
  db,
  freshVerifyCodes,
  issued,
  notFound,
  reserveNumbers,
  type Clock,
  type ReissueResult,
} from './certificate-writes.js';

export type { Clock, IssuedCertificate, IssueResult, ReissueResult } from './certificate-writes.js';
export { issueForCourse, type IssueOptions } from './issue.service.js';

async function certificateInScope(actor: Actor, certificateId: number): Promise<Certificate> {
  const c = await Certificate.findByPk(certificateId);
  if (!c) throw notFound();
  assertInScope(actor, c.unitId);
  return c;
}

/**
 * A lost or wrong certificate is re-issued under a new number of the current year, naming the one it
 * replaces; the old one is marked replaced. The issuing unit stays the original one, with today's header
 * and signer.
 */
export async function reissue(actor: Actor, certificateId: number, reason?: string | null, clock: Clock = {}): Promise<ReissueResult> {
  const existing = await certificateInScope(actor, certificateId);
  const unit = await Unit.findByPk(existing.unitId);
  if (!unit) throw notFound();
  assertSigner(unit);
  const reissueReason = cleanOptional(reason);

  return inTransaction(db(), async (t) => {
    const old = await Certificate.findByPk(certificateId, forUpdate(t));
    if (!old) throw notFound();
    assertValid(old);
    const enrollment = (await Enrollment.findByPk(old.enrollmentId, {
      include: [{ model: Trainee, as: 'trainee' }],
      transaction: t,
    })) as (Enrollment & { trainee: Trainee }) | null;
    if (!enrollment) throw notFound();
    if (enrollment.status !== 'completed') throw new AppError('conflict', 'certificates.enrollmentNotCompleted');

    const issuedOn = todayInVietnam(clock.now);
    const year = Number(issuedOn.slice(0, 4));
    await assertUnitOpen(unit.id, issuedOn, null, t);
    const issuer = await unitAsOf(unit.id, issuedOn, t);
    const seq = await reserveNumbers(unit.id, year, 1, t);
    const [verifyCode] = await freshVerifyCodes(1, t);
    const created = await createCertificate(actor, { enrollmentId: old.enrollmentId, unit: issuer, seq, year, issuedOn, verifyCode: verifyCode!, replacesId: old.id, reissueReason }, t);
    await old.update({ status: 'replaced', lockVersion: old.lockVersion + 1 }, { transaction: t });

    await audit(
      actor,
      { action: 'reissue', entityType: 'certificate', entityId: old.id, unitId: old.unitId, before: { status: 'valid' }, after: { status: 'replaced', replacedBy: created.number, reason: reissueReason } },
      t,
    );
    await audit(actor, { action: 'reissue', entityType: 'certificate', entityId: created.id, unitId: unit.id, after: auditValues(created) }, t);
    return {
      certificate: issued(created, { traineeId: enrollment.traineeId, fullName: enrollment.trainee.fullName }),
      replaced: { id: old.id, number: old.number },
    };
  });
}

/** Revocation voids a valid certificate for good, with a reason; its number is never reused. */
export async function revoke(actor: Actor, certificateId: number, reason: string, clock: Clock = {}): Promise<{ id: number; number: string; revokedAt: Date }> {
  const revokeReason = cleanOptional(reason);
  if (!revokeReason) throw new AppError('invalid', 'common.errors.invalid', { fields: { reason: 'common.validation.required' } });
  await certificateInScope(actor, certificateId);

  return inTransaction(db(), async (t) => {
    const c = await Certificate.findByPk(certificateId, forUpdate(t));
    if (!c) throw notFound();
    assertValid(c);
    const revokedAt = clock.now ?? new Date();
    await c.update({ status: 'revoked', revokedAt, revokeReason, lockVersion: c.lockVersion + 1 }, { transaction: t });
    await audit(
      actor,
      { action: 'revoke', entityType: 'certificate', entityId: c.id, unitId: c.unitId, before: { status: 'valid' }, after: { status: 'revoked', revokedAt, revokeReason } },
      t,
    );
    return { id: c.id, number: c.number, revokedAt };
  });
}
