// Merging two records of one person (the board only): the duplicate's enrollments (and so its certificates), its
// account and its correction requests move to the kept record, in one transaction, recorded in trainee_merges and
// the audit log; the duplicate stays, marked merged_into_id, so its old links lead to the kept record and the
// merge can be undone exactly. Summary tables follow by their triggers on enrollments.trainee_id.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Trainee } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { maskNationalId } from '../lib/text.js';

const sequelize = () => Trainee.sequelize!;
const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
  sequelize().query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });

export interface MergeCard {
  id: number;
  fullName: string;
  birthYear: number | null;
  gender: string | null;
  nationalIdMasked: string | null;
  workplace: string | null;
  enrollments: Array<{ id: number; courseId: number; courseName: string; startDate: string }>;
  certificates: number;
  accounts: Array<{ id: number; username: string }>;
  corrections: number;
}

export interface MergePreview {
  kept: MergeCard;
  duplicate: MergeCard;
  /** The duplicate's citizen ID moves to the kept record (which has none). */
  nationalIdMoves: boolean;
  /** Why the merge is refused, as a message key and its parameters; null when it can be done. */
  conflict: { message: string; params?: Record<string, string> } | null;
}

/** What was moved, for the undo. */
interface Moved {
  enrollments: number[];
  accounts: number[];
  corrections: number[];
  nationalId: string | null;
}

function assertBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'common.errors.forbidden');
}

async function card(trainee: Trainee, transaction?: Transaction): Promise<MergeCard> {
  const r = { id: trainee.id };
  const enrollments = await select<{ id: number; courseId: number; courseName: string; startDate: string }>(
    `SELECT e.id AS "id", c.id AS "courseId", c.name AS "courseName", c.start_date AS "startDate"
       FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE e.trainee_id = :id ORDER BY c.start_date, e.id`,
    r,
    transaction,
  );
  const [certs] = await select<{ n: number }>('SELECT COUNT(*) AS "n" FROM certificates k JOIN enrollments e ON e.id = k.enrollment_id WHERE e.trainee_id = :id', r, transaction);
  const accounts = await select<{ id: number; username: string }>('SELECT id AS "id", username AS "username" FROM users WHERE trainee_id = :id ORDER BY id', r, transaction);
  const [corrections] = await select<{ n: number }>('SELECT COUNT(*) AS "n" FROM correction_requests WHERE trainee_id = :id', r, transaction);
  return {
    id: trainee.id,
    fullName: trainee.fullName,
    birthYear: trainee.birthYear === null ? null : Number(trainee.birthYear),
    gender: trainee.gender,
    nationalIdMasked: maskNationalId(trainee.nationalId ?? null),
    workplace: trainee.workplace ?? null,
    enrollments: enrollments.map((e) => ({ id: Number(e.id), courseId: Number(e.courseId), courseName: String(e.courseName), startDate: String(e.startDate).slice(0, 10) })),
    certificates: Number(certs?.n ?? 0),
    accounts: accounts.map((a) => ({ id: Number(a.id), username: String(a.username) })),
    corrections: Number(corrections?.n ?? 0),
  };
}

async function load(keptId: number, duplicateId: number, transaction?: Transaction): Promise<[Trainee, Trainee]> {
  if (keptId === duplicateId) throw new AppError('invalid', 'trainees.merge.errors.same', { fields: { duplicateId: 'trainees.merge.errors.same' } });
  const options = transaction ? forUpdate(transaction) : {};
  const kept = await Trainee.findByPk(keptId, options);
  const duplicate = await Trainee.findByPk(duplicateId, options);
  if (!kept || !duplicate) throw new AppError('not_found', 'common.errors.notFound');
  if (kept.mergedIntoId || duplicate.mergedIntoId) throw new AppError('conflict', 'trainees.merge.errors.alreadyMerged');
  return [kept, duplicate];
}

function conflictOf(kept: Trainee, duplicate: Trainee, a: MergeCard, b: MergeCard): MergePreview['conflict'] {
  const shared = b.enrollments.find((e) => a.enrollments.some((k) => k.courseId === e.courseId));
  if (shared) return { message: 'trainees.merge.errors.sameCourse', params: { course: shared.courseName } };
  if (a.accounts.length > 0 && b.accounts.length > 0) return { message: 'trainees.merge.errors.twoAccounts' };
  if (kept.nationalId && duplicate.nationalId && kept.nationalId !== duplicate.nationalId) return { message: 'trainees.merge.errors.twoNationalIds' };
  return null;
}

