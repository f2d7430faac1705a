// Records every SQL statement the test database runs while `fn` does its work (a query counter).
import { testDb } from './db.js';

export async function queriesDuring<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sequelize = testDb().sequelize;
  const sql: string[] = [];
  const original = sequelize.query;
  sequelize.query = function (this: typeof sequelize, ...args: Parameters<typeof original>) {
    const statement = args[0];
    sql.push(typeof statement === 'string' ? statement : (statement as { query: string }).query);
    return original.apply(this, args);
  } as typeof original;
  try {
    return { result: await fn(), sql };
  } finally {
    sequelize.query = original;
  }
}
