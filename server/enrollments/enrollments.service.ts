// Enrollments: one person in one course. Enrolling happens under the course's row lock, so the capacity holds
// when two people enroll at the same moment; results follow the program's rules (programs/grading.ts).
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { effectiveStatus, getCourse, lockCourse, type CourseView } from '../courses/index.js';
import { Certificate, Course, Enrollment, Program, Trainee } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { maskNationalId } from '../lib/text.js';
import { updateVersioned } from '../lib/versioned.js';
import { resultOf, type GradingRules } from '../programs/grading.js';
import { toProgramRow } from '../programs/programs.service.js';
import { findOrCreateTrainee, type TraineeInput } from '../trainees/index.js';
import type { EnrollmentStatus, Grade } from './enrollment.model.js';
import { changedByUser, sameValue, type GridSubmission } from './results-grid.js';
import { assertUnitOpen } from '../units/index.js';
import { assertYearOpen } from '../year-closing/index.js';

const sequelize = () => Enrollment.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

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

async function certifiedIds(enrollmentIds: number[], transaction?: Transaction): Promise<Set<number>> {
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

// --- Enrolling ---

export type EnrollInput = { sendingOrg?: string | null } & (
  | { traineeId: number; trainee?: undefined }
  | { trainee: TraineeInput; traineeId?: undefined; /** Yes, a namesake on file is someone else. */ confirmNew?: boolean }
);

export interface EnrollOutcome {
  enrollmentId: number;
  traineeId: number;
  fullName: string;
  /** No trainee record was made: an existing person (by id, or by a citizen ID on file) was enrolled. */
  reusedTrainee: boolean;
  /** The person had withdrawn from this course and is back. */
  reinstated: boolean;
}

const rulesOf = async (programId: number, transaction: Transaction): Promise<GradingRules> =>
  toProgramRow((await Program.findByPk(programId, { transaction }))!);

async function enrollOnce(actor: Actor, courseId: number, input: EnrollInput): Promise<EnrollOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    // First statement: the lock, so the seat count below sees every enrollment committed before it.
    const course = await lockCourse(actor, courseId, transaction);
    const today = todayInVietnam();
    if (course.status === 'cancelled') throw new AppError('conflict', 'enrollments.errors.courseCancelled');
    if (course.status === 'finished') throw new AppError('conflict', 'enrollments.errors.courseFinished');
    await assertUnitOpen(course.unitId, course.startDate > today ? course.startDate : today, null, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);

    let trainee: Trainee;
    let reusedTrainee: boolean;
    if (input.traineeId !== undefined) {
      const found = await Trainee.findByPk(input.traineeId, { transaction });
      if (!found) throw new AppError('invalid', 'common.errors.invalid', { fields: { traineeId: 'enrollments.errors.unknownTrainee' } });
      trainee = found;
      reusedTrainee = true;
    } else {
      ({ trainee, reused: reusedTrainee } = await findOrCreateTrainee(actor, input.trainee, transaction, { confirmNew: input.confirmNew }));
    }

    const existing = await Enrollment.findOne({ where: { courseId, traineeId: trainee.id }, transaction });
    if (existing && existing.status !== 'withdrawn') {
      throw new AppError('conflict', 'enrollments.errors.duplicate', { params: { name: trainee.fullName }, details: { enrollmentId: existing.id } });
    }
    const active = await Enrollment.count({ where: { courseId, status: { [Op.ne]: 'withdrawn' } }, transaction });
    if (active >= course.capacity) throw new AppError('conflict', 'enrollments.errors.full', { params: { capacity: course.capacity } });

    const sendingOrg = input.sendingOrg ?? null;
    if (existing) {
      const result = resultOf(await rulesOf(course.programId, transaction), {
        score: num(existing.score),
        attendance: num(existing.attendance),
        withdrawn: false,
        courseEnded: course.endDate <= today,
      });
      const changes = { ...result, withdrawReason: null, withdrawnAt: null, sendingOrg: sendingOrg ?? existing.sendingOrg ?? null };
      await updateVersioned(Enrollment, existing.id, existing.lockVersion, changes, { transaction });
      await audit(
        actor,
        { action: 'enroll', entityType: 'enrollment', entityId: existing.id, unitId: course.unitId, before: { status: 'withdrawn' }, after: { status: result.status, sendingOrg: changes.sendingOrg } },
        transaction,
      );
      return { enrollmentId: existing.id, traineeId: trainee.id, fullName: trainee.fullName, reusedTrainee: true, reinstated: true };
    }
    const enrollment = await Enrollment.create({ courseId, traineeId: trainee.id, sendingOrg, status: 'enrolled' }, { transaction });
    await audit(
      actor,
      { action: 'enroll', entityType: 'enrollment', entityId: enrollment.id, unitId: course.unitId, after: { courseId, traineeId: trainee.id, sendingOrg } },
      transaction,
    );
    return { enrollmentId: enrollment.id, traineeId: trainee.id, fullName: trainee.fullName, reusedTrainee, reinstated: false };
  });
}

