// Reading certificates: one by id, a course's register, a trainee's own, and the public check by code.
// Every read goes through the actor's scope; a certificate outside it is "not found".
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScope } from '../auth/scope.js';
import { Certificate, Course, Enrollment, Program, Trainee, Unit } from '../db/models.js';
import type { Grade } from '../enrollments/enrollment.model.js';
import { AppError } from '../http/errors.js';
import type { CourseStatus } from '../courses/course.model.js';
import type { Gender } from '../trainees/trainee.model.js';
import type { CertificateStatus } from './certificate.model.js';
import { issuerLines, type IssuerLines } from '../units/index.js';
import { normalizeVerifyCode } from './certificate-number.js';

export interface CertificateRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  issuedOn: string;
  status: CertificateStatus;
  enrollmentId: number;
  traineeId: number;
  fullName: string;
  replacesId: number | null;
  verifyCode: string;
}

export interface CertificateLink {
  id: number;
  number: string;
  issuedOn: string;
}

export interface CertificateDetail extends CertificateRow {
  unitId: number;
  /** The issuing unit's name and parent body as printed on the day of issue. */
  unitName: string;
  unitParentBody: string;
  /** The same, as the page shows them: two lines. */
  issuer: IssuerLines;
  signerName: string;
  signerTitle: string;
  signerAuthority: string | null;
  reissueReason: string | null;
  decisionNumber: string | null;
  revokeReason: string | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** The unit as it is today (for links and the place in the date line). */
  issuingUnit: { id: number; code: string; name: string; place: string };
  /** birthDate is personal data: for printing the certificate only, never shown on a page or in the API. */
  trainee: { id: number; fullName: string; birthDate: string | null; birthYear: number | null; gender: Gender | null };
  course: { id: number; name: string; startDate: string; endDate: string; place: string | null; unitId: number };
  program: { id: number; code: string; name: string; credential: string | null };
  result: { score: number | null; grade: Grade | null; attendance: number | null };
  replaces: CertificateLink | null;
  replacedBy: CertificateLink | null;
}

export interface CourseForCertificates {
  id: number;
  name: string;
  status: CourseStatus;
  startDate: string;
  endDate: string;
  unitId: number;
  unitName: string;
  unitHasSigner: boolean;
  programName: string;
  credential: string | null;
}

export interface CourseCertificates {
  course: CourseForCertificates;
  certificates: CertificateRow[];
  completed: number;
  /** Completed enrollments the next "issue for all" would certify. */
  pending: number;
  /** Completed enrollments whose certificate was revoked: never re-certified automatically. */
  revokedOnly: number;
}

type CertificateWithRefs = Certificate & {
  enrollment: Enrollment & { trainee: Trainee; course: Course & { program: Program } };
};

const withRefs = [
  {
    model: Enrollment,
    as: 'enrollment',
    required: true,
    include: [
      { model: Trainee, as: 'trainee', required: true },
      { model: Course, as: 'course', required: true, include: [{ model: Program, as: 'program', required: true }] },
    ],
  },
];

const notFound = () => new AppError('not_found', 'common.errors.notFound');

/** Staff see their unit's certificates (the board all); a trainee sees only their own. */
function assertCanSee(actor: Actor, unitId: number, traineeId: number): void {
  if (actor.role === 'trainee') {
    if (actor.traineeId !== null && actor.traineeId === traineeId) return;
    throw notFound();
  }
  assertInScope(actor, unitId);
}

function toRow(c: Certificate, trainee: { id: number; fullName: string }): CertificateRow {
  return {
    id: c.id,
    number: c.number,
    year: c.year,
    seq: c.seq,
    issuedOn: c.issuedOn,
    status: c.status,
    enrollmentId: c.enrollmentId,
    traineeId: trainee.id,
    fullName: trainee.fullName,
    replacesId: c.replacesId ?? null,
    verifyCode: c.verifyCode,
  };
}

