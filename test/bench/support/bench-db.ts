// The benchmark database: its own MariaDB database (bench_llct by default), migrated like production,
// holding the national-scale data set, built once and reused by later runs.
import mysql, { type Connection } from 'mysql2/promise';
import { migrate, openDatabase, seed, type Database } from '../../../server/db/index.js';
import { generateNationalData, readDataSetInfo, type DataSetInfo } from './national-data.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_llct';
/** The same generator at twice the courses (about 2.1 million enrollments), for the "grows with the data?" check. */
export const BENCH_2M_DATABASE_URL = process.env.BENCH_2M_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_llct_2m';

export function rawConnection(url = BENCH_DATABASE_URL): Promise<Connection> {
  const u = new URL(url);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || undefined,
    charset: 'utf8mb4',
    decimalNumbers: true,
    dateStrings: true,
  });
}

async function ensureDatabaseExists(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`Unsafe benchmark database name: ${name}`);
  const admin = await rawConnection(url.replace(/\/\w+$/, '/'));
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
}

export interface BenchDatabase {
  db: Database;
  info: DataSetInfo;
  reused: boolean;
}

/**
 * Opens the benchmark database, applies pending migrations (a new index lands on the existing data) and
 * builds the data set when it is missing or was made by an older generator (the database is then emptied).
 */
export async function openBenchDatabase(log: (line: string) => void, url = BENCH_DATABASE_URL, scale = 1): Promise<BenchDatabase> {
  await ensureDatabaseExists(url);
  let conn = await rawConnection(url);
  let info = await readDataSetInfo(conn, scale);
  if (!info) {
    const [tables] = await conn.query('SHOW TABLES');
    if ((tables as unknown[]).length > 0) {
      log('  the benchmark database holds an older or partial data set: starting again from an empty database');
      const name = new URL(url).pathname.slice(1);
      await conn.query(`DROP DATABASE \`${name}\``);
      await conn.end();
      await ensureDatabaseExists(url);
      conn = await rawConnection(url);
    }
  }
  const db = openDatabase({ url, poolMax: 10 });
  const applied = await migrate(db);
  if (applied.length > 0) log(`  ${applied.length} migration(s) applied`);
  await seed(db, { demo: false, scryptLogN: 10 });
  let reused = true;
  if (!info) {
    reused = false;
    log('  generating the national data set (once; later runs reuse it)…');
    info = await generateNationalData(conn, log, scale);
  }
  await conn.end();
  return { db, info, reused };
}
