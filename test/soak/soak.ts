// npm run soak (issue #15 item 4): mixed traffic at 20 connections against the app as a real process on its own
// MariaDB database, for SOAK_SECONDS (1,800 by default; CI runs 120). Every few seconds it samples the process's
// RSS and the database connections the app holds. It fails (exit 1) on any error answer, on memory or connections
// past the bounds printed below, or when the rows in the database differ from what the writes said.
// SOAK_DATABASE_URL (default: TEST_DATABASE_URL's server, database llct_soak) is dropped and made again.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { projectRoot } from '../../server/paths.js';
import { freePort, TSX_MAIN } from '../helpers/app-process.js';
import { recreateMysqlDatabase, withDatabaseName } from '../helpers/db.js';
import { csrfFrom } from '../helpers/http.js';
import { emptyTally, runTraffic, type Kind } from './traffic.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 1800);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 20);
const POOL = 10; // DB_POOL_MAX given to the app
const BOUNDS = {
  /** Resident memory of the app process, at any sample. */
  rssMb: 700,
  /** Growth from the sample at a quarter of the run to the last one (the first quarter warms caches and the JIT). */
  rssGrowthMb: 150,
  /** Connections the app holds to its database, at any sample: its pool, never more. */
  dbConnections: POOL,
};
const base = process.env.SOAK_DATABASE_URL ?? withDatabaseName(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test', 'llct_soak');
const DB = new URL(base).pathname.slice(1);
const PASSWORD = 'Mat-khau-chay-ben-1';
const run = promisify(execFile);
const print = (line: string) => process.stdout.write(`${line}\n`);

async function startApp(url: string, dataDir: string) {
  const port = await freePort();
  const child = spawn(TSX_MAIN[0]!, TSX_MAIN.slice(1), {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: url, DATA_DIR: dataDir, SEED_DEMO: 'false',
      SESSION_SECRET: 'chay-ben-ba-muoi-phut-bi-mat-phien-0123456', COOKIE_SECURE: 'false', SCRYPT_LOG_N: '12', LOG_LEVEL: 'warn', DB_POOL_MAX: String(POOL),
      LOGIN_LIMIT_PER_IP: '1000', LOGIN_LIMIT_PER_USERNAME: '1000', API_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited:\n${tail}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error(`the app did not become ready:\n${tail}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base: `http://127.0.0.1:${port}`, child, exited, tail: () => tail };
}

async function signIn(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/login`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST', redirect: 'manual', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'chayben', password: PASSWORD, _csrf: csrfFrom(await login.text()) }),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
};

async function main(): Promise<number> {
  print(`soak: ${SECONDS} s, ${CONNECTIONS} connections, database ${DB}`);
  print(`bounds: RSS ≤ ${BOUNDS.rssMb} MB, RSS growth after the first quarter ≤ ${BOUNDS.rssGrowthMb} MB, app's DB connections ≤ ${BOUNDS.dbConnections}, no error answer, rows = writes`);
  await recreateMysqlDatabase(base);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'llct-soak-'));
  const app = await startApp(base, dataDir);
  const monitor = await mysql.createConnection({ uri: withDatabaseName(base, '') });
  try {
    const cli = (script: string, args: string[]) =>
      run(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: base, PASSWORD, SCRYPT_LOG_N: '12', LOG_LEVEL: 'silent' } });
    await cli('user-create', ['--username', 'chayben', '--role', 'center', '--unit', 'TTCTVL', '--name', 'Cán bộ chạy bền']);
    const token = (await cli('token-create', ['chayben', '--name', 'soak'])).stdout.trim();
    const cookies = await Promise.all(Array.from({ length: 4 }, () => signIn(app.base)));

    const samples: Array<{ at: number; rss: number; conns: number }> = [];
    const sample = async () => {
      const [rows] = await monitor.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [DB]);
      samples.push({ at: Date.now(), rss: rssMb(app.child.pid!), conns: Number((rows as Array<{ n: number }>)[0]!.n) });
    };
    await sample();
    const tally = emptyTally();
    const started = Date.now();
    const timer = setInterval(() => void sample(), 5000);
    const progress = setInterval(() => {
      const total = Object.values(tally.count).reduce((a, b) => a + b, 0);
      const last = samples.at(-1)!;
      print(`  ${Math.round((Date.now() - started) / 1000)} s: ${total} requests, ${tally.errorCount} errors, RSS ${last.rss.toFixed(0)} MB, DB connections ${last.conns}`);
    }, 30_000);
    await runTraffic({ base: app.base, token, cookies }, CONNECTIONS, started + SECONDS * 1000, tally);
    clearInterval(timer);
    clearInterval(progress);
    await sample();
    const elapsed = (Date.now() - started) / 1000;

    const [[counted]] = (await monitor.query(`SELECT (SELECT COUNT(*) FROM \`${DB}\`.enrollments) AS enrollments, (SELECT COUNT(*) FROM \`${DB}\`.trainees) AS trainees`)) as unknown as [[{ enrollments: number; trainees: number }]];
    const total = Object.values(tally.count).reduce((a, b) => a + b, 0);
    print(`\nrequests: ${total} in ${elapsed.toFixed(0)} s (${(total / elapsed).toFixed(1)}/s), errors: ${tally.errorCount}`);
    for (const kind of Object.keys(tally.count) as Kind[]) {
      const ms = tally.ms[kind];
      print(`  ${kind.padEnd(9)} ${String(tally.count[kind]).padStart(7)}   p50 ${pct(ms, 50).toFixed(0)} ms   p95 ${pct(ms, 95).toFixed(0)} ms   p99 ${pct(ms, 99).toFixed(0)} ms   max ${Math.max(0, ...ms).toFixed(0)} ms`);
    }
    const quarter = samples.find((s) => s.at >= started + (SECONDS * 1000) / 4) ?? samples[0]!;
    const peakRss = Math.max(...samples.map((s) => s.rss));
    const endRss = samples.at(-1)!.rss;
    const peakConns = Math.max(...samples.map((s) => s.conns));
    print(`memory: RSS start ${samples[0]!.rss.toFixed(0)} MB, at a quarter ${quarter.rss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB, end ${endRss.toFixed(0)} MB (${samples.length} samples)`);
    print(`database connections held by the app: peak ${peakConns}, end ${samples.at(-1)!.conns}`);
    print(`data: enrollments the app reported ${tally.enrolled}, rows ${counted.enrollments}; trainees ${counted.trainees}; courses opened ${tally.courses.length}`);

    const breaches: string[] = [];
    if (tally.errorCount > 0) breaches.push(`${tally.errorCount} error answers:\n    ${tally.errors.join('\n    ')}`);
    if (peakRss > BOUNDS.rssMb) breaches.push(`RSS peak ${peakRss.toFixed(0)} MB > ${BOUNDS.rssMb} MB`);
    if (endRss - quarter.rss > BOUNDS.rssGrowthMb) breaches.push(`RSS grew ${(endRss - quarter.rss).toFixed(0)} MB > ${BOUNDS.rssGrowthMb} MB`);
    if (peakConns > BOUNDS.dbConnections) breaches.push(`${peakConns} DB connections > ${BOUNDS.dbConnections}`);
    if (Number(counted.enrollments) !== tally.enrolled) breaches.push(`enrollments in the database ${counted.enrollments} ≠ ${tally.enrolled} reported made`);
    if (Number(counted.trainees) !== tally.enrolled) breaches.push(`trainees in the database ${counted.trainees} ≠ ${tally.enrolled} new people enrolled`);
    if (total === 0 || tally.enrolled === 0) breaches.push('no traffic was served');
    print(breaches.length ? `\nSOAK FAILED:\n  ${breaches.join('\n  ')}` : '\nsoak passed: every bound held');
    return breaches.length ? 1 : 0;
  } finally {
    await monitor.end();
    app.child.kill('SIGTERM');
    const code = await app.exited;
    if (code !== 0) print(`the app exited with ${code}:\n${app.tail()}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    print(`soak could not run: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