const link = (c: Certificate | null): CertificateLink | null => (c ? { id: c.id, number: c.number, issuedOn: c.issuedOn } : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function getCertificate(actor: Actor, id: number, transaction?: Transaction): Promise<CertificateDetail> {
  const c = (await Certificate.findByPk(id, { include: withRefs, transaction })) as CertificateWithRefs | null;
  if (!c) throw notFound();
  const { trainee, course } = c.enrollment;
  assertCanSee(actor, c.unitId, trainee.id);
  const [unit, replaces, replacedBy] = await Promise.all([
    Unit.findByPk(c.unitId, { transaction }),
    c.replacesId ? Certificate.findByPk(c.replacesId, { transaction }) : null,
    Certificate.findOne({ where: { replacesId: c.id }, transaction }),
  ]);
  return {
    ...toRow(c, trainee),
    unitId: c.unitId,
    unitName: c.unitName,
    unitParentBody: c.unitParentBody,
    issuer: issuerLines(c.unitParentBody, c.unitName),
    signerName: c.signerName,
    signerTitle: c.signerTitle,
    signerAuthority: c.signerAuthority ?? null,
    reissueReason: c.reissueReason ?? null,
    decisionNumber: c.decisionNumber ?? null,
    revokeReason: c.revokeReason ?? null,
    revokedAt: c.revokedAt ?? null,
    createdAt: c.createdAt,
    issuingUnit: { id: unit!.id, code: unit!.code, name: unit!.name, place: unit!.place },
    // The year of birth the public check asks for: stored alone, or the year of the full date.
    trainee: { id: trainee.id, fullName: trainee.fullName, birthDate: trainee.birthDate, birthYear: trainee.birthYear ?? (trainee.birthDate ? Number(String(trainee.birthDate).slice(0, 4)) : null), gender: trainee.gender },
    course: { id: course.id, name: course.name, startDate: course.startDate, endDate: course.endDate, place: course.place ?? null, unitId: course.unitId },
    program: { id: course.program.id, code: course.program.code, name: course.program.name, credential: course.program.credential },
    result: { score: num(c.enrollment.score), grade: c.enrollment.grade ?? null, attendance: num(c.enrollment.attendance) },
    replaces: link(replaces),
    replacedBy: link(replacedBy),
  };
}

/** A course with its program and unit, if the actor may see it (else not found). */
export async function scopedCourse(actor: Actor, courseId: number): Promise<Course & { program: Program; unit: Unit }> {
  const course = (await Course.findByPk(courseId, {
    include: [
      { model: Program, as: 'program' },
      { model: Unit, as: 'unit' },
    ],
  })) as (Course & { program: Program; unit: Unit }) | null;
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  return course;
}

export async function courseForCertificates(actor: Actor, courseId: number): Promise<CourseForCertificates> {
  const course = await scopedCourse(actor, courseId);
  return {
    id: course.id,
    name: course.name,
    status: course.status,
    startDate: course.startDate,
    endDate: course.endDate,
    unitId: course.unitId,
    unitName: course.unit.name,
    unitHasSigner: hasSigner(course.unit),
    programName: course.program.name,
    credential: course.program.credential,
  };
}

export const hasSigner = (unit: Pick<Unit, 'signerName' | 'signerTitle'>) => Boolean(unit.signerName?.trim() && unit.signerTitle?.trim());

export interface CompletedEnrollment {
  id: number;
  traineeId: number;
  fullName: string;
  hasValid: boolean;
  hasRevoked: boolean;
}

/** The course's completed enrollments and whether each holds a valid or a revoked certificate. */
export async function completedEnrollments(courseId: number, transaction?: Transaction): Promise<CompletedEnrollment[]> {
  const rows = await Certificate.sequelize!.query<Record<string, unknown>>(
    `SELECT e.id AS id, e.trainee_id AS traineeId, t.full_name AS fullName,
            (SELECT COUNT(*) FROM certificates c WHERE c.enrollment_id = e.id AND c.status = 'valid') AS validCount,
            (SELECT COUNT(*) FROM certificates c WHERE c.enrollment_id = e.id AND c.status = 'revoked') AS revokedCount
       FROM enrollments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.course_id = :courseId AND e.status = 'completed'`,
    { replacements: { courseId }, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    traineeId: Number(r.traineeId),
    fullName: String(r.fullName),
    hasValid: Number(r.validCount) > 0,
    hasRevoked: Number(r.revokedCount) > 0,
  }));
}

