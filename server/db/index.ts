import type { Sequelize } from 'sequelize';
import { createSequelize, dialectOf, type DatabaseOptions, type Dialect } from './sequelize.js';
import { setReportDatabase } from './report-database.js';
import { migrator, seeder, type SeedOptions } from './migrator.js';
import { registerModels } from './models.js';

export interface Database {
  sequelize: Sequelize;
  /** Where the reports read: a second pool whose SELECTs go to the read replicas, or `sequelize` itself. */
  reports: Sequelize;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(options: DatabaseOptions): Database {
  const sequelize = createSequelize({ ...options, replicaUrls: [] });
  registerModels(sequelize);
  const replicated = (options.replicaUrls ?? []).length > 0;
  const reports = replicated ? createSequelize(options) : sequelize;
  setReportDatabase(sequelize, reports);
  return {
    sequelize,
    reports,
    dialect: dialectOf(options.url),
    close: async () => {
      await sequelize.close();
      if (replicated) await reports.close();
    },
  };
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
export { reportDatabase } from './report-database.js';
export type { Dialect, SeedOptions };
