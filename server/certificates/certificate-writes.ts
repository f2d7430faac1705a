// What issuing and re-issuing share: the numbering (a locked counter row per unit and year), fresh
// verification codes, the certificate row with its frozen snapshot, the audit values and the state checks.
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Certificate, CertificateCounter, type Course, type Unit } from '../db/models.js';
import { forUpdate } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { cleanOptional } from '../lib/text.js';
import { certificateNumber, newVerifyCode } from './certificate-number.js';
import { hasSigner } from './certificates.queries.js';
import type { UnitProfile } from '../units/index.js';
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

export const db = (): Sequelize => Certificate.sequelize!;
export const notFound = () => new AppError('not_found', 'common.errors.notFound');

/** What the audit log keeps of a certificate: everything printed on it, not the verification code. */
export function auditValues(c: Certificate): Record<string, unknown> {
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
    decisionNumber: c.decisionNumber ?? null,
  };
}

export function assertSigner(unit: Unit): void {
  if (!hasSigner(unit)) {
    throw new AppError('conflict', 'certificates.noSigner', { params: { unit: unit.name, url: `/units/${unit.id}` } });
  }
}

export function assertFinished(course: Course): void {
  if (course.status === 'finished') return;
  const message = course.status === 'cancelled' ? 'certificates.courseCancelled' : 'certificates.courseNotFinished';
  throw new AppError('conflict', message, { params: { course: course.name } });
}

export function assertValid(c: Certificate): void {
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
export async function reserveNumbers(unitId: number, year: number, count: number, transaction: Transaction): Promise<number> {
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
export async function freshVerifyCodes(count: number, transaction: Transaction): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) {
    const batch = Array.from({ length: count - codes.size }, newVerifyCode).filter((c) => !codes.has(c));
    const taken = await Certificate.findAll({ attributes: ['verifyCode'], where: { verifyCode: { [Op.in]: batch } }, transaction });
    const takenSet = new Set(taken.map((t) => t.verifyCode));
    for (const code of batch) if (!takenSet.has(code)) codes.add(code);
  }
  return [...codes];
}

export interface NewCertificate {
  enrollmentId: number;
  /** The issuing unit as it stands on the day of issue. */
  unit: UnitProfile;
  seq: number;
  year: number;
  issuedOn: string;
  verifyCode: string;
  replacesId?: number;
  reissueReason?: string | null;
  /** The decision it was issued under, as typed ("15/QĐ-TTCT"). */
  decisionNumber?: string | null;
}

export function createCertificate(actor: Actor, n: NewCertificate, transaction: Transaction): Promise<Certificate> {
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
      decisionNumber: n.decisionNumber ?? null,
      createdBy: actor.id,
    },
    { transaction },
  );
}

export const issued = (c: Certificate, trainee: { traineeId: number; fullName: string }): IssuedCertificate => ({
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

