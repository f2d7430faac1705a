// Certificates as they were issued: the issuing unit's name and the signer come from the certificate's own
// snapshot columns, never from today's unit, so a renamed or merged unit's certificates print unchanged.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { scopeUnitIds } from '../auth/scope.js';
import type { CertificateStatus } from '../certificates/certificate.model.js';
import type { Grade } from '../enrollments/enrollment.model.js';
import { REGISTER_PDF_MAX, registerUnit, type RegisterFilter, type RegisterUnit } from '../certificates/register.queries.js';
import { AppError } from '../http/errors.js';
import { findCourseInScope } from './roster.data.js';
import { todayInVietnam } from '../lib/format.js';
import { decimal, isoDate, timestamp } from './sql-values.js';
import { unitNamer } from '../units/index.js';

export interface CertificateDoc {
  id: number;
  number: string;
  issuedOn: string;
  /** The decision it was issued under ("15/QĐ-TTCT"), when the unit gave one. */
  decisionNumber: string | null;
  status: CertificateStatus;
  revokedOn: string | null;
  /** The number of the certificate that replaced this one, when it was re-issued. */
  replacedBy: string | null;
  unitId: number;
  unitParentBody: string;
  unitName: string;
  /** The place in the date line: the unit's place (the snapshot does not keep one). */
  place: string;
  signerAuthority: string | null;
  signerTitle: string;
  signerName: string;
  verifyCode: string;
  traineeId: number;
  traineeName: string;
  birthDate: string | null;
  birthYear: number | null;
  sendingOrg: string | null;
  programName: string;
  /** "Giấy chứng nhận", or "Bằng sơ cấp lý luận chính trị" for the Sơ cấp program. */
  credential: string;
  /** Whether the program is scored, so the grade belongs on the certificate. */
  scored: boolean;
  grade: Grade | null;
  score: number | null;
  courseId: number;
  courseName: string;
  startDate: string;
  endDate: string;
}

const SELECT = `
  SELECT ce.id AS id, ce.number AS number, ce.issued_on AS "issuedOn", ce.decision_number AS "decisionNumber", ce.status AS status, ce.revoked_at AS "revokedAt",
         (SELECT MAX(n.number) FROM certificates n WHERE n.replaces_id = ce.id) AS "replacedBy",
         ce.unit_id AS "unitId", ce.unit_parent_body AS "unitParentBody", ce.unit_name AS "unitName", u.place AS place,
         ce.signer_authority AS "signerAuthority", ce.signer_title AS "signerTitle", ce.signer_name AS "signerName",
         ce.verify_code AS "verifyCode",
         t.id AS "traineeId", t.full_name AS "traineeName", t.birth_date AS "birthDate", t.birth_year AS "birthYear",
         e.sending_org AS "sendingOrg", e.grade AS grade, e.score AS score,
         p.name AS "programName", p.credential AS credential, p.completion_rule AS "completionRule",
         c.id AS "courseId", c.name AS "courseName", c.start_date AS "startDate", c.end_date AS "endDate"
    FROM certificates ce
    JOIN enrollments e ON e.id = ce.enrollment_id
    JOIN trainees t ON t.id = e.trainee_id
    JOIN courses c ON c.id = e.course_id
    JOIN programs p ON p.id = c.program_id
    JOIN units u ON u.id = ce.unit_id`;

function toDoc(r: Record<string, unknown>): CertificateDoc {
  const revokedAt = timestamp(r.revokedAt);
  return {
    id: Number(r.id),
    number: String(r.number),
    issuedOn: isoDate(r.issuedOn)!,
    decisionNumber: (r.decisionNumber as string | null) ?? null,
    status: r.status as CertificateStatus,
    revokedOn: revokedAt ? todayInVietnam(revokedAt) : null,
    replacedBy: (r.replacedBy as string | null) ?? null,
    unitId: Number(r.unitId),
    unitParentBody: String(r.unitParentBody),
    unitName: String(r.unitName),
    place: String(r.place),
    signerAuthority: (r.signerAuthority as string | null) ?? null,
    signerTitle: String(r.signerTitle),
    signerName: String(r.signerName),
    verifyCode: String(r.verifyCode),
    traineeId: Number(r.traineeId),
    traineeName: String(r.traineeName),
    birthDate: isoDate(r.birthDate),
    birthYear: r.birthYear === null || r.birthYear === undefined ? null : Number(r.birthYear),
    sendingOrg: (r.sendingOrg as string | null) ?? null,
    programName: String(r.programName),
    credential: (r.credential as string | null) ?? 'Giấy chứng nhận',
    scored: r.completionRule === 'score',
    grade: (r.grade as Grade | null) ?? null,
    score: decimal(r.score),
    courseId: Number(r.courseId),
    courseName: String(r.courseName),
    startDate: isoDate(r.startDate)!,
    endDate: isoDate(r.endDate)!,
  };
}

