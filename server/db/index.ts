import type { Sequelize } from 'sequelize';
import { createSequelize, dialectOf, type Dialect } from './sequelize.js';
import { migrator, seeder, type SeedOptions } from './migrator.js';
import { registerModels } from './models.js';

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(options: { url: string; poolMax?: number; logging?: (sql: string) => void }): Database {
  const sequelize = createSequelize(options);
  registerModels(sequelize);
  return { sequelize, dialect: dialectOf(options.url), close: () => sequelize.close() };
}

export async function migrate(db: Database): Promise<string[]> {
  const done = await migrator(db.sequelize).up();
  return done.map((m) => m.name);
}

export interface SeedResult {
  reference: string[];
  demo: string[];
  demoSkipped?: 'disabled' | 'not-empty';
}

/**
 * Reference data (units, programs, settings) lands whenever it is pending. Demo data lands only into an
 * empty database — no courses, trainees or users yet — so it can never mix with real records.
 */
export async function seed(db: Database, options: SeedOptions & { demo: boolean }): Promise<SeedResult> {
  const reference = (await seeder(db.sequelize, 'reference', options).up()).map((m) => m.name);
  if (!options.demo) return { reference, demo: [], demoSkipped: 'disabled' };
  const demoSeeder = seeder(db.sequelize, 'demo', options);
  const pending = await demoSeeder.pending();
  if (pending.length === 0) return { reference, demo: [] };
  if (!(await isEmpty(db))) return { reference, demo: [], demoSkipped: 'not-empty' };
  const demo = (await demoSeeder.up()).map((m) => m.name);
  return { reference, demo };
}

async function isEmpty(db: Database): Promise<boolean> {
  const [rows] = await db.sequelize.query(
    'SELECT (SELECT COUNT(*) FROM courses) + (SELECT COUNT(*) FROM trainees) + (SELECT COUNT(*) FROM users) AS n',
  );
  return Number((rows as Array<{ n: number | string }>)[0]!.n) === 0;
}

export { dialectOf, migrator, seeder };
export type { Dialect, SeedOptions };
