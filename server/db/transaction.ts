// One transaction per unit of work. On MariaDB a deadlock or lock-wait timeout rolls the whole
// transaction back; it is then run again from the start, a few times, before the error surfaces.
import type { Sequelize, Transaction } from 'sequelize';
import { Transaction as T } from 'sequelize';

const RETRYABLE = /ER_LOCK_DEADLOCK|Deadlock found|ER_LOCK_WAIT_TIMEOUT|SQLITE_BUSY/;

/**
 * SQLite takes one writer at a time, and a transaction waiting in BEGIN IMMEDIATE sleeps in SQLite's busy handler on
 * one of libuv's four threadpool threads. With four such waiters the transaction holding the lock gets no thread for
 * its next statement and everything stalls until the busy timeout. So on SQLite, transactions wait their turn here,
 * in the event loop, instead. (Do not open a transaction inside another: it would wait for itself.)
 */
const sqliteTurns = new WeakMap<Sequelize, Promise<void>>();

async function inTurn<R>(sequelize: Sequelize, work: () => Promise<R>): Promise<R> {
  if (sequelize.getDialect() !== 'sqlite') return work();
  const previous = sqliteTurns.get(sequelize) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  sqliteTurns.set(sequelize, previous.then(() => mine));
  await previous;
  try {
    return await work();
  } finally {
    done();
  }
}

/**
 * Runs `work` in a new transaction, retried on a deadlock; with `outer`, in that transaction instead (one unit of
 * work made of several services' steps, such as an approved correction applying its change).
 */
export async function inTransaction<R>(sequelize: Sequelize, work: (transaction: Transaction) => Promise<R>, outer?: Transaction): Promise<R> {
  if (outer) return work(outer);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTurn(sequelize, () => sequelize.transaction(work));
    } catch (err) {
      const text = `${(err as { parent?: { code?: string } }).parent?.code ?? ''} ${(err as Error).message}`;
      if (attempt >= 4 || !RETRYABLE.test(text)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

/** SELECT … FOR UPDATE on MariaDB; SQLite's IMMEDIATE transactions already hold the write lock. */
export const forUpdate = (transaction: Transaction) => ({ transaction, lock: T.LOCK.UPDATE });
