// Correction requests ("báo sai sót"): a trainee reports a mistake in their record; the request goes to the
// unit that entered that record — the course's unit for an enrollment, the unit that created the trainee
// record for personal data — which resolves it with a note. The board sees every request.
import type { Sequelize, Transaction, WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScope } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { CorrectionRequest, Course, Enrollment, Trainee, Unit, User } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { announceAfterCommit } from '../notifications/index.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import type { CorrectionStatus } from './correction-request.model.js';
import { ownTraineeId } from './portal.service.js';

/** Open requests one trainee may have at a time: enough for any real need, not enough to flood a unit. */
export const MAX_OPEN_REQUESTS = 10;

export interface NewRequest {
  enrollmentId?: number;
  message: string;
}

/** The unit that entered the trainee record; failing that, the unit of their latest course; then the board. */
async function personalDataUnit(trainee: Trainee, transaction: Transaction): Promise<number> {
  if (trainee.createdByUnitId) return trainee.createdByUnitId;
  const latest = (await Enrollment.findOne({
    where: { traineeId: trainee.id },
    include: [{ model: Course, as: 'course', attributes: ['unitId', 'startDate'] }],
    order: [[{ model: Course, as: 'course' }, 'startDate', 'DESC']],
    transaction,
  })) as (Enrollment & { course: Course }) | null;
  if (latest) return latest.course.unitId;
  const board = await Unit.findOne({ where: { kind: 'board' }, attributes: ['id'], order: [['id', 'ASC']], transaction });
  if (!board) throw new AppError('unavailable', 'common.errors.unavailable');
  return board.id;
}

export async function createRequest(sequelize: Sequelize, actor: Actor, input: NewRequest): Promise<{ id: number; unitId: number }> {
  const traineeId = ownTraineeId(actor);
  return inTransaction(sequelize, async (transaction) => {
    const trainee = await Trainee.findByPk(traineeId, { transaction });
    if (!trainee) throw new AppError('not_found', 'common.errors.notFound');
    let unitId: number;
    if (input.enrollmentId) {
      // Someone else's enrollment is simply not found.
      const enrollment = (await Enrollment.findOne({
        where: { id: input.enrollmentId, traineeId },
        include: [{ model: Course, as: 'course', attributes: ['unitId'] }],
        transaction,
      })) as (Enrollment & { course: Course }) | null;
      if (!enrollment) throw new AppError('not_found', 'common.errors.notFound');
      unitId = enrollment.course.unitId;
    } else {
      unitId = await personalDataUnit(trainee, transaction);
    }
    const open = await CorrectionRequest.count({ where: { traineeId, status: 'open' }, transaction });
    if (open >= MAX_OPEN_REQUESTS) throw new AppError('conflict', 'portal.report.tooManyOpen', { params: { max: MAX_OPEN_REQUESTS } });
    const request = await CorrectionRequest.create(
      { traineeId, enrollmentId: input.enrollmentId ?? null, unitId, message: input.message, createdBy: actor.id },
      { transaction },
    );
    // The message itself stays out of the audit log: a trainee may well type their citizen ID into it.
    await audit(
      actor,
      { action: 'create', entityType: 'correction_request', entityId: request.id, unitId, after: { traineeId, enrollmentId: input.enrollmentId ?? null, unitId, status: 'open' } },
      transaction,
    );
    return { id: request.id, unitId };
  });
}

export interface StaffRequestRow {
  id: number;
  createdAt: Date;
  traineeId: number;
  traineeName: string;
  birthYear: number | null;
  unitName: string;
  enrollmentId: number | null;
  courseId: number | null;
  courseName: string | null;
  message: string;
  status: CorrectionStatus;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  resolverName: string | null;
  lockVersion: number;
}

type RequestWithRefs = CorrectionRequest & {
  trainee: Trainee;
  unit: Unit;
  enrollment?: (Enrollment & { course: Course }) | null;
  resolver?: User | null;
};

