// Optimistic locking: a save names the version it read; if someone saved in between, the save is refused
// with the current values (409) instead of silently overwriting them.
import type { Model, ModelStatic, Transaction, WhereOptions } from 'sequelize';
import { AppError } from '../http/errors.js';

export interface Versioned {
  id: number;
  lockVersion: number;
}

/**
 * UPDATE … SET …, lock_version = lock_version + 1 WHERE id = ? AND lock_version = ?.
 * Throws `conflict` with `details` = the current row (through `present`) when the version is stale.
 */
export async function updateVersioned<M extends Model & Versioned>(
  model: ModelStatic<M>,
  id: number,
  expectedVersion: number,
  changes: Record<string, unknown>,
  options: { transaction?: Transaction; present?: (current: M) => unknown } = {},
): Promise<number> {
  const [count] = await model.update({ ...changes, lockVersion: expectedVersion + 1 } as never, {
    where: { id, lockVersion: expectedVersion } as WhereOptions,
    transaction: options.transaction,
  });
  if (count === 1) return expectedVersion + 1;
  const current = await model.findByPk(id, { transaction: options.transaction });
  if (!current) throw new AppError('not_found', 'common.errors.notFound');
  throw new AppError('conflict', 'common.errors.stale', {
    details: options.present ? options.present(current) : current.get({ plain: true }),
  });
}
