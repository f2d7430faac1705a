// A course's roster with results, read for the roster PDF. Only the course's unit (and the board) may print it.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Course, Program } from '../db/models.js';
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import { AppError } from '../http/errors.js';
import type { DocumentIssuer } from '../pdf/index.js';
import type { Gender } from '../trainees/trainee.model.js';
import { loadIssuer } from './issuer.data.js';
import { decimal, isoDate } from './sql-values.js';

export interface RosterRow {
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender | null;
  sendingOrg: string | null;
  score: number | null;
  grade: Grade | null;
  status: EnrollmentStatus;
  certificateNumber: string | null;
}

export interface RosterCourse {
  id: number;
  name: string;
  programName: string;
  startDate: string;
  endDate: string;
  place: string | null;
}

export interface Roster {
  course: RosterCourse;
  issuer: DocumentIssuer;
  rows: RosterRow[];
}

export async function findCourseInScope(actor: Actor, courseId: number): Promise<Course> {
  const course = await Course.findByPk(courseId);
  if (!course) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, course.unitId);
  return course;
}

// Accents count after the letters, as a Vietnamese reader sorts: Anh, Anh…, then Ánh.
const collator = new Intl.Collator('vi');
const givenName = (fullName: string) => fullName.trim().split(/\s+/).pop() ?? '';

/** Vietnamese lists run in the order of the given name (tên), then of the whole name. */
export function byVietnameseName<T extends { fullName: string }>(a: T, b: T): number {
  return collator.compare(givenName(a.fullName), givenName(b.fullName)) || collator.compare(a.fullName, b.fullName);
}

/** `date`: the roster's own date, which decides the name and signer it prints under. */
export async function loadRoster(sequelize: Sequelize, actor: Actor, courseId: number, date: string): Promise<Roster> {
  const course = await findCourseInScope(actor, courseId);
  const program = await Program.findByPk(course.programId);
  const [rows] = await sequelize.query(
    `SELECT t.full_name AS "fullName", t.birth_date AS "birthDate", t.birth_year AS "birthYear", t.gender AS gender,
            e.sending_org AS "sendingOrg", e.score AS score, e.grade AS grade, e.status AS status,
            (SELECT MAX(ce.number) FROM certificates ce WHERE ce.enrollment_id = e.id AND ce.status = 'valid') AS "certificateNumber"
       FROM enrollments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.course_id = :courseId`,
    { replacements: { courseId } },
  );
  return {
    course: {
      id: course.id,
      name: course.name,
      programName: program?.name ?? '',
      startDate: course.startDate,
      endDate: course.endDate,
      place: course.place ?? null,
    },
    issuer: await loadIssuer(course.unitId, date),
    rows: (rows as Array<Record<string, unknown>>)
      .map(
        (r): RosterRow => ({
          fullName: String(r.fullName),
          birthDate: isoDate(r.birthDate),
          birthYear: r.birthYear === null ? null : Number(r.birthYear),
          gender: (r.gender as Gender | null) ?? null,
          sendingOrg: (r.sendingOrg as string | null) ?? null,
          score: decimal(r.score),
          grade: (r.grade as Grade | null) ?? null,
          status: r.status as EnrollmentStatus,
          certificateNumber: (r.certificateNumber as string | null) ?? null,
        }),
      )
      .sort(byVietnameseName),
  };
}
