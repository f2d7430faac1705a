// Reading enrollments: a course's roster in the Vietnamese order, one enrollment through its course's scope, the
// API's view of a row, and the program rules the writing use cases (enroll, change one, results grid) apply.
import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { getCourse, type CourseView } from '../courses/index.js';
import { Certificate, Enrollment, Program, Trainee } from '../db/models.js';
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

type EnrollmentWithTrainee = Enrollment & { trainee?: Trainee };

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

function toRosterRow(e: EnrollmentWithTrainee, no: number, certified: Set<number>): RosterRow {
  const t = e.trainee!;
  return {
    no,
    id: e.id,
    courseId: e.courseId,
    traineeId: e.traineeId,
    fullName: t.fullName,
    birthDate: t.birthDate ?? null,
    birthYear: num(t.birthYear),
    gender: t.gender ?? null,
    nationalId: t.nationalId ?? null,
    nationalIdMasked: maskNationalId(t.nationalId),
    sendingOrg: e.sendingOrg ?? null,
    attendance: num(e.attendance),
    score: num(e.score),
    grade: e.grade ?? null,
    status: e.status,
    withdrawReason: e.withdrawReason ?? null,
    withdrawnAt: e.withdrawnAt ?? null,
    lockVersion: e.lockVersion,
    certified: certified.has(e.id),
  };
}

const traineeRef = {
  model: Trainee,
  as: 'trainee',
  attributes: ['id', 'fullName', 'birthDate', 'birthYear', 'gender', 'nationalId'],
};

/** Rows of a course already checked for scope, in roster order. */
async function rosterRows(courseId: number, options: { activeOnly?: boolean; transaction?: Transaction } = {}): Promise<RosterRow[]> {
  const where = options.activeOnly ? { courseId, status: { [Op.ne]: 'withdrawn' } } : { courseId };
  const rows = (await Enrollment.findAll({ where, include: [traineeRef], transaction: options.transaction })) as EnrollmentWithTrainee[];
  rows.sort((a, b) => byGivenName(a.trainee!, b.trainee!));
  const certified = await certifiedIds(rows.map((r) => r.id), options.transaction);
  return rows.map((r, i) => toRosterRow(r, i + 1, certified));
}

/**
 * A course with its roster (withdrawals included, at their place), for the course page, the API and printed
 * lists. Another unit's course is not found.
 */
export async function rosterOf(actor: Actor, courseId: number): Promise<{ course: CourseView; rows: RosterRow[] }> {
  const course = await getCourse(actor, courseId);
  return { course, rows: await rosterRows(courseId) };
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

/** One enrollment, through its course's scope. */
export async function getEnrollment(actor: Actor, id: number, transaction?: Transaction): Promise<EnrollmentView> {
  const e = (await Enrollment.findByPk(id, { include: [traineeRef], transaction })) as EnrollmentWithTrainee | null;
  if (!e) throw notFound();
  const course = await getCourse(actor, e.courseId, transaction);
  return { ...toRosterRow(e, 0, await certifiedIds([e.id], transaction)), course };
}

/** The grading rules of a course's program, read inside the writing transaction. */
export const rulesOf = async (programId: number, transaction: Transaction): Promise<GradingRules> =>
  toProgramRow((await Program.findByPk(programId, { transaction }))!);
