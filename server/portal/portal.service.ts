// "Hồ sơ của tôi": everything the system holds about the signed-in trainee, across every unit and year.
// Only their own record: the trainee id comes from the session's account, never from the request.
import type { Actor } from '../auth/actor.js';
import { assertOwnTrainee } from '../auth/scope.js';
import { Certificate, CorrectionRequest, Course, Enrollment, Program, Trainee, Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { maskNationalId } from '../lib/text.js';
import { unitNamer } from '../units/index.js';

export interface PersonalData {
  id: number;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: string | null;
  ethnicity: string | null;
  religion: string | null;
  /** Masked even for the person themself: the page may be open on a shared office screen. */
  maskedNationalId: string | null;
  hometown: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  educationLevel: string | null;
  professionalLevel: string | null;
  theoryLevel: string | null;
  position: string | null;
  workplace: string | null;
  partyStatus: string | null;
  partyJoinedOn: string | null;
  partyOfficialOn: string | null;
}

export interface MyCertificate {
  id: number;
  number: string;
  issuedOn: string;
  status: string;
  courseName: string;
  programName: string;
  /** Only a valid certificate is offered for download. */
  downloadable: boolean;
}

export interface MyEnrollment {
  id: number;
  courseName: string;
  programName: string;
  unitName: string;
  startDate: string;
  endDate: string;
  sendingOrg: string | null;
  attendance: number | null;
  score: number | null;
  grade: string | null;
  status: string;
  certificates: MyCertificate[];
}

export interface MyRequest {
  id: number;
  createdAt: Date;
  subject: string | null;
  unitName: string;
  message: string;
  status: string;
  resolutionNote: string | null;
  resolvedAt: Date | null;
}

export interface MyRecord {
  trainee: PersonalData;
  years: Array<{ year: number; enrollments: MyEnrollment[] }>;
  certificates: MyCertificate[];
  requests: MyRequest[];
  /** For the "report a mistake" form: which enrollment it is about. */
  subjects: Array<{ id: number; label: string }>;
}

type CourseWithRefs = Course & { unit: Unit; program: Program };
type EnrollmentWithRefs = Enrollment & { course: CourseWithRefs; certificates: Certificate[] };

export function ownTraineeId(actor: Actor): number {
  if (actor.traineeId === null) throw new AppError('not_found', 'common.errors.notFound');
  assertOwnTrainee(actor, actor.traineeId);
  return actor.traineeId;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function myRecord(actor: Actor): Promise<MyRecord> {
  const traineeId = ownTraineeId(actor);
  const trainee = await Trainee.findByPk(traineeId);
  if (!trainee) throw new AppError('not_found', 'common.errors.notFound');

  const enrollments = (await Enrollment.findAll({
    where: { traineeId },
    include: [
      {
        model: Course,
        as: 'course',
        include: [
          { model: Unit, as: 'unit', attributes: ['id', 'name'] },
          { model: Program, as: 'program', attributes: ['id', 'name'] },
        ],
      },
      { model: Certificate, as: 'certificates', required: false },
    ],
    order: [[{ model: Course, as: 'course' }, 'startDate', 'DESC']],
  })) as EnrollmentWithRefs[];

  // Each course names its unit as it was called when the course started.
  const unitOn = await unitNamer([...new Set(enrollments.map((e) => e.course.unitId))]);
  const rows: MyEnrollment[] = enrollments.map((e) => {
    const certificates = [...(e.certificates ?? [])]
      .sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : b.id - a.id))
      .map((c) => ({
        id: c.id,
        number: c.number,
        issuedOn: c.issuedOn,
        status: c.status,
        courseName: e.course.name,
        programName: e.course.program.name,
        downloadable: c.status === 'valid',
      }));
    return {
      id: e.id,
      courseName: e.course.name,
      programName: e.course.program.name,
      unitName: unitOn(e.course.unitId, e.course.startDate)?.name ?? e.course.unit.name,
      startDate: e.course.startDate,
      endDate: e.course.endDate,
      sendingOrg: e.sendingOrg ?? null,
      attendance: num(e.attendance),
      score: num(e.score),
      grade: e.grade ?? null,
      status: e.status,
      certificates,
    };
  });

  const byYear = new Map<number, MyEnrollment[]>();
  for (const row of rows) {
    const year = Number(row.startDate.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), row]);
  }

  return {
    trainee: personalData(trainee),
    years: [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([year, list]) => ({ year, enrollments: list })),
    certificates: rows.flatMap((r) => r.certificates).sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : -1)),
    requests: await myRequests(traineeId),
    subjects: rows.map((r) => ({ id: r.id, label: `${r.courseName} (${r.unitName})` })),
  };
}

function personalData(t: Trainee): PersonalData {
  return {
    id: t.id,
    fullName: t.fullName,
    birthDate: t.birthDate,
    birthYear: t.birthYear,
    gender: t.gender,
    ethnicity: t.ethnicity ?? null,
    religion: t.religion ?? null,
    maskedNationalId: maskNationalId(t.nationalId),
    hometown: t.hometown ?? null,
    address: t.address ?? null,
    phone: t.phone ?? null,
    email: t.email ?? null,
    educationLevel: t.educationLevel ?? null,
    professionalLevel: t.professionalLevel ?? null,
    theoryLevel: t.theoryLevel ?? null,
    position: t.position ?? null,
    workplace: t.workplace ?? null,
    partyStatus: t.partyStatus ?? null,
    partyJoinedOn: t.partyJoinedOn ?? null,
    partyOfficialOn: t.partyOfficialOn ?? null,
  };
}

async function myRequests(traineeId: number): Promise<MyRequest[]> {
  const requests = (await CorrectionRequest.findAll({
    where: { traineeId },
    include: [
      { model: Unit, as: 'unit', attributes: ['id', 'name'] },
      { model: Enrollment, as: 'enrollment', required: false, include: [{ model: Course, as: 'course', attributes: ['id', 'name'] }] },
    ],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
  })) as Array<CorrectionRequest & { unit: Unit; enrollment?: (Enrollment & { course: Course }) | null }>;
  return requests.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    subject: r.enrollment?.course.name ?? null,
    unitName: r.unit.name,
    message: r.message,
    status: r.status,
    resolutionNote: r.resolutionNote ?? null,
    resolvedAt: r.resolvedAt ?? null,
  }));
}
