// "Hoàn tác gộp": moves back exactly the rows a merge moved (trainee_merges.moved), provided the kept record is as
// the merge left it; otherwise undoing could take away something entered since, so it is refused.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Trainee } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';

const sequelize = () => Trainee.sequelize!;
const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
  sequelize().query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });

interface MergeRow {
  id: number;
  keptId: number;
  duplicateId: number;
  moved: string;
  keptVersion: number;
  undoneAt: string | Date | null;
}

export interface MergeEntry {
  id: number;
  keptId: number;
  keptName: string;
  duplicateId: number;
  duplicateName: string;
  mergedAt: Date;
  undoneAt: Date | null;
}

/** The latest merges, for the board's merge page. */
export async function recentMerges(actor: Actor, limit = 20): Promise<MergeEntry[]> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'common.errors.forbidden');
  const rows = await select<Record<string, unknown>>(
    `SELECT m.id AS "id", m.kept_id AS "keptId", k.full_name AS "keptName", m.duplicate_id AS "duplicateId", d.full_name AS "duplicateName",
            m.created_at AS "mergedAt", m.undone_at AS "undoneAt"
       FROM trainee_merges m JOIN trainees k ON k.id = m.kept_id JOIN trainees d ON d.id = m.duplicate_id
      ORDER BY m.id DESC LIMIT ${Math.max(1, Math.min(limit, 100))}`,
    {},
  );
  return rows.map((r) => ({
    id: Number(r.id),
    keptId: Number(r.keptId),
    keptName: String(r.keptName),
    duplicateId: Number(r.duplicateId),
    duplicateName: String(r.duplicateName),
    mergedAt: new Date(String(r.mergedAt)),
    undoneAt: r.undoneAt ? new Date(String(r.undoneAt)) : null,
  }));
}

const stillOn = async (table: string, ids: number[], traineeId: number, transaction: Transaction) => {
  if (!ids.length) return true;
  const [row] = await select<{ n: number }>(`SELECT COUNT(*) AS "n" FROM ${table} WHERE id IN (:ids) AND trainee_id = :traineeId`, { ids, traineeId }, transaction);
  return Number(row?.n ?? 0) === ids.length;
};

export async function undoMerge(actor: Actor, mergeId: number): Promise<{ keptId: number; duplicateId: number }> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'common.errors.forbidden');
  return inTransaction(sequelize(), async (transaction) => {
    const [merge] = await select<MergeRow>(
      `SELECT id AS "id", kept_id AS "keptId", duplicate_id AS "duplicateId", moved AS "moved", kept_version AS "keptVersion", undone_at AS "undoneAt"
         FROM trainee_merges WHERE id = :mergeId`,
      { mergeId },
      transaction,
    );
    if (!merge) throw new AppError('not_found', 'common.errors.notFound');
    if (merge.undoneAt) throw new AppError('conflict', 'trainees.merge.errors.undoDone');
    const keptId = Number(merge.keptId);
    const duplicateId = Number(merge.duplicateId);
    const kept = await Trainee.findByPk(keptId, forUpdate(transaction));
    const duplicate = await Trainee.findByPk(duplicateId, forUpdate(transaction));
    const moved = JSON.parse(merge.moved) as { enrollments: number[]; accounts: number[]; corrections: number[]; nationalId: string | null };
    const unchanged =
      kept && duplicate && !kept.mergedIntoId && duplicate.mergedIntoId === keptId && kept.lockVersion === Number(merge.keptVersion) &&
      (!moved.nationalId || kept.nationalId === moved.nationalId) &&
      (await stillOn('enrollments', moved.enrollments, keptId, transaction)) &&
      (await stillOn('users', moved.accounts, keptId, transaction)) &&
      (await stillOn('correction_requests', moved.corrections, keptId, transaction));
    if (!unchanged) throw new AppError('conflict', 'trainees.merge.errors.undoChanged');
    for (const [table, ids] of [['enrollments', moved.enrollments], ['users', moved.accounts], ['correction_requests', moved.corrections]] as const) {
      if (ids.length) await sequelize().query(`UPDATE ${table} SET trainee_id = :duplicateId WHERE id IN (:ids)`, { replacements: { duplicateId, ids }, transaction });
    }
    await kept.update({ nationalId: moved.nationalId ? null : kept.nationalId, lockVersion: kept.lockVersion + 1 }, { transaction });
    await duplicate.update({ nationalId: moved.nationalId ?? duplicate.nationalId, mergedIntoId: null, mergedAt: null, lockVersion: duplicate.lockVersion + 1 }, { transaction });
    await sequelize().query('UPDATE trainee_merges SET undone_at = :now, undone_by = :actorId, updated_at = :now WHERE id = :mergeId', {
      replacements: { now: new Date(), actorId: actor.id, mergeId },
      transaction,
    });
    const restored = { mergeId, duplicateId, enrollments: moved.enrollments, accounts: moved.accounts, corrections: moved.corrections, nationalIdMoved: Boolean(moved.nationalId) };
    await audit(actor, { action: 'unmerge', entityType: 'trainee', entityId: keptId, unitId: null, before: { mergedFrom: duplicateId }, after: restored }, transaction);
    await audit(actor, { action: 'unmerged', entityType: 'trainee', entityId: duplicateId, unitId: null, before: { mergedIntoId: keptId }, after: { mergedIntoId: null, mergeId } }, transaction);
    return { keptId, duplicateId };
  });
}

/** Where a merged record's page leads: the record it was merged into (following a later merge of that one). */
export async function mergedTarget(id: number): Promise<number | null> {
  let target: number | null = null;
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const row = await Trainee.findByPk(current, { attributes: ['id', 'mergedIntoId'] });
    if (!row?.mergedIntoId) break;
    target = current = row.mergedIntoId;
  }
  return target;
}
