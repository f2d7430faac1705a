// Keeping an uploaded file between its preview and its commit. The bytes go into import_uploads (not the session,
// which holds the user id only; not one server's disk, which a second app server or a restart would not see),
// keyed by user, course, kind and SHA-256: the commit form names the hash, the server reads the bytes back, and the
// user never uploads twice. Bounded: a day at most, five files per user, each at most the upload limit; every new
// upload sweeps the expired ones, and a commit removes its own in the same transaction.
import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { ImportUpload } from '../db/models.js';
import type { ImportKind } from './import-batch.model.js';

export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_UPLOADS_PER_USER = 5;

export interface KeptFile {
  buffer: Buffer;
  fileName: string;
  sha256: string;
}

interface Key {
  courseId: number;
  kind: ImportKind;
  sha256: string;
}

const where = (actor: Actor, key: Key) => ({ userId: actor.id, courseId: key.courseId, kind: key.kind, fileSha256: key.sha256 });

/** Stores the file for this user and course (replacing the same file uploaded earlier) and sweeps old ones. */
export async function keepUpload(actor: Actor, courseId: number, kind: ImportKind, file: KeptFile, now = new Date()): Promise<void> {
  await ImportUpload.destroy({ where: { createdAt: { [Op.lt]: new Date(now.getTime() - UPLOAD_TTL_MS) } } });
  await ImportUpload.destroy({ where: where(actor, { courseId, kind, sha256: file.sha256 }) });
  await ImportUpload.create({
    userId: actor.id,
    courseId,
    kind,
    fileName: file.fileName.slice(0, 255),
    fileSha256: file.sha256,
    byteSize: file.buffer.length,
    content: file.buffer,
    createdAt: now,
  });
  const older = await ImportUpload.findAll({
    where: { userId: actor.id },
    attributes: ['id'],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    offset: MAX_UPLOADS_PER_USER,
  });
  if (older.length > 0) await ImportUpload.destroy({ where: { id: older.map((u) => u.id) } });
}

/** The file this user uploaded to this course, unless it has expired or was committed. */
export async function loadUpload(actor: Actor, courseId: number, kind: ImportKind, sha256: string, now = new Date()): Promise<KeptFile | null> {
  const row = await ImportUpload.findOne({ where: { ...where(actor, { courseId, kind, sha256 }), createdAt: { [Op.gte]: new Date(now.getTime() - UPLOAD_TTL_MS) } } });
  if (!row) return null;
  return { buffer: Buffer.from(row.content), fileName: row.fileName, sha256: row.fileSha256 };
}

export async function dropUpload(actor: Actor, courseId: number, kind: ImportKind, sha256: string, transaction?: Transaction): Promise<void> {
  await ImportUpload.destroy({ where: where(actor, { courseId, kind, sha256 }), transaction });
}