/**
 * Enrolls an existing person (traineeId) or the person a form describes: by citizen ID the existing record is
 * reused, never doubled. Refused into a cancelled or finished course, into a full one, or a second time.
 */
export async function enroll(actor: Actor, courseId: number, input: EnrollInput): Promise<EnrollOutcome> {
  try {
    return await enrollOnce(actor, courseId, input);
  } catch (err) {
    // Two requests creating the same new person at once (different courses, so different locks): the loser's
    // insert hits the unique citizen ID. Once more finds the winner's record and reuses it.
    if (err instanceof UniqueConstraintError && input.trainee?.nationalId) return enrollOnce(actor, courseId, input);
    throw err;
  }
}

// --- Changing one enrollment ---

async function loadForChange(actor: Actor, id: number, lockVersion: number, transaction: Transaction) {
  const e = await Enrollment.findByPk(id, { transaction });
  if (!e) throw notFound();
  const course = await Course.findByPk(e.courseId, { transaction });
  if (!course) throw notFound();
  assertInScope(actor, course.unitId);
  if (e.lockVersion !== lockVersion) {
    throw new AppError('conflict', 'common.errors.stale', { details: enrollmentJson((await getEnrollment(actor, id, transaction)) as RosterRow) });
  }
  return { e, course };
}

export interface EnrollmentChanges {
  /** 0–1; null clears it. */
  attendance?: number | null;
  /** 0–10, one decimal; null clears it. */
  score?: number | null;
  sendingOrg?: string | null;
  withdraw?: { reason: string };
}

/**
 * The API's one-enrollment change: results, sending organisation, withdrawal. Status and grade are worked out
 * again from the program's rules; a withdrawal wins over everything.
 */
