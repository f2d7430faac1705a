// Reading enrollments: a course's roster in the Vietnamese order, one enrollment through its course's scope, the
// API's view of a row, and the program rules the writing use cases (enroll, change one, results grid) apply.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { getCourse, type CourseCounts, type CourseView } from '../courses/index.js';
import { Certificate, Enrollment, Program } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { maskNationalId } from '../lib/text.js';
import type { GradingRules } from '../programs/grading.js';
import { toProgramRow } from '../programs/programs.service.js';
import type { EnrollmentStatus, Grade } from './enrollment.model.js';

export const sequelize = () => Enrollment.sequelize!;
export const notFound = () => new AppError('not_found', 'common.errors.notFound');
/** DECIMAL columns as numbers (MySQL may hand them over as strings). */
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface RosterRow {
  /** STT, in the roster's order (by given name, the Vietnamese way). */
  no: number;
  id: number;
  courseId: number;
  traineeId: number;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  nationalId: string | null;
  nationalIdMasked: string | null;
  sendingOrg: string | null;
  attendance: number | null;
  score: number | null;
  grade: Grade | null;
  status: EnrollmentStatus;
  withdrawReason: string | null;
  withdrawnAt: Date | null;
  lockVersion: number;
  /** A valid certificate was issued: the result is frozen. */
  certified: boolean;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base' });
const givenName = (fullName: string) => fullName.split(' ').at(-1) ?? fullName;
/** Vietnamese lists run by given name (tên), then by the full name. */
export const byGivenName = (a: { fullName: string }, b: { fullName: string }) =>
  collator.compare(givenName(a.fullName), givenName(b.fullName)) || collator.compare(a.fullName, b.fullName);

export async function certifiedIds(enrollmentIds: number[], transaction?: Transaction): Promise<Set<number>> {
  if (enrollmentIds.length === 0) return new Set();
  const rows = await Certificate.findAll({ where: { enrollmentId: enrollmentIds, status: 'valid' }, attributes: ['enrollmentId'], transaction });
  return new Set(rows.map((r) => r.enrollmentId));
}

/** A row of ROSTER_SQL as the driver hands it over (dates as strings on SQLite, DECIMALs maybe as strings). */
interface RawRosterRow {
  id: number;
  courseId: number;
  traineeId: number;
  fullName: string;
  birthDate: string | null;
  birthYear: number | string | null;
  gender: 'male' | 'female' | null;
  nationalId: string | null;
  sendingOrg: string | null;
  attendance: number | string | null;
  score: number | string | null;
  grade: Grade | null;
  status: EnrollmentStatus;
  withdrawReason: string | null;
  withdrawnAt: Date | string | null;
  lockVersion: number;
  certified: number | string | boolean;
}

/**
 * The roster in one statement: each enrollment with its person and whether a valid certificate froze it.
 * Plain rows, no model instances: a 127-person roster was spending most of its time building them.
 */
const ROSTER_SQL = `SELECT e.id AS "id", e.course_id AS "courseId", e.trainee_id AS "traineeId",
       t.full_name AS "fullName", t.birth_date AS "birthDate", t.birth_year AS "birthYear", t.gender AS "gender",
       t.national_id AS "nationalId", e.sending_org AS "sendingOrg", e.attendance AS "attendance", e.score AS "score",
       e.grade AS "grade", e.status AS "status", e.withdraw_reason AS "withdrawReason", e.withdrawn_at AS "withdrawnAt",
       e.lock_version AS "lockVersion",
       CASE WHEN EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.status = 'valid') THEN 1 ELSE 0 END AS "certified"
  FROM enrollments e JOIN trainees t ON t.id = e.trainee_id`;

const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function toRosterRow(r: RawRosterRow, no: number): RosterRow {
  return {
    no,
    id: Number(r.id),
    courseId: Number(r.courseId),
    traineeId: Number(r.traineeId),
    fullName: r.fullName,
    birthDate: r.birthDate ?? null,
    birthYear: num(r.birthYear),
    gender: r.gender ?? null,
    nationalId: r.nationalId ?? null,
    nationalIdMasked: maskNationalId(r.nationalId),
    sendingOrg: r.sendingOrg ?? null,
    attendance: num(r.attendance),
    score: num(r.score),
    grade: r.grade ?? null,
    status: r.status,
    withdrawReason: r.withdrawReason ?? null,
    withdrawnAt: asDate(r.withdrawnAt),
    lockVersion: Number(r.lockVersion),
    certified: Boolean(Number(r.certified)),
  };
}

const rawRows = (where: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
  sequelize().query<RawRosterRow>(`${ROSTER_SQL} WHERE ${where}`, { replacements, type: QueryTypes.SELECT, transaction });

/** Rows of a course already checked for scope, in roster order. */
async function rosterRows(courseId: number, options: { activeOnly?: boolean; transaction?: Transaction } = {}): Promise<RosterRow[]> {
  const where = options.activeOnly ? `e.course_id = :courseId AND e.status <> 'withdrawn'` : 'e.course_id = :courseId';
  const rows = await rawRows(where, { courseId }, options.transaction);
  rows.sort(byGivenName);
  return rows.map((r, i) => toRosterRow(r, i + 1));
}

/** A course's counts from its whole roster, as courseCounts would count them. */
function countsOf(rows: RosterRow[]): CourseCounts {
  const counts = { enrolled: rows.length, active: 0, withdrawn: 0, completed: 0, failed: 0, pending: 0 };
  for (const r of rows) {
    if (r.status === 'withdrawn') counts.withdrawn += 1;
    else counts.active += 1;
    if (r.status === 'completed') counts.completed += 1;
    else if (r.status === 'failed') counts.failed += 1;
    else if (r.status === 'enrolled') counts.pending += 1;
  }
  return counts;
}

/**
 * A course with its roster (withdrawals included, at their place), for the course page, the API and printed
 * lists. Another unit's course is not found. The course's counts come from the roster it reads anyway.
 */
export async function rosterOf(actor: Actor, courseId: number): Promise<{ course: CourseView; rows: RosterRow[] }> {
  let rows: RosterRow[] = [];
  const course = await getCourse(actor, courseId, undefined, {
    counts: async () => countsOf((rows = await rosterRows(courseId))),
  });
  return { course, rows };
}

/** The enrollments the results grid shows: everyone not withdrawn. */
export async function resultsGrid(actor: Actor, courseId: number): Promise<{ course: CourseView; rows: RosterRow[] }> {
  const course = await getCourse(actor, courseId);
  return { course, rows: await rosterRows(courseId, { activeOnly: true }) };
}

/** The API's view of an enrollment; the caller's unit runs the course, so it has the person. */
export function enrollmentJson(r: RosterRow) {
  return {
    id: r.id,
    courseId: r.courseId,
    traineeId: r.traineeId,
    fullName: r.fullName,
    dateOfBirth: r.birthDate,
    birthYear: r.birthYear,
    gender: r.gender,
    nationalId: r.nationalId,
    sendingOrg: r.sendingOrg,
    attendance: r.attendance,
    score: r.score,
    grade: r.grade,
    status: r.status,
    withdrawReason: r.withdrawReason,
    withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
    certified: r.certified,
    lockVersion: r.lockVersion,
  };
}
export type EnrollmentJson = ReturnType<typeof enrollmentJson>;

export interface EnrollmentView extends RosterRow {
  course: CourseView;
}

/** One enrollment as the roster shows it, or null. No scope check: for a caller that has just checked it. */
export async function enrollmentRow(id: number, transaction?: Transaction): Promise<RosterRow | null> {
  const [row] = await rawRows('e.id = :id', { id }, transaction);
  return row ? toRosterRow(row, 0) : null;
}

/** One enrollment, through its course's scope. */
export async function getEnrollment(actor: Actor, id: number, transaction?: Transaction): Promise<EnrollmentView> {
  const row = await enrollmentRow(id, transaction);
  if (!row) throw notFound();
  const course = await getCourse(actor, row.courseId, transaction);
  return { ...row, course };
}

/** The grading rules of a course's program, read inside the writing transaction. */
export const rulesOf = async (programId: number, transaction: Transaction): Promise<GradingRules> =>
  toProgramRow((await Program.findByPk(programId, { transaction }))!);
