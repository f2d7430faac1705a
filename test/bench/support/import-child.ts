// One run of the import benchmark, in its own process so that its peak memory is its own: a fresh database
// (SQLite file or MariaDB database), a course, then the commit's code path timed end to end — the kept upload read
// back, the file read, checked again and written (loadUpload → readSpreadsheet → commitRosterImport, as the commit
// route does, without HTTP) — then the baseline: plain multi-row INSERTs of the same trainee and enrollment rows.
// Prints one JSON line.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../../../server/auth/actor.js';
import { migrate, openDatabase, seed } from '../../../server/db/index.js';
import { Course, Program, Unit, User } from '../../../server/db/models.js';
import { readSpreadsheet } from '../../../server/imports/read-file.js';
import { commitRosterImport } from '../../../server/imports/roster-import.js';
import { dropUpload, keepUpload, loadUpload } from '../../../server/imports/uploads.js';
import { searchKey } from '../../../server/lib/text.js';

const [url, filePath, fileName] = process.argv.slice(2) as [string, string, string];

async function freshMysql(databaseUrl: string): Promise<void> {
  const u = new URL(databaseUrl);
  const name = u.pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password) });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
}

interface Row {
  [key: string]: string | number | null;
}

/** The same rows with plain multi-row INSERTs: ids given explicitly, 500 rows a statement, one transaction. */
async function plainInsert(sequelize: Sequelize, trainees: Row[], enrollments: Row[]): Promise<number> {
  const insert = async (table: string, rows: Row[], transaction: unknown) => {
    const columns = Object.keys(rows[0]!);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values: unknown[] = [];
      const tuples = chunk.map((r) => {
        for (const c of columns) values.push(r[c]);
        return `(${columns.map(() => '?').join(',')})`;
      });
      await sequelize.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, { replacements: values, transaction: transaction as never });
    }
  };
  const started = performance.now();
  await sequelize.transaction(async (transaction) => {
    await insert('trainees', trainees, transaction);
    await insert('enrollments', enrollments, transaction);
  });
  return performance.now() - started;
}

async function main(): Promise<void> {
  if (!url.startsWith('sqlite:')) await freshMysql(url);
  const db = openDatabase({ url, poolMax: 5 });
  await migrate(db);
  await seed(db, { demo: false, scryptLogN: 10 });
  const unit = (await Unit.findOne({ where: { code: 'TTCTVL' } }))!;
  const program = (await Program.findOne({ where: { code: 'NTVD' } }))!;
  const user = await User.create({ username: 'bench-import', fullName: 'Benchmark', role: 'center', unitId: unit.id, traineeId: null, passwordHash: null });
  const actor: Actor = { id: user.id, username: user.username, fullName: user.fullName, role: 'center', unitId: unit.id, unitName: unit.name, traineeId: null, locale: null, via: 'session' };
  const course = await Course.create({ unitId: unit.id, programId: program.id, name: 'Lớp benchmark', startDate: '2030-03-02', endDate: '2030-03-06', place: null, capacity: 20_000, status: 'planned' });
  const other = await Course.create({ unitId: unit.id, programId: program.id, name: 'Lớp benchmark (INSERT)', startDate: '2030-03-02', endDate: '2030-03-06', place: null, capacity: 20_000, status: 'planned' });

  const bytes = readFileSync(filePath);
  const probe = { sha256: createHash('sha256').update(bytes).digest('hex') };
  await keepUpload(actor, course.id, 'roster', { buffer: bytes, fileName, sha256: probe.sha256 });
  global.gc?.();

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
  const trace = process.env.BENCH_TRACE ? (stage: string) => process.stderr.write(`${stage}: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB\n`) : () => {};
  trace('before');
  const started = performance.now();
  const kept = (await loadUpload(actor, course.id, 'roster', probe.sha256))!;
  const file = await readSpreadsheet(kept.buffer, kept.fileName);
  trace('read');
  const outcome = await commitRosterImport(actor, course.id, file, { onCommitted: (t) => dropUpload(actor, course.id, 'roster', probe.sha256, t) });
  const importMs = performance.now() - started;
  trace('committed');
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  // The baseline's rows: the trainees and enrollments the import wrote, as plain values, for the other course
  // (other citizen IDs, explicit ids after the current maximum).
  const written = await db.sequelize.query<Row>(
    `SELECT t.full_name, t.search_name, t.birth_date, t.birth_year, t.gender, t.national_id, t.ethnicity, t.religion, t.workplace, t.position,
            t.party_status, t.party_joined_on, t.phone, t.email, t.created_by_unit_id, e.sending_org
       FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.course_id = :course ORDER BY e.id`,
    { replacements: { course: course.id }, type: QueryTypes.SELECT },
  );
  const [{ maxId }] = await db.sequelize.query<{ maxId: number }>('SELECT MAX(id) AS "maxId" FROM trainees', { type: QueryTypes.SELECT });
  const now = new Date();
  const trainees: Row[] = [];
  const enrollments: Row[] = [];
  written.forEach((r, i) => {
    const id = Number(maxId) + 1 + i;
    const { sending_org: sendingOrg, ...t } = r;
    trainees.push({ id, ...t, national_id: t.national_id ? `9${String(t.national_id).slice(1)}` : null, lock_version: 0, created_at: now as never, updated_at: now as never });
    enrollments.push({ course_id: other.id, trainee_id: id, sending_org: sendingOrg, status: 'enrolled', lock_version: 0, created_at: now as never, updated_at: now as never });
  });
  if (searchKey(String(trainees[0]?.full_name ?? '')) !== trainees[0]?.search_name) throw new Error('unexpected rows');
  const insertMs = await plainInsert(db.sequelize, trainees, enrollments);
  await db.close();
  process.stdout.write(`${JSON.stringify({ importMs, insertMs, rssBefore, rssPeak, maxRss, created: outcome.created, rows: outcome.rows })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
