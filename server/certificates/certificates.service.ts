// Issuing, re-issuing and revoking certificates. Numbers run per issuing unit and year with no gap and no
// duplicate: every issue locks the unit's counter row for the year inside the transaction that inserts the
// certificates, so a rolled-back issue gives its numbers back and two staff issuing at once queue on the row.
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Certificate, CertificateCounter, Course, Enrollment, Trainee, Unit } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { cleanOptional } from '../lib/text.js';
import { byGivenName, certificateNumber, newVerifyCode } from './certificate-number.js';
import { completedEnrollments, hasSigner, scopedCourse } from './certificates.queries.js';
import { assertUnitOpen, unitAsOf, type UnitProfile } from '../units/index.js';

export interface IssuedCertificate {
  id: number;
  number: string;
  seq: number;
  year: number;
  enrollmentId: number;
  traineeId: number;
  fullName: string;
  issuedOn: string;
  verifyCode: string;
}

export interface IssueResult {
  courseId: number;
  issued: number;
  firstNumber: string | null;
  lastNumber: string | null;
  /** Completed enrollments left out because their certificate was revoked. */
  revokedSkipped: number;
  certificates: IssuedCertificate[];
}

/** The clock: tests and back-office scripts may say what "today" is; pages and the API never do. */
export interface Clock {
  now?: Date;
}

export interface ReissueResult {
  certificate: IssuedCertificate;
  replaced: { id: number; number: string };
}

const db = (): Sequelize => Certificate.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

/** What the audit log keeps of a certificate: everything printed on it, not the verification code. */
function auditValues(c: Certificate): Record<string, unknown> {
  return {
    number: c.number,
    enrollmentId: c.enrollmentId,
    unitId: c.unitId,
    year: c.year,
    seq: c.seq,
    issuedOn: c.issuedOn,
    unitName: c.unitName,
    unitParentBody: c.unitParentBody,
    signerName: c.signerName,
    signerTitle: c.signerTitle,
    signerAuthority: c.signerAuthority,
    status: c.status,
    replacesId: c.replacesId ?? null,
    reissueReason: c.reissueReason ?? null,
  };
}

function assertSigner(unit: Unit): void {
  if (!hasSigner(unit)) {
    throw new AppError('conflict', 'certificates.noSigner', { params: { unit: unit.name, url: `/units/${unit.id}` } });
  }
}

function assertFinished(course: Course): void {
  if (course.status === 'finished') return;
  const message = course.status === 'cancelled' ? 'certificates.courseCancelled' : 'certificates.courseNotFinished';
  throw new AppError('conflict', message, { params: { course: course.name } });
}

function assertValid(c: Certificate): void {
  if (c.status === 'valid') return;
  const message = c.status === 'revoked' ? 'certificates.alreadyRevoked' : 'certificates.alreadyReplaced';
  throw new AppError('conflict', message, { params: { number: c.number } });
}

/**
 * Reserves `count` consecutive numbers of (unit, year) and returns the first. The counter row is created if
 * missing by an insert that never fails on a duplicate, then locked: on MariaDB "ON DUPLICATE KEY UPDATE"
 * takes the row's exclusive lock at once (INSERT IGNORE takes a shared one, and two first issues upgrading it
 * can deadlock); SQLite's IMMEDIATE transactions already run one writer at a time.
 */
async function reserveNumbers(unitId: number, year: number, count: number, transaction: Transaction): Promise<number> {
  const sequelize = db();
  const now = new Date();
  const upsert =
    sequelize.getDialect() === 'sqlite'
      ? `INSERT INTO certificate_counters (unit_id, year, last_seq, created_at, updated_at) VALUES (:unitId, :year, 0, :now, :now)
         ON CONFLICT (unit_id, year) DO NOTHING`
      : `INSERT INTO certificate_counters (unit_id, year, last_seq, created_at, updated_at) VALUES (:unitId, :year, 0, :now, :now)
         ON DUPLICATE KEY UPDATE last_seq = last_seq`;
  await sequelize.query(upsert, { replacements: { unitId, year, now }, transaction });
  const counter = await CertificateCounter.findOne({ where: { unitId, year }, ...forUpdate(transaction) });
  if (!counter) throw new Error(`certificate counter (${unitId}, ${year}) missing after insert`);
  const first = counter.lastSeq + 1;
  await CertificateCounter.update({ lastSeq: counter.lastSeq + count }, { where: { unitId, year }, transaction });
  return first;
}

