// What every write to a course shares: the program check, the date order, the audited fields, the version check.
import type { Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Program, type Course } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { courseJson, getCourse } from './course-view.js';

export interface CourseWriteOptions {
  /** Run inside this transaction (an approved correction applying its change), not a new one. */
  transaction?: Transaction;
  /**
   * An approved correction of a closed year: a finished course's fields may change too (it stays finished, and
   * its end date stays on or before today). Every other rule holds.
   */
  correcting?: boolean;
}

export async function activeProgram(programId: number, transaction: Transaction): Promise<Program> {
  const program = await Program.findByPk(programId, { transaction });
  if (!program) throw new AppError('invalid', 'common.errors.invalid', { fields: { programId: 'courses.errors.unknownProgram' } });
  if (!program.active) throw new AppError('invalid', 'common.errors.invalid', { fields: { programId: 'courses.errors.inactiveProgram' } });
  return program;
}

export const dateOrderError = () => new AppError('invalid', 'common.errors.invalid', { fields: { endDate: 'courses.errors.endBeforeStart' } });

export const auditable = (c: Course) => ({
  unitId: c.unitId,
  programId: c.programId,
  name: c.name,
  startDate: c.startDate,
  endDate: c.endDate,
  place: c.place ?? null,
  capacity: c.capacity,
  status: c.status,
  note: c.note ?? null,
});

async function currentJson(actor: Actor, id: number, transaction: Transaction) {
  return courseJson(await getCourse(actor, id, transaction));
}

/** Refuses a save made from an old copy, with the course as it is now. */
export async function assertVersion(actor: Actor, course: Course, lockVersion: number, transaction: Transaction): Promise<void> {
  if (course.lockVersion !== lockVersion) {
    throw new AppError('conflict', 'common.errors.stale', { details: await currentJson(actor, course.id, transaction) });
  }
}
