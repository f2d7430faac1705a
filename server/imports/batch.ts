// Import batches: a committed file, recorded once per course and kind. The unique (course, kind, SHA-256) index is
// what makes a commit idempotent: the second commit of the same file — a later one, or the other half of a
// double-click racing the first — fails to insert its batch, its transaction rolls back, and the caller answers
// "already imported on …, nothing added".
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { ImportBatch, User } from '../db/models.js';
import type { ImportKind } from './import-batch.model.js';

/** Thrown inside a commit's transaction when the file was committed before; caught outside it. */
export class AlreadyImported extends Error {
  constructor() {
    super('already imported');
    this.name = 'AlreadyImported';
  }
}

export interface BatchInfo {
  id: number;
  kind: ImportKind;
  fileName: string;
  committedAt: Date;
  username: string | null;
  rowCount: number;
  createdCount: number;
  matchedCount: number;
}

export async function claimFile(
  actor: Actor,
  course: { id: number; unitId: number },
  kind: ImportKind,
  file: { fileName: string; sha256: string },
  transaction: Transaction,
): Promise<ImportBatch> {
  try {
    return await ImportBatch.create(
      { unitId: course.unitId, courseId: course.id, userId: actor.id, kind, fileName: file.fileName.slice(0, 255), fileSha256: file.sha256, status: 'committed' },
      { transaction },
    );
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new AlreadyImported();
    throw err;
  }
}

/** The earlier commit of this file to this course, if any. */
export async function previousBatch(courseId: number, kind: ImportKind, sha256: string): Promise<BatchInfo | null> {
  const batch = await ImportBatch.findOne({ where: { courseId, kind, fileSha256: sha256 } });
  if (!batch) return null;
  const user = batch.userId ? await User.findByPk(batch.userId, { attributes: ['username'] }) : null;
  return {
    id: batch.id,
    kind: batch.kind,
    fileName: batch.fileName,
    committedAt: batch.createdAt,
    username: user?.username ?? null,
    rowCount: batch.rowCount,
    createdCount: batch.createdCount,
    matchedCount: batch.matchedCount,
  };
}