/** Fresh verification codes, none already taken (80 random bits each: a clash is a formality, but cheap to rule out). */
async function freshVerifyCodes(count: number, transaction: Transaction): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) {
    const batch = Array.from({ length: count - codes.size }, newVerifyCode).filter((c) => !codes.has(c));
    const taken = await Certificate.findAll({ attributes: ['verifyCode'], where: { verifyCode: { [Op.in]: batch } }, transaction });
    const takenSet = new Set(taken.map((t) => t.verifyCode));
    for (const code of batch) if (!takenSet.has(code)) codes.add(code);
  }
  return [...codes];
}

interface NewCertificate {
  enrollmentId: number;
  /** The issuing unit as it stands on the day of issue. */
  unit: UnitProfile;
  seq: number;
  year: number;
  issuedOn: string;
  verifyCode: string;
  replacesId?: number;
  reissueReason?: string | null;
}

function createCertificate(actor: Actor, n: NewCertificate, transaction: Transaction): Promise<Certificate> {
  return Certificate.create(
    {
      enrollmentId: n.enrollmentId,
      unitId: n.unit.unitId,
      year: n.year,
      seq: n.seq,
      number: certificateNumber(n.seq, n.year, n.unit.symbol),
      issuedOn: n.issuedOn,
      // The unit's header and signer on the day of issue, frozen on the certificate: a later rename or a new
      // director never changes what was issued.
      unitName: n.unit.headerName,
      unitParentBody: n.unit.parentBody,
      signerName: n.unit.signerName!.trim(),
      signerTitle: n.unit.signerTitle!.trim(),
      signerAuthority: cleanOptional(n.unit.signerAuthority),
      verifyCode: n.verifyCode,
      status: 'valid',
      replacesId: n.replacesId ?? null,
      reissueReason: n.reissueReason ?? null,
      createdBy: actor.id,
    },
    { transaction },
  );
}

const issued = (c: Certificate, trainee: { traineeId: number; fullName: string }): IssuedCertificate => ({
  id: c.id,
  number: c.number,
  seq: c.seq,
  year: c.year,
  enrollmentId: c.enrollmentId,
  traineeId: trainee.traineeId,
  fullName: trainee.fullName,
  issuedOn: c.issuedOn,
  verifyCode: c.verifyCode,
});

/**
 * Certificates for every completed enrollment of a finished course that has none yet, numbered in class-list
 * order. Enrollments whose certificate was revoked are left out: a revocation is never undone by a bulk issue.
 * Issuing again on the same course issues nothing new.
 */
export async function issueForCourse(actor: Actor, courseId: number, clock: Clock = {}): Promise<IssueResult> {
  const course = await scopedCourse(actor, courseId);
  assertFinished(course);
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
    await assertUnitOpen(unit.id, todayInVietnam(clock.now), null, t);

    const issuedOn = todayInVietnam(clock.now);
    const year = Number(issuedOn.slice(0, 4));
    const issuer = await unitAsOf(unit.id, issuedOn, t);
    const firstSeq = await reserveNumbers(unit.id, year, eligible.length, t);
    const codes = await freshVerifyCodes(eligible.length, t);
    const certificates: IssuedCertificate[] = [];
    for (const [i, e] of eligible.entries()) {
      const c = await createCertificate(actor, { enrollmentId: e.id, unit: issuer, seq: firstSeq + i, year, issuedOn, verifyCode: codes[i]! }, t);
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
