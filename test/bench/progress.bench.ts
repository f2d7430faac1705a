// The all-units progress report at national scale (700 units, two years, about 1.04 million
// enrollments, then the same units with twice the courses: about 2.1 million) on MariaDB: p50/p95 of
// GET /api/v1/reports/progress over real HTTP, against one hand-written full-scan SQL statement computing
// the same figures through mysql2 in the same run; then the province PDF (report + render, in process).
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { createApp } from '../../server/app.js';
import { createToken, revokeToken } from '../../server/auth/tokens.js';
import { loadConfig } from '../../server/config.js';
import { Unit, User } from '../../server/db/models.js';
import { createLogger } from '../../server/http/logger.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { provinceReportPdf } from '../../server/reports/report-pdf.js';
import { progressReport } from '../../server/reports/reports.service.js';
import { baselineTotals, runBaseline, runBaselineConcurrently, type BaselineDates } from './support/baseline.js';
import { BENCH_2M_DATABASE_URL, BENCH_DATABASE_URL, openBenchDatabase, rawConnection } from './support/bench-db.js';
import { ms, summarize, time, type Bench, type Timings } from './support/bench.js';

const YEAR = 2024;
const AS_OF = '2024-12-31';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const TARGET_JSON_P50_MS = 150;
const TARGET_PDF_P50_MS = 600;
const TARGET_RATIO = 0.2;
/** At 2 M enrollments the JSON may be at most this much slower than at 1 M. */
const TARGET_GROWTH = 1.2;

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const line = (label: string, t: Timings) => `${label.padEnd(44)} p50 ${ms(t.p50).padStart(7)}   p95 ${ms(t.p95).padStart(7)}   min ${ms(t.min).padStart(7)}`;

interface Measured {
  enrollments: number;
  json: number;
  raw: number;
  pdf: number;
}

