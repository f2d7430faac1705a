// One transaction per unit of work. On MariaDB a deadlock or lock-wait timeout rolls the whole
// transaction back; it is then run again from the start, a few times, before the error surfaces.
import type { Sequelize, Transaction } from 'sequelize';
import { Transaction as T } from 'sequelize';

const RETRYABLE = /ER_LOCK_DEADLOCK|Deadlock found|ER_LOCK_WAIT_TIMEOUT|SQLITE_BUSY/;

export async function inTransaction<R>(sequelize: Sequelize, work: (transaction: Transaction) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(work);
    } catch (err) {
      const text = `${(err as { parent?: { code?: string } }).parent?.code ?? ''} ${(err as Error).message}`;
      if (attempt >= 4 || !RETRYABLE.test(text)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

/** SELECT … FOR UPDATE on MariaDB; SQLite's IMMEDIATE transactions already hold the write lock. */
export const forUpdate = (transaction: Transaction) => ({ transaction, lock: T.LOCK.UPDATE });