export async function previewMerge(actor: Actor, keptId: number, duplicateId: number): Promise<MergePreview> {
  assertBoard(actor);
  const [kept, duplicate] = await load(keptId, duplicateId);
  const [a, b] = [await card(kept), await card(duplicate)];
  return { kept: a, duplicate: b, nationalIdMoves: !kept.nationalId && Boolean(duplicate.nationalId), conflict: conflictOf(kept, duplicate, a, b) };
}

const setTrainee = (table: string, ids: number[], traineeId: number, transaction: Transaction) =>
  ids.length ? sequelize().query(`UPDATE ${table} SET trainee_id = :traineeId WHERE id IN (:ids)`, { replacements: { traineeId, ids }, transaction }) : null;

export async function mergeTrainees(actor: Actor, keptId: number, duplicateId: number): Promise<{ mergeId: number }> {
  assertBoard(actor);
  return inTransaction(sequelize(), async (transaction) => {
    const [kept, duplicate] = await load(keptId, duplicateId, transaction);
    const [a, b] = [await card(kept, transaction), await card(duplicate, transaction)];
    const conflict = conflictOf(kept, duplicate, a, b);
    if (conflict) throw new AppError('conflict', conflict.message, { params: conflict.params });
    const moved: Moved = {
      enrollments: b.enrollments.map((e) => e.id),
      accounts: b.accounts.map((u) => u.id),
      corrections: (await select<{ id: number }>('SELECT id AS "id" FROM correction_requests WHERE trainee_id = :id ORDER BY id', { id: duplicateId }, transaction)).map((r) => Number(r.id)),
      nationalId: !kept.nationalId && duplicate.nationalId ? duplicate.nationalId : null,
    };
    await setTrainee('enrollments', moved.enrollments, keptId, transaction);
    await setTrainee('users', moved.accounts, keptId, transaction);
    await setTrainee('correction_requests', moved.corrections, keptId, transaction);
    const now = new Date();
    // The citizen ID is unique: off the duplicate before it goes onto the kept record.
    await duplicate.update({ nationalId: moved.nationalId ? null : duplicate.nationalId, mergedIntoId: keptId, mergedAt: now, lockVersion: duplicate.lockVersion + 1 }, { transaction });
    await kept.update({ nationalId: moved.nationalId ?? kept.nationalId, lockVersion: kept.lockVersion + 1 }, { transaction });
    await sequelize().query(
      `INSERT INTO trainee_merges (kept_id, duplicate_id, moved, kept_version, merged_by, created_at, updated_at)
       VALUES (:keptId, :duplicateId, :moved, :keptVersion, :actorId, :now, :now)`,
      { replacements: { keptId, duplicateId, moved: JSON.stringify(moved), keptVersion: kept.lockVersion, actorId: actor.id, now }, transaction },
    );
    // The insert's id the same way on both databases: the newest merge of this pair, inside this transaction.
    const [row] = await select<{ id: number }>('SELECT MAX(id) AS "id" FROM trainee_merges WHERE kept_id = :keptId AND duplicate_id = :duplicateId', { keptId, duplicateId }, transaction);
    const mergeId = Number(row!.id);
    const after = { mergeId, duplicateId, enrollments: moved.enrollments, accounts: moved.accounts, corrections: moved.corrections, nationalIdMoved: Boolean(moved.nationalId) };
    const before = { keptEnrollments: a.enrollments.map((e) => e.id), duplicateEnrollments: moved.enrollments, duplicateAccounts: moved.accounts, duplicateCorrections: moved.corrections };
    await audit(actor, { action: 'merge', entityType: 'trainee', entityId: keptId, unitId: null, before, after }, transaction);
    await audit(actor, { action: 'merged', entityType: 'trainee', entityId: duplicateId, unitId: null, before: { mergedIntoId: null }, after: { mergedIntoId: keptId, mergeId } }, transaction);
    return { mergeId };
  });
}