const staffInclude = [
  { model: Trainee, as: 'trainee', attributes: ['id', 'fullName', 'birthYear', 'birthDate'] },
  { model: Unit, as: 'unit', attributes: ['id', 'name'] },
  { model: Enrollment, as: 'enrollment', required: false, attributes: ['id'], include: [{ model: Course, as: 'course', attributes: ['id', 'name'] }] },
  { model: User, as: 'resolver', required: false, attributes: ['id', 'fullName'] },
];

function toStaffRow(r: RequestWithRefs): StaffRequestRow {
  return {
    id: r.id,
    createdAt: r.createdAt,
    traineeId: r.traineeId,
    traineeName: r.trainee.fullName,
    birthYear: r.trainee.birthYear ?? (r.trainee.birthDate ? Number(r.trainee.birthDate.slice(0, 4)) : null),
    unitName: r.unit.name,
    enrollmentId: r.enrollmentId,
    courseId: r.enrollment?.course.id ?? null,
    courseName: r.enrollment?.course.name ?? null,
    message: r.message,
    status: r.status,
    resolutionNote: r.resolutionNote ?? null,
    resolvedAt: r.resolvedAt ?? null,
    resolverName: r.resolver?.fullName ?? null,
    lockVersion: r.lockVersion,
  };
}

/** A center's requests (the board: all), open ones first, newest first within each. */
export async function listForStaff(
  actor: Actor,
  filter: { status?: CorrectionStatus; page: number; unitId?: number },
): Promise<{ rows: StaffRequestRow[]; pager: PageInfo; openCount: number }> {
  // The board may narrow to one unit; a center's scope always wins over a unit it names.
  const scope = { ...(filter.unitId ? { unitId: filter.unitId } : {}), ...unitScope(actor) } as WhereOptions<CorrectionRequest>;
  const where = { ...scope, ...(filter.status ? { status: filter.status } : {}) } as WhereOptions<CorrectionRequest>;
  const perPage = 50;
  const { limit, offset } = pageWindow(filter.page, perPage);
  const { rows, count } = await CorrectionRequest.findAndCountAll({
    where,
    include: staffInclude,
    // 'open' sorts before 'resolved'.
    order: [['status', 'ASC'], ['createdAt', 'DESC'], ['id', 'DESC']],
    limit,
    offset,
    distinct: true,
  });
  const openCount = await CorrectionRequest.count({ where: { ...scope, status: 'open' } as WhereOptions<CorrectionRequest> });
  return { rows: (rows as RequestWithRefs[]).map(toStaffRow), pager: pageInfo(count, filter.page, perPage), openCount };
}

export async function getForStaff(actor: Actor, id: number): Promise<StaffRequestRow> {
  const request = (await CorrectionRequest.findByPk(id, { include: staffInclude })) as RequestWithRefs | null;
  if (!request) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, request.unitId);
  return toStaffRow(request);
}

export async function resolveRequest(sequelize: Sequelize, actor: Actor, id: number, note: string): Promise<void> {
  await inTransaction(sequelize, async (transaction) => {
    const request = await CorrectionRequest.findOne({ where: { id }, ...forUpdate(transaction) });
    if (!request) throw new AppError('not_found', 'common.errors.notFound');
    assertInScope(actor, request.unitId);
    if (request.status !== 'open') throw new AppError('conflict', 'portal.corrections.alreadyResolved');
    const resolvedAt = new Date();
    const [count] = await CorrectionRequest.update(
      { status: 'resolved', resolutionNote: note, resolvedBy: actor.id, resolvedAt, lockVersion: request.lockVersion + 1 },
      { where: { id, status: 'open' }, transaction },
    );
    if (count !== 1) throw new AppError('conflict', 'portal.corrections.alreadyResolved');
    await audit(
      actor,
      { action: 'resolve', entityType: 'correction_request', entityId: id, unitId: request.unitId, before: { status: 'open' }, after: { status: 'resolved', resolvedBy: actor.id } },
      transaction,
    );
    announceAfterCommit(transaction, { kind: 'correctionAnswered', requestId: id });
  });
}