/**
 * One certificate. The issuing unit's staff and the board see any of theirs, whatever its status (a revoked
 * one prints marked as such); a trainee sees only their own, and only while it is valid.
 */
export async function loadCertificate(sequelize: Sequelize, actor: Actor, id: number): Promise<CertificateDoc> {
  const [rows] = await sequelize.query(`${SELECT} WHERE ce.id = :id`, { replacements: { id } });
  const row = (rows as Array<Record<string, unknown>>)[0];
  if (!row) throw new AppError('not_found', 'common.errors.notFound');
  const [doc] = await withPlaceOfIssue([toDoc(row)]);
  // The issuing unit's staff, or the staff of the unit that took its records over when it ceased.
  const allowed =
    actor.role === 'admin' ||
    (actor.role === 'center' && scopeUnitIds(actor).includes(doc!.unitId)) ||
    (actor.role === 'trainee' && actor.traineeId !== null && actor.traineeId === doc.traineeId && doc.status === 'valid');
  if (!allowed) throw new AppError('not_found', 'common.errors.notFound');
  return doc!;
}

/** The place in the date line as the issuing unit was named on the day of issue (the rest is on the certificate). */
async function withPlaceOfIssue(docs: CertificateDoc[]): Promise<CertificateDoc[]> {
  const unitOn = await unitNamer([...new Set(docs.map((d) => d.unitId))]);
  return docs.map((d) => ({ ...d, place: unitOn(d.unitId, d.issuedOn)?.place ?? d.place }));
}

/** Every valid certificate of a course, in the order they were numbered. */
export async function loadCourseCertificates(sequelize: Sequelize, actor: Actor, courseId: number): Promise<{ courseName: string; certificates: CertificateDoc[] }> {
  const course = await findCourseInScope(actor, courseId);
  const [rows] = await sequelize.query(`${SELECT} WHERE c.id = :courseId AND ce.status = 'valid' ORDER BY ce.year, ce.seq, ce.id`, {
    replacements: { courseId },
  });
  const certificates = await withPlaceOfIssue((rows as Array<Record<string, unknown>>).map(toDoc));
  if (certificates.length === 0) throw new AppError('conflict', 'documents.errors.noCertificates');
  return { courseName: course.name, certificates };
}

/** Every valid certificate of a unit's register for a year (one program, if asked), in number order. */
export async function loadRegisterCertificates(
  sequelize: Sequelize,
  actor: Actor,
  filter: RegisterFilter,
): Promise<{ unit: RegisterUnit; certificates: CertificateDoc[] }> {
  const unit = await registerUnit(actor, filter.unitCode);
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  const where = `WHERE ce.unit_id = :unitId AND ce.year = :year AND ce.status = 'valid'${filter.programCode ? ' AND p.code = :programCode' : ''}`;
  const replacements = { unitId: unit.id, year: filter.year, programCode: filter.programCode?.toUpperCase() ?? null };
  const [counted] = await sequelize.query(
    `SELECT COUNT(*) AS n FROM certificates ce JOIN enrollments e ON e.id = ce.enrollment_id JOIN courses c ON c.id = e.course_id
       JOIN programs p ON p.id = c.program_id ${where}`,
    { replacements },
  );
  const count = Number((counted as Array<{ n: unknown }>)[0]?.n ?? 0);
  if (count === 0) throw new AppError('conflict', 'documents.errors.noRegisterCertificates');
  if (count > REGISTER_PDF_MAX) throw new AppError('conflict', 'documents.errors.registerTooMany', { params: { count, max: REGISTER_PDF_MAX } });
  const [rows] = await sequelize.query(`${SELECT} ${where} ORDER BY ce.seq, ce.id`, { replacements });
  return { unit, certificates: await withPlaceOfIssue((rows as Array<Record<string, unknown>>).map(toDoc)) };
}
