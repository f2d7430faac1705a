// Pages and API calls under load (issue #12): the course roster page, the board's dashboard, the API roster GET
// and the API enrollment POST, each measured with autocannon (20 connections) against the app running as in
// production (its own process, NODE_ENV=production, MariaDB with the demo data) and, in the same run, against its
// bare twin: a bare Express 5 process answering the same bytes (support/bare-twin.ts). Rounds alternate app and
// twin so whatever else the machine does weighs on both; the median round is reported.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startAppProcess, TSX_MAIN, type AppProcess } from '../helpers/app-process.js';
import { csrfFrom } from '../helpers/http.js';
import { createToken } from '../../server/auth/tokens.js';
import { openDatabase } from '../../server/db/index.js';
import { rawConnection } from './support/bench-db.js';
import type { Bench } from './support/bench.js';

const DATABASE_URL = process.env.BENCH_PAGES_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_pages';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const PASSWORD = 'Demo@2024';
const MAX_RATIO = 4;

interface Work {
  label: string;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  minRps: number;
  maxP99?: number;
  /** For a POST: a body per request. */
  body?: () => string;
  /** Called before each app round (a fresh course for the POST). */
  beforeRound?: () => Promise<void>;
}

interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, work: Work): Promise<Load> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: work.method,
    headers: work.headers,
    requests: work.body ? [{ setupRequest: (req) => ({ ...req, body: work.body!() }) }] : undefined,
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function startTwin(dir: string, name: string, body: Buffer, type: string): Promise<{ url: string; child: ChildProcess }> {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'bare-twin.ts'), file, type], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bare twin exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function signIn(app: AppProcess, username: string): Promise<string> {
  const page = await fetch(`${app.url}/login`);
  const first = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${app.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ username, password: PASSWORD, _csrf: csrfFrom(await page.text()) }).toString(),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if ((res.status !== 302 && res.status !== 303) || !cookie) throw new Error(`signing in as ${username} answered ${res.status}`);
  return cookie;
}

