// The board decides a correction request. Approving applies the change through the course and enrollment services
// themselves — their rules, their version check, their audit rows — in one transaction with the request's own
// update, with the closed-year guard lifted for that request's unit and year only. The stored payload is parsed
// again first (the same rules as the form), and a record saved since the request refuses the approval.
import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Course, Enrollment, YearCorrection } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { cancelCourse, updateCourse } from '../courses/index.js';
import { updateEnrollment } from '../enrollments/index.js';
import { AppError } from '../http/errors.js';
import { parseWith } from '../http/validate.js';
import { withCorrectionAllowance } from './year-guard.js';
import { cancelPayload, coursePayload, enrollmentPayload, withdrawPayload } from './year-closing.schema.js';

const sequelize = () => YearCorrection.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

function onlyBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'yearClosing.errors.onlyBoard');
}

async function pendingRequest(id: number, transaction: Transaction): Promise<YearCorrection> {
  const request = await YearCorrection.findByPk(id, forUpdate(transaction));
  if (!request) throw notFound();
  if (request.status !== 'pending') throw new AppError('conflict', 'yearClosing.corrections.alreadyDecided');
  return request;
}

/** The payload as stored, checked again by the rules of the form it came from (422 with its fields when it fails). */
const reparse = <S extends z.ZodType>(schema: S, json: string): z.output<S> => parseWith(schema, JSON.parse(json), 'vi');

const pick = (values: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, values[f] ?? null]));

/** Applies the request's change; returns the changed fields' values before and after. */
async function apply(actor: Actor, request: YearCorrection, transaction: Transaction) {
  const options = { transaction };
  const v = request.baseVersion;
  if (request.targetType === 'course') {
    const current = await Course.findByPk(request.targetId, { transaction });
    if (!current) throw notFound();
    if (request.changeKind === 'cancel') {
      const { cancelReason } = reparse(cancelPayload, request.changes);
      const course = await cancelCourse(actor, request.targetId, v, cancelReason, options);
      return { before: { status: current.status }, after: { status: course.status, cancelReason } };
    }
    const changes = reparse(coursePayload, request.changes);
    const fields = Object.keys(changes);
    const course = await updateCourse(actor, request.targetId, v, changes, { ...options, correcting: true });
    return { before: pick(current.get({ plain: true }), fields), after: pick(course as unknown as Record<string, unknown>, fields) };
  }
  const current = await Enrollment.findByPk(request.targetId, { transaction });
  if (!current) throw notFound();
  if (request.changeKind === 'withdraw') {
    const { withdrawReason } = reparse(withdrawPayload, request.changes);
    const e = await updateEnrollment(actor, request.targetId, v, { withdraw: { reason: withdrawReason } }, options);
    return { before: { status: current.status }, after: { status: e.status, withdrawReason } };
  }
  const changes = reparse(enrollmentPayload, request.changes);
  const e = await updateEnrollment(actor, request.targetId, v, changes, options);
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  const before = { attendance: num(current.attendance), score: num(current.score), grade: current.grade ?? null, status: current.status, sendingOrg: current.sendingOrg ?? null };
  const after = { attendance: e.attendance, score: e.score, grade: e.grade, status: e.status, sendingOrg: e.sendingOrg };
  const fields = [...Object.keys(changes), 'grade', 'status'];
  return { before: pick(before, fields), after: pick(after, fields) };
}

/**
 * Duyệt đề nghị: the change is applied and audited on the record (action `correct`, with the reason, the request
 * and who asked; the approver is the entry's user), and the request becomes `applied`. A record saved since the
 * request was made refuses the approval (409) and leaves everything as it was.
 */
export async function approveCorrection(actor: Actor, id: number, note: string | null): Promise<void> {
  onlyBoard(actor);
  await inTransaction(sequelize(), async (transaction) => {
    const request = await pendingRequest(id, transaction);
    let change: { before: Record<string, unknown>; after: Record<string, unknown> };
    try {
      change = await withCorrectionAllowance(transaction, { unitId: request.unitId, year: request.year }, () => apply(actor, request, transaction));
    } catch (err) {
      if (err instanceof AppError && err.kind === 'conflict' && err.message === 'common.errors.stale') {
        throw new AppError('conflict', 'yearClosing.corrections.stale', { details: err.details });
      }
      throw err;
    }
    const decidedAt = new Date();
    const [count] = await YearCorrection.update(
      { status: 'applied', decidedBy: actor.id, decidedAt, decisionNote: note, lockVersion: request.lockVersion + 1 },
      { where: { id, status: 'pending' }, transaction },
    );
    if (count !== 1) throw new AppError('conflict', 'yearClosing.corrections.alreadyDecided');
    await audit(
      actor,
      {
        action: 'correct',
        entityType: request.targetType,
        entityId: request.targetId,
        unitId: request.unitId,
        before: change.before,
        after: { ...change.after, reason: request.reason, correctionId: id, year: request.year, requestedBy: request.requestedBy, approvedBy: actor.username },
      },
      transaction,
    );
    await audit(
      actor,
      { action: 'approve', entityType: 'year_correction', entityId: id, unitId: request.unitId, before: { status: 'pending' }, after: { status: 'applied', decisionNote: note } },
      transaction,
    );
  });
}

/** Từ chối: nothing changes but the request, which keeps the board's reason for the unit to read. */
export async function rejectCorrection(actor: Actor, id: number, note: string): Promise<void> {
  onlyBoard(actor);
  await inTransaction(sequelize(), async (transaction) => {
    const request = await pendingRequest(id, transaction);
    await request.update({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), decisionNote: note, lockVersion: request.lockVersion + 1 }, { transaction });
    await audit(
      actor,
      { action: 'reject', entityType: 'year_correction', entityId: id, unitId: request.unitId, before: { status: 'pending' }, after: { status: 'rejected', decisionNote: note } },
      transaction,
    );
  });
}