async function measure(databaseUrl: string, scale: number, log: (line: string) => void): Promise<Measured> {
  const started = Date.now();
  const { db, info, reused } = await openBenchDatabase(log, databaseUrl, scale);
  log(
    `data set ${reused ? 'reused' : `generated in ${info.seconds} s`}: ${info.units} units, ${info.plans} plans, ` +
      `${info.courses.toLocaleString('en')} courses, ${info.enrollments.toLocaleString('en')} enrollments, ` +
      `${info.trainees.toLocaleString('en')} trainees (${databaseUrl.replace(/\/\/[^@]*@/, '//')})`,
  );

  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  const app = createApp({ config, db, logger: createLogger('silent') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const board = await Unit.findOne({ where: { code: 'BTGTU' } });
  const [admin] = await User.findOrCreate({
    where: { username: 'bench-admin' },
    defaults: { username: 'bench-admin', fullName: 'Benchmark', role: 'admin', unitId: board?.id ?? null, traineeId: null, passwordHash: null },
  });
  const { token, row } = await createToken(admin.id, 'benchmark');
  const actor = { id: admin.id, username: admin.username, fullName: admin.fullName, role: 'admin' as const, unitId: admin.unitId, unitName: null, traineeId: null, locale: null, via: 'token' as const };

  const conn = await rawConnection(databaseUrl);
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 8, dateStrings: true, decimalNumbers: true });
  const [programRows] = await conn.query('SELECT id FROM programs ORDER BY sort_order, id');
  const programIds = (programRows as Array<{ id: number }>).map((p) => p.id);
  const dates: BaselineDates = { year: YEAR, from: `${YEAR}-01-01`, to: AS_OF, asOf: AS_OF };

  const url = `${base}/api/v1/reports/progress?year=${YEAR}&asOf=${AS_OF}`;
  const fetchJson = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  };

  try {
    // The same figures both ways, or the comparison means nothing.
    const report = JSON.parse((await fetchJson()).toString('utf8')) as ProgressReport;
    const raw = baselineTotals(await runBaseline(conn, programIds, dates), dates);
    const t = report.totals;
    const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
    const same =
      t.courses === raw.courses && t.enrolled === raw.enrolled && t.finished === raw.finished && t.completed === raw.completed &&
      t.trainees === raw.trainees && t.plannedCourses === raw.plannedCourses && t.plannedTrainees === raw.plannedTrainees;
    const unitsSame =
      raw.unitTrainees.size === report.units.filter((u) => u.trainees > 0).length &&
      sum(raw.unitTrainees.values()) === sum(report.units.map((u) => u.trainees));
    log(
      `report ${YEAR} as of ${AS_OF}: ${report.units.length} units, ${t.courses.toLocaleString('en')} courses, ` +
        `${t.enrolled.toLocaleString('en')} enrollments, ${t.trainees.toLocaleString('en')} persons; ` +
        `JSON ${(JSON.stringify(report).length / 1e6).toFixed(1)} MB; same totals as the raw SQL: ${same && unitsSame ? 'yes' : 'NO'}`,
    );
    if (!same || !unitsSame) throw new Error(`the service and the raw SQL disagree: ${JSON.stringify({ totals: t, raw: { ...raw, unitTrainees: raw.unitTrainees.size } })}`);

    for (let i = 0; i < WARMUP; i++) {
      await fetchJson();
      await runBaseline(conn, programIds, dates);
    }
    // Interleaved, so that whatever else the machine is doing weighs on both sides alike.
    const http: number[] = [];
    const single: number[] = [];
    const concurrent: number[] = [];
    const service: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      http.push((await time(fetchJson)).ms);
      single.push((await time(() => runBaseline(conn, programIds, dates))).ms);
      concurrent.push((await time(() => runBaselineConcurrently(pool, programIds, dates))).ms);
      service.push((await time(() => progressReport(actor, { year: YEAR, asOf: AS_OF }))).ms);
    }
    const h = summarize(http);
    const s = summarize(single);
    log(`${RUNS} runs each, after ${WARMUP} warm-up runs:`);
    log(line('GET /api/v1/reports/progress (HTTP, JSON)', h));
    log(line('one raw SQL statement (mysql2)', s));
    log(line('  the same parts, concurrently (mysql2 pool)', summarize(concurrent)));
    log(line('  progressReport() in process, no HTTP', summarize(service)));
    const ratio = h.p50 / s.p50;
    log(`JSON p50 ${ms(h.p50)}: target < ${TARGET_JSON_P50_MS} ms ${verdict(h.p50 < TARGET_JSON_P50_MS)}`);
    log(`ratio JSON / raw SQL at p50: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${verdict(ratio <= TARGET_RATIO)})`);

    const pdf: number[] = [];
    let bytes = 0;
    for (let i = 0; i < Math.min(RUNS, 10) + 1; i++) {
      const { ms: elapsed } = await time(async () => {
        bytes = (await provinceReportPdf(await progressReport(actor, { year: YEAR, asOf: AS_OF }), { number: null, date: AS_OF })).length;
      });
      if (i > 0) pdf.push(elapsed);
    }
    const p = summarize(pdf);
    log(line('province PDF (report + render)', p) + `   ${(bytes / 1024).toFixed(0)} KB`);
    log(`PDF p50 ${ms(p.p50)}: target < ${TARGET_PDF_P50_MS} ms ${verdict(p.p50 < TARGET_PDF_P50_MS)}; ratio PDF / raw SQL at p50: ${(p.p50 / s.p50).toFixed(2)}`);
    return { enrollments: info.enrollments, json: h.p50, raw: s.p50, pdf: p.p50 };
  } finally {
    await revokeToken(admin.id, row.id).catch(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    app.shutdown();
    await pool.end();
    await conn.end();
    await db.close();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

export const bench: Bench = {
  name: 'Progress report, all units, national scale, 1 M and 2 M enrollments (MariaDB)',
  async run({ log }) {
    const one = await measure(BENCH_DATABASE_URL, 1, log);
    const two = await measure(BENCH_2M_DATABASE_URL, 2, log);
    const growth = two.json / one.json;
    const checks: Array<[string, boolean]> = [
      [`JSON p50 at 1 M < ${TARGET_JSON_P50_MS} ms`, one.json < TARGET_JSON_P50_MS],
      [`JSON / full-scan SQL at 1 M ≤ ${TARGET_RATIO}`, one.json / one.raw <= TARGET_RATIO],
      [`JSON at 2 M ≤ ${TARGET_GROWTH}× JSON at 1 M`, growth <= TARGET_GROWTH],
      [`province PDF p50 at 1 M < ${TARGET_PDF_P50_MS} ms`, one.pdf < TARGET_PDF_P50_MS],
    ];
    log('');
    log('| Enrollments | progress JSON p50 | full-scan raw SQL p50 | ratio | province PDF p50 |');
    log('|---|---|---|---|---|');
    for (const m of [one, two]) log(`| ${m.enrollments.toLocaleString('en')} | ${ms(m.json)} | ${ms(m.raw)} | ${(m.json / m.raw).toFixed(2)} | ${ms(m.pdf)} |`);
    log(`JSON at 2 M / at 1 M: ${growth.toFixed(2)}`);
    for (const [label, ok] of checks) log(`${label}: ${verdict(ok)}`);
    if (checks.some(([, ok]) => !ok)) throw new Error('a target was not met');
  },
};
