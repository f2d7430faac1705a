// Đề nghị điều chỉnh số liệu năm đã khóa sổ: a unit's staff (or the board) ask for one concrete change to a course
// or an enrollment of a closed year, with a reason. Nothing changes until the board approves (correction-decisions.ts).
// A center asks, and sees requests, for its own unit only (scope.ts); another unit's request is not found.
import { literal, type WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScope } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { getCourse, type CourseView } from '../courses/index.js';
import { Course, Enrollment, Trainee, Unit, User, YearCorrection } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { getEnrollment } from '../enrollments/index.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import type { z } from 'zod';
import type { CorrectionKind, CorrectionStatus, CorrectionTarget } from './year-closing.model.js';
import type { courseCorrectionInput, enrollmentCorrectionInput } from './year-closing.schema.js';

const sequelize = () => YearCorrection.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');
const PER_PAGE = 50;

/** How a changed field is shown: dates dd/mm/yyyy, attendance as a percentage, scores with one decimal. */
export type ValueKind = 'text' | 'date' | 'percent' | 'score' | 'number';
const KINDS: Record<string, ValueKind> = { startDate: 'date', endDate: 'date', attendance: 'percent', score: 'score', capacity: 'number' };

export interface CorrectionChange {
  field: string;
  kind: ValueKind;
  before: unknown;
  after: unknown;
}

export interface CorrectionRow {
  id: number;
  unitId: number;
  unitName: string;
  year: number;
  courseId: number;
  courseName: string;
  targetType: CorrectionTarget;
  targetId: number;
  /** The trainee's name for an enrollment; null for the course itself. */
  traineeName: string | null;
  changeKind: CorrectionKind;
  changes: CorrectionChange[];
  reason: string;
  status: CorrectionStatus;
  requestedByName: string | null;
  createdAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  baseVersion: number;
  lockVersion: number;
}

type RequestWithRefs = YearCorrection & { unit: Unit; course: Course; requester?: User | null; decider?: User | null };

const include = [
  { model: Unit, as: 'unit', attributes: ['id', 'name'] },
  { model: Course, as: 'course', attributes: ['id', 'name'] },
  { model: User, as: 'requester', attributes: ['id', 'fullName'], required: false },
  { model: User, as: 'decider', attributes: ['id', 'fullName'], required: false },
];

export function changesOf(changesJson: string, beforeJson: string): CorrectionChange[] {
  const after = JSON.parse(changesJson) as Record<string, unknown>;
  const before = JSON.parse(beforeJson) as Record<string, unknown>;
  return Object.keys(after).map((field) => ({ field, kind: KINDS[field] ?? 'text', before: before[field] ?? null, after: after[field] ?? null }));
}

async function traineeNames(requests: YearCorrection[]): Promise<Map<number, string>> {
  const ids = requests.filter((r) => r.targetType === 'enrollment').map((r) => r.targetId);
  if (ids.length === 0) return new Map();
  const rows = (await Enrollment.findAll({ where: { id: ids }, attributes: ['id'], include: [{ model: Trainee, as: 'trainee', attributes: ['fullName'] }] })) as Array<Enrollment & { trainee: Trainee }>;
  return new Map(rows.map((e) => [e.id, e.trainee.fullName]));
}

function toRow(r: RequestWithRefs, names: Map<number, string>): CorrectionRow {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unit.name,
    year: r.year,
    courseId: r.courseId,
    courseName: r.course.name,
    targetType: r.targetType,
    targetId: r.targetId,
    traineeName: r.targetType === 'enrollment' ? (names.get(r.targetId) ?? null) : null,
    changeKind: r.changeKind,
    changes: changesOf(r.changes, r.beforeData),
    reason: r.reason,
    status: r.status,
    requestedByName: r.requester?.fullName ?? null,
    createdAt: r.createdAt,
    decidedByName: r.decider?.fullName ?? null,
    decidedAt: r.decidedAt ?? null,
    decisionNote: r.decisionNote ?? null,
    baseVersion: r.baseVersion,
    lockVersion: r.lockVersion,
  };
}

/** The actor's requests (the board: every unit's), pending first, newest first. */
export async function listCorrections(actor: Actor, filter: { status?: CorrectionStatus; page: number; courseId?: number }): Promise<{ rows: CorrectionRow[]; pager: PageInfo; pendingCount: number }> {
  const scope = unitScope(actor);
  const where = { ...scope, ...(filter.status ? { status: filter.status } : {}), ...(filter.courseId ? { courseId: filter.courseId } : {}) } as WhereOptions<YearCorrection>;
  const { limit, offset } = pageWindow(filter.page, PER_PAGE);
  const { rows, count } = await YearCorrection.findAndCountAll({
    where,
    include,
    order: [[literal("CASE WHEN `YearCorrection`.`status` = 'pending' THEN 0 ELSE 1 END"), 'ASC'], ['createdAt', 'DESC'], ['id', 'DESC']],
    limit,
    offset,
    distinct: true,
  });
  const pendingCount = await YearCorrection.count({ where: { ...scope, status: 'pending' } as WhereOptions<YearCorrection> });
  const names = await traineeNames(rows);
  return { rows: (rows as RequestWithRefs[]).map((r) => toRow(r, names)), pager: pageInfo(count, filter.page, PER_PAGE), pendingCount };
}

export interface CorrectionView extends CorrectionRow {
  /** The record was saved again since the request was made: approving it will be refused. */
  targetChanged: boolean;
}