/** A course's register: every certificate ever issued for it (valid, replaced, revoked), in number order. */
export async function listForCourse(actor: Actor, courseId: number): Promise<CourseCertificates> {
  const course = await courseForCertificates(actor, courseId);
  const [certificates, completed] = await Promise.all([
    Certificate.findAll({
      include: [{ model: Enrollment, as: 'enrollment', required: true, where: { courseId }, include: [{ model: Trainee, as: 'trainee', required: true }] }],
      order: [
        ['year', 'ASC'],
        ['seq', 'ASC'],
      ],
    }) as Promise<Array<Certificate & { enrollment: Enrollment & { trainee: Trainee } }>>,
    completedEnrollments(courseId),
  ]);
  return {
    course,
    certificates: certificates.map((c) => toRow(c, c.enrollment.trainee)),
    completed: completed.length,
    pending: completed.filter((e) => !e.hasValid && !e.hasRevoked).length,
    revokedOnly: completed.filter((e) => !e.hasValid && e.hasRevoked).length,
  };
}

/** A trainee's certificates, newest first: their own for a trainee, the unit's for staff. */
export async function listForTrainee(actor: Actor, traineeId: number): Promise<Array<CertificateRow & { courseId: number; courseName: string; programName: string; credential: string | null }>> {
  if (actor.role === 'trainee' && actor.traineeId !== traineeId) throw notFound();
  const where = actor.role === 'trainee' ? {} : unitScope(actor);
  const rows = (await Certificate.findAll({
    where,
    include: [
      {
        model: Enrollment,
        as: 'enrollment',
        required: true,
        where: { traineeId },
        include: [
          { model: Trainee, as: 'trainee', required: true },
          { model: Course, as: 'course', required: true, include: [{ model: Program, as: 'program', required: true }] },
        ],
      },
    ],
    order: [
      ['issuedOn', 'DESC'],
      ['id', 'DESC'],
    ],
  })) as CertificateWithRefs[];
  return rows.map((c) => ({
    ...toRow(c, c.enrollment.trainee),
    courseId: c.enrollment.course.id,
    courseName: c.enrollment.course.name,
    programName: c.enrollment.course.program.name,
    credential: c.enrollment.course.program.credential,
  }));
}

/** What a Party cell checking a dossier may see: only what the certificate itself shows. */
export interface PublicCertificate {
  number: string;
  status: CertificateStatus;
  issuedOn: string;
  fullName: string;
  birthYear: number | null;
  programName: string;
  credential: string | null;
  courseName: string;
  startDate: string;
  endDate: string;
  grade: Grade | null;
  unitName: string;
  unitParentBody: string;
  signerName: string;
  signerTitle: string;
  signerAuthority: string | null;
  replacedBy: { number: string; issuedOn: string } | null;
  revokedAt: Date | null;
}

/** The public check by verification code (QR link), with no account. Null when no certificate has the code. */
export async function findByVerifyCode(input: string): Promise<PublicCertificate | null> {
  const code = normalizeVerifyCode(input);
  if (!code) return null;
  const c = (await Certificate.findOne({ where: { verifyCode: code }, include: withRefs })) as CertificateWithRefs | null;
  if (!c) return null;
  const { trainee, course } = c.enrollment;
  const successor = c.status === 'replaced' ? await Certificate.findOne({ where: { replacesId: c.id } }) : null;
  return {
    number: c.number,
    status: c.status,
    issuedOn: c.issuedOn,
    fullName: trainee.fullName,
    birthYear: trainee.birthYear,
    programName: course.program.name,
    credential: course.program.credential,
    courseName: course.name,
    startDate: course.startDate,
    endDate: course.endDate,
    grade: c.enrollment.grade ?? null,
    unitName: c.unitName,
    unitParentBody: c.unitParentBody,
    signerName: c.signerName,
    signerTitle: c.signerTitle,
    signerAuthority: c.signerAuthority ?? null,
    replacedBy: successor ? { number: successor.number, issuedOn: successor.issuedOn } : null,
    revokedAt: c.revokedAt ?? null,
  };
}
