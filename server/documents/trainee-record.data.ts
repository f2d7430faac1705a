// A trainee's record: the person, every enrollment in every unit and year, and every certificate. Seen by
// the board, by the trainee, and by a unit that created the record or has the person in one of its courses.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import type { CertificateStatus } from '../certificates/certificate.model.js';
import { Trainee } from '../db/models.js';
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import { AppError } from '../http/errors.js';
import { maskNationalId } from '../lib/text.js';
import type { DocumentIssuer } from '../pdf/index.js';
import type { Gender, PartyStatus } from '../trainees/trainee.model.js';
import { isTraineeInScope } from '../trainees/index.js';
import { unitNamer } from '../units/index.js';
import { boardUnit, loadIssuer } from './issuer.data.js';
import { decimal, isoDate } from './sql-values.js';

export interface RecordPerson {
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender | null;
  /** Masked: 0340******12. */
  nationalId: string | null;
  ethnicity: string | null;
  religion: string | null;
  hometown: string | null;
  workplace: string | null;
  position: string | null;
  educationLevel: string | null;
  professionalLevel: string | null;
  theoryLevel: string | null;
  partyStatus: PartyStatus | null;
  partyJoinedOn: string | null;
  partyOfficialOn: string | null;
}

export interface RecordEnrollment {
  courseName: string;
  programName: string;
  unitName: string;
  startDate: string;
  endDate: string;
  score: number | null;
  grade: Grade | null;
  status: EnrollmentStatus;
}

export interface RecordCertificate {
  number: string;
  issuedOn: string;
  status: CertificateStatus;
  /** As printed on the certificate: "TRUNG TÂM CHÍNH TRỊ", "HUYỆN ỦY VĂN LÂM". */
  unitName: string;
  unitParentBody: string;
  courseName: string;
}

export interface TraineeRecord {
  issuer: DocumentIssuer;
  person: RecordPerson;
  enrollments: RecordEnrollment[];
  certificates: RecordCertificate[];
}

async function assertMayRead(actor: Actor, trainee: Trainee): Promise<void> {
  if (actor.role === 'trainee' && actor.traineeId !== null && actor.traineeId === trainee.id) return;
  if (actor.role !== 'trainee' && (await isTraineeInScope(actor, trainee.id))) return;
  throw new AppError('not_found', 'common.errors.notFound');
}

/** A unit prints under its own header; the board's header serves the board and a trainee's own copy. */
async function issuerFor(actor: Actor, date: string): Promise<DocumentIssuer> {
  if (actor.role === 'center' && actor.unitId !== null) return loadIssuer(actor.unitId, date);
  return loadIssuer((await boardUnit()).id, date);
}

/**
 * `date`: the extract's own date (its header). Each course names its unit as the unit was called when the
 * course started: a 2024 course of Kim Động stays "Trung tâm Chính trị huyện Kim Động".
 */
export async function loadTraineeRecord(sequelize: Sequelize, actor: Actor, traineeId: number, date: string): Promise<TraineeRecord> {
  const trainee = await Trainee.findByPk(traineeId);
  if (!trainee) throw new AppError('not_found', 'common.errors.notFound');
  await assertMayRead(actor, trainee);

  const [enrollments] = await sequelize.query(
    `SELECT c.name AS "courseName", p.name AS "programName", u.name AS "unitName", c.unit_id AS "unitId", c.start_date AS "startDate", c.end_date AS "endDate",
            e.score AS score, e.grade AS grade, e.status AS status
       FROM enrollments e
       JOIN courses c ON c.id = e.course_id
       JOIN programs p ON p.id = c.program_id
       JOIN units u ON u.id = c.unit_id
      WHERE e.trainee_id = :traineeId
      ORDER BY c.start_date, c.id`,
    { replacements: { traineeId } },
  );
  const [certificates] = await sequelize.query(
    `SELECT ce.number AS number, ce.issued_on AS "issuedOn", ce.status AS status, ce.unit_name AS "unitName",
            ce.unit_parent_body AS "unitParentBody", c.name AS "courseName"
       FROM certificates ce
       JOIN enrollments e ON e.id = ce.enrollment_id
       JOIN courses c ON c.id = e.course_id
      WHERE e.trainee_id = :traineeId
      ORDER BY ce.issued_on, ce.id`,
    { replacements: { traineeId } },
  );

  const unitName = await unitNamer([...new Set((enrollments as Array<Record<string, unknown>>).map((r) => Number(r.unitId)))]);
  return {
    issuer: await issuerFor(actor, date),
    person: {
      fullName: trainee.fullName,
      birthDate: trainee.birthDate,
      birthYear: trainee.birthYear,
      gender: trainee.gender,
      nationalId: maskNationalId(trainee.nationalId),
      ethnicity: trainee.ethnicity ?? null,
      religion: trainee.religion ?? null,
      hometown: trainee.hometown ?? null,
      workplace: trainee.workplace ?? null,
      position: trainee.position ?? null,
      educationLevel: trainee.educationLevel ?? null,
      professionalLevel: trainee.professionalLevel ?? null,
      theoryLevel: trainee.theoryLevel ?? null,
      partyStatus: trainee.partyStatus ?? null,
      partyJoinedOn: trainee.partyJoinedOn ?? null,
      partyOfficialOn: trainee.partyOfficialOn ?? null,
    },
    enrollments: (enrollments as Array<Record<string, unknown>>).map((r) => ({
      courseName: String(r.courseName),
      programName: String(r.programName),
      unitName: unitName(Number(r.unitId), isoDate(r.startDate)!)?.name ?? String(r.unitName),
      startDate: isoDate(r.startDate)!,
      endDate: isoDate(r.endDate)!,
      score: decimal(r.score),
      grade: (r.grade as Grade | null) ?? null,
      status: r.status as EnrollmentStatus,
    })),
    certificates: (certificates as Array<Record<string, unknown>>).map((r) => ({
      number: String(r.number),
      issuedOn: isoDate(r.issuedOn)!,
      status: r.status as CertificateStatus,
      unitName: String(r.unitName),
      unitParentBody: String(r.unitParentBody),
      courseName: String(r.courseName),
    })),
  };
}