export async function updateEnrollment(actor: Actor, id: number, lockVersion: number, changes: EnrollmentChanges, options: { transaction?: Transaction } = {}): Promise<EnrollmentView> {
  await inTransaction(sequelize(), async (transaction) => {
    const { e, course } = await loadForChange(actor, id, lockVersion, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const today = todayInVietnam();
    const touchesResults = changes.attendance !== undefined || changes.score !== undefined;
    const status = effectiveStatus(course.status, course.startDate, today);
    if (touchesResults && status !== 'open' && status !== 'finished') throw new AppError('conflict', 'enrollments.errors.resultsNotOpen');
    if (changes.withdraw && e.status === 'withdrawn') throw new AppError('conflict', 'enrollments.errors.alreadyWithdrawn');
    if (touchesResults && e.status === 'withdrawn' && !changes.withdraw) {
      throw new AppError('conflict', 'enrollments.errors.withdrawnNoResults');
    }
    if ((touchesResults || changes.withdraw) && (await certifiedIds([id], transaction)).size > 0) {
      throw new AppError('conflict', 'enrollments.errors.certified');
    }
    const before = { attendance: num(e.attendance), score: num(e.score), grade: e.grade ?? null, status: e.status, sendingOrg: e.sendingOrg ?? null };
    const attendance = changes.attendance !== undefined ? changes.attendance : before.attendance;
    const score = changes.score !== undefined ? changes.score : before.score;
    const withdrawn = e.status === 'withdrawn' || Boolean(changes.withdraw);
    const result = resultOf(await rulesOf(course.programId, transaction), { score, attendance, withdrawn, courseEnded: course.endDate <= today });
    const after = { attendance, score, ...result, sendingOrg: changes.sendingOrg !== undefined ? changes.sendingOrg : before.sendingOrg };
    const extra = changes.withdraw ? { withdrawReason: changes.withdraw.reason, withdrawnAt: new Date() } : {};
    await updateVersioned(Enrollment, id, lockVersion, { ...after, ...extra }, { transaction });
    const action = changes.withdraw ? 'withdraw' : touchesResults ? 'results' : 'update';
    const diff = changedFields(before, after);
    if (changes.withdraw) diff.after.withdrawReason = changes.withdraw.reason;
    await audit(actor, { action, entityType: 'enrollment', entityId: id, unitId: course.unitId, ...diff }, transaction);
  }, options.transaction);
  return getEnrollment(actor, id, options.transaction);
}

export async function withdrawEnrollment(actor: Actor, id: number, lockVersion: number, reason: string): Promise<EnrollmentView> {
  return updateEnrollment(actor, id, lockVersion, { withdraw: { reason } });
}

// --- The results grid ---

export interface SaveResultsOutcome {
  saved: number;
}

/**
 * Saves the grid in one transaction. Rows the user did not change are left alone; a changed row that someone
 * else saved meanwhile refuses the whole save (409, nothing written) and names the rows with their current
 * values; a row with an issued certificate cannot change.
 */
export async function saveResults(actor: Actor, courseId: number, submissions: GridSubmission[]): Promise<SaveResultsOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, courseId, transaction);
    await assertYearOpen(course.unitId, course.startDate, null, transaction);
    const today = todayInVietnam();
    const status = effectiveStatus(course.status, course.startDate, today);
    if (status !== 'open' && status !== 'finished') throw new AppError('conflict', 'enrollments.errors.resultsNotOpen');
    const rules = await rulesOf(course.programId, transaction);
    const ids = submissions.map((s) => s.id);
    const rows = ids.length ? await Enrollment.findAll({ where: { courseId, id: ids }, transaction }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const certified = await certifiedIds(ids, transaction);

    const stale: Record<string, unknown> = {};
    const locked: Record<string, string> = {};
    const writes: Array<{ e: Enrollment; s: GridSubmission }> = [];
    for (const s of submissions) {
      const e = byId.get(s.id);
      const current = { attendance: num(e?.attendance), score: num(e?.score) };
      if (!changedByUser(s, current)) continue;
      if (!e || e.status === 'withdrawn') {
        stale[`e${s.id}`] = { id: s.id, status: e?.status ?? null };
        continue;
      }
      if (sameValue(s.attendance, current.attendance) && sameValue(s.score, current.score)) continue;
      if (e.lockVersion !== s.lockVersion) {
        stale[`e${s.id}`] = { id: e.id, ...current, grade: e.grade ?? null, status: e.status, lockVersion: e.lockVersion };
        continue;
      }
      if (certified.has(e.id)) {
        if (!sameValue(s.attendance, current.attendance)) locked[`a_${e.id}`] = 'enrollments.results.locked';
        if (!sameValue(s.score, current.score)) locked[`s_${e.id}`] = 'enrollments.results.locked';
        continue;
      }
      writes.push({ e, s });
    }
    const staleCount = Object.keys(stale).length;
    if (staleCount > 0) throw new AppError('conflict', 'enrollments.results.stale', { params: { count: staleCount }, details: { rows: stale } });
    if (Object.keys(locked).length > 0) throw new AppError('invalid', 'enrollments.results.invalid', { fields: locked });

    for (const { e, s } of writes) {
      const result = resultOf(rules, { score: s.score, attendance: s.attendance, withdrawn: false, courseEnded: course.endDate <= today });
      const before = { attendance: num(e.attendance), score: num(e.score), grade: e.grade ?? null, status: e.status };
      const after = { attendance: s.attendance, score: s.score, ...result };
      await updateVersioned(Enrollment, e.id, e.lockVersion, after, { transaction });
      await audit(actor, { action: 'results', entityType: 'enrollment', entityId: e.id, unitId: course.unitId, ...changedFields(before, after) }, transaction);
    }
    return { saved: writes.length };
  });
}