export async function getCorrection(actor: Actor, id: number): Promise<CorrectionView> {
  const request = (await YearCorrection.findByPk(id, { include })) as RequestWithRefs | null;
  if (!request) throw notFound();
  assertInScope(actor, request.unitId);
  const target = request.targetType === 'course' ? await Course.findByPk(request.targetId) : await Enrollment.findByPk(request.targetId);
  return { ...toRow(request, await traineeNames([request])), targetChanged: !target || target.lockVersion !== request.baseVersion };
}

// --- Asking ---

interface NewRequest {
  course: CourseView;
  targetType: CorrectionTarget;
  targetId: number;
  changeKind: CorrectionKind;
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
  baseVersion: number;
  reason: string;
}

function assertClosedAndCurrent(course: CourseView, current: number, read: number): number {
  if (!course.closedYear) throw new AppError('conflict', 'yearClosing.corrections.yearOpen', { params: { year: Number(course.startDate.slice(0, 4)) } });
  if (current !== read) throw new AppError('conflict', 'common.errors.stale');
  return course.closedYear.year;
}

async function createRequest(actor: Actor, r: NewRequest): Promise<number> {
  if (Object.keys(r.changes).length === 0) throw new AppError('invalid', 'yearClosing.corrections.noChange');
  const year = r.course.closedYear!.year;
  return inTransaction(sequelize(), async (transaction) => {
    const request = await YearCorrection.create(
      {
        unitId: r.course.unitId,
        year,
        courseId: r.course.id,
        targetType: r.targetType,
        targetId: r.targetId,
        changeKind: r.changeKind,
        changes: JSON.stringify(r.changes),
        beforeData: JSON.stringify(r.before),
        baseVersion: r.baseVersion,
        reason: r.reason,
        requestedBy: actor.id,
      },
      { transaction },
    );
    await audit(
      actor,
      {
        action: 'create',
        entityType: 'year_correction',
        entityId: request.id,
        unitId: r.course.unitId,
        after: { year, targetType: r.targetType, targetId: r.targetId, changeKind: r.changeKind, changes: r.changes, reason: r.reason, status: 'pending' },
      },
      transaction,
    );
    return request.id;
  });
}

/** Only the fields whose value differs from the record's. */
function differing(current: Record<string, unknown>, wanted: Record<string, unknown>, same: (a: unknown, b: unknown) => boolean = (a, b) => a === b) {
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (same(current[field] ?? null, value ?? null)) continue;
    changes[field] = value ?? null;
    before[field] = current[field] ?? null;
  }
  return { changes, before };
}

export async function requestCourseCorrection(actor: Actor, courseId: number, input: z.output<typeof courseCorrectionInput>): Promise<number> {
  const course = await getCourse(actor, courseId);
  assertClosedAndCurrent(course, course.lockVersion, input.lockVersion);
  if (input.kind === 'cancel') {
    // Refused now rather than at the approval: the course's own rules already say no.
    if (course.status === 'cancelled') throw new AppError('conflict', 'courses.errors.alreadyCancelled');
    if (course.status === 'finished') throw new AppError('conflict', 'courses.errors.cancelFinished');
    if (course.counts.completed + course.counts.failed > 0) throw new AppError('conflict', 'courses.errors.cancelHasResults');
    const base = { course, targetType: 'course' as const, targetId: course.id, baseVersion: course.lockVersion, reason: input.reason };
    return createRequest(actor, { ...base, changeKind: 'cancel', changes: { cancelReason: input.cancelReason }, before: { cancelReason: null } });
  }
  if (course.status === 'cancelled') throw new AppError('conflict', 'courses.errors.closed');
  const wanted = { name: input.name, startDate: input.startDate, endDate: input.endDate, place: input.place ?? null, capacity: input.capacity, note: input.note ?? null };
  const { changes, before } = differing(course as unknown as Record<string, unknown>, wanted);
  return createRequest(actor, { course, targetType: 'course', targetId: course.id, changeKind: 'update', changes, before, baseVersion: course.lockVersion, reason: input.reason });
}

const sameNumber = (a: unknown, b: unknown) => (a === null || b === null ? a === b : Math.abs(Number(a) - Number(b)) < 1e-6);

export async function requestEnrollmentCorrection(actor: Actor, enrollmentId: number, input: z.output<typeof enrollmentCorrectionInput>): Promise<number> {
  const enrollment = await getEnrollment(actor, enrollmentId);
  assertClosedAndCurrent(enrollment.course, enrollment.lockVersion, input.lockVersion);
  if (enrollment.certified) throw new AppError('conflict', 'enrollments.errors.certified');
  if (enrollment.status === 'withdrawn') throw new AppError('conflict', input.kind === 'withdraw' ? 'enrollments.errors.alreadyWithdrawn' : 'enrollments.errors.withdrawnNoResults');
  const base = { course: enrollment.course, targetType: 'enrollment' as const, targetId: enrollment.id, baseVersion: enrollment.lockVersion, reason: input.reason };
  if (input.kind === 'withdraw') {
    return createRequest(actor, { ...base, changeKind: 'withdraw', changes: { withdrawReason: input.withdrawReason }, before: { withdrawReason: null } });
  }
  const current = { attendance: enrollment.attendance, score: enrollment.score, sendingOrg: enrollment.sendingOrg };
  const numbers = differing(current, {
    attendance: input.attendance === undefined ? null : Math.round(input.attendance * 10) / 1000,
    score: input.score === undefined ? null : Math.round(input.score * 10) / 10,
  }, sameNumber);
  const text = differing(current, { sendingOrg: input.sendingOrg ?? null });
  return createRequest(actor, { ...base, changeKind: 'update', changes: { ...numbers.changes, ...text.changes }, before: { ...numbers.before, ...text.before } });
}