export const bench: Bench = {
  name: `Pages and API under load: app vs bare Express, ${CONNECTIONS} connections × ${SECONDS} s × ${ROUNDS} rounds (MariaDB, demo data)`,
  async run({ log }) {
    const name = new URL(DATABASE_URL).pathname.slice(1);
    const admin = await rawConnection(DATABASE_URL.replace(/\/\w+$/, '/'));
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const app = await startAppProcess(TSX_MAIN, {
      NODE_ENV: 'production',
      DATABASE_URL,
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
      COOKIE_SECURE: 'false',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      // One token asks far more than a client may in production (600 a minute): the load is the point here.
      API_LIMIT_PER_MINUTE: '100000000',
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'llct-bench-pages-'));
    const conn = await rawConnection(DATABASE_URL);
    const twins: ChildProcess[] = [];
    let failed = false;
    try {
      const [[counts]] = (await conn.query('SELECT (SELECT COUNT(*) FROM courses) AS courses, (SELECT COUNT(*) FROM enrollments) AS enrollments')) as unknown as [
        Array<{ courses: number; enrollments: number }>,
      ];
      log(`app started in ${(app.startMs / 1000).toFixed(1)} s on ${name}: ${counts!.courses} courses, ${counts!.enrollments.toLocaleString('en')} enrollments`);
      const staff = await signIn(app, 'yenmy');
      const board = await signIn(app, 'admin');
      const db = openDatabase({ url: DATABASE_URL, poolMax: 2 });
      const [[yenmy]] = (await conn.query("SELECT id FROM users WHERE username = 'yenmy'")) as unknown as [Array<{ id: number }>];
      const { token } = await createToken(yenmy!.id, `benchmark ${new Date().toISOString()}`);
      await db.close();

      // The roster: the course yenmy may open whose size is nearest to the issue's 127 rows.
      const [candidates] = (await conn.query(
        `SELECT c.id, COUNT(e.id) AS n FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.id ORDER BY ABS(COUNT(e.id) - 127), c.id LIMIT 400`,
      )) as unknown as [Array<{ id: number; n: number }>];
      let course: { id: number; n: number } | undefined;
      for (const c of candidates) {
        if ((await fetch(`${app.url}/courses/${c.id}`, { headers: { cookie: staff } })).status === 200) {
          course = c;
          break;
        }
      }
      if (!course) throw new Error('no course of yenmy’s unit found');
      const [[unit]] = (await conn.query("SELECT unit_id AS unitId FROM users WHERE username = 'yenmy'")) as unknown as [Array<{ unitId: number }>];
      const [[program]] = (await conn.query("SELECT id FROM programs WHERE code = 'NTVD'")) as unknown as [Array<{ id: number }>];
      const [people] = (await conn.query('SELECT id FROM trainees ORDER BY id')) as unknown as [Array<{ id: number }>];
      let postCourse = 0;
      let next = 0;

      const works: Work[] = [
        { label: `roster page /courses/${course.id} (${course.n} rows)`, path: `/courses/${course.id}`, method: 'GET', headers: { cookie: staff }, minRps: 600, maxP99: 100 },
        { label: 'board dashboard /reports', path: '/reports', method: 'GET', headers: { cookie: board }, minRps: 800 },
        { label: `GET /api/v1/courses/${course.id}/enrollments`, path: `/api/v1/courses/${course.id}/enrollments`, method: 'GET', headers: { authorization: `Bearer ${token}` }, minRps: 1000 },
        {
          label: 'POST /api/v1/courses/:id/enrollments',
          path: '',
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          minRps: 400,
          // Each app round enrolls people on file into a fresh course of yenmy's unit with seats for all of them.
          beforeRound: async () => {
            const [res] = (await conn.query(
              `INSERT INTO courses (unit_id, program_id, name, start_date, end_date, place, capacity, status, lock_version, created_at, updated_at)
               VALUES (?, ?, ?, '2026-12-14', '2026-12-18', 'Hội trường', 1000000, 'planned', 0, NOW(), NOW())`,
              [unit!.unitId, program!.id, `Lớp đo tải ${Date.now()}`],
            )) as unknown as [{ insertId: number }];
            postCourse = res.insertId;
            next = 0;
          },
          body: () => JSON.stringify({ traineeId: people[next++ % people.length]!.id }),
        },
      ];

      const rows: string[] = [];
      for (const work of works) {
        if (work.beforeRound) await work.beforeRound();
        const pathOf = () => work.path || `/api/v1/courses/${postCourse}/enrollments`;
        const sample = await fetch(`${app.url}${pathOf()}`, { method: work.method, headers: work.headers, body: work.body?.() });
        const bytes = Buffer.from(await sample.arrayBuffer());
        if (sample.status !== (work.method === 'POST' ? 201 : 200)) throw new Error(`${work.label} answered ${sample.status}: ${bytes.toString().slice(0, 300)}`);
        const twin = await startTwin(dir, `twin-${rows.length}`, bytes, sample.headers.get('content-type') ?? 'text/html');
        twins.push(twin.child);
        const appRounds: Load[] = [];
        const twinRounds: Load[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          if (work.beforeRound) await work.beforeRound();
          appRounds.push(await load(`${app.url}${pathOf()}`, work));
          twinRounds.push(await load(twin.url, work));
        }
        const a = { rps: median(appRounds.map((r) => r.rps)), p99: median(appRounds.map((r) => r.p99)) };
        const t = { rps: median(twinRounds.map((r) => r.rps)) };
        const bad = appRounds.reduce((n, r) => n + r.non2xx + r.errors, 0);
        const ratio = t.rps / Math.max(a.rps, 0.001);
        const ok = a.rps >= work.minRps && (work.maxP99 === undefined || a.p99 < work.maxP99) && ratio <= MAX_RATIO && bad === 0;
        failed ||= !ok;
        rows.push(
          `| ${work.label} | ${a.rps.toFixed(0)} req/s, p99 ${a.p99} ms | ${t.rps.toFixed(0)} req/s | ${ratio.toFixed(1)}× | ≥ ${work.minRps} req/s${work.maxP99 ? `, p99 < ${work.maxP99} ms` : ''}, ≤ ${MAX_RATIO}× | ${bad ? `${bad} errors, ` : ''}${ok ? 'met' : 'NOT met'} |`,
        );
        log(rows.at(-1)!);
      }
      log('');
      log(`| Work (median of ${ROUNDS} rounds) | This app | Bare Express, same bytes | Ratio | Target | |`);
      log('|---|---|---|---|---|---|');
      for (const row of rows) log(row);
      if (failed) throw new Error('a target was not met');
    } finally {
      for (const child of twins) child.kill('SIGTERM');
      await conn.end();
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
