// The all-units progress report at national scale (700 units, two years, about 1.04 million
// enrollments) on MariaDB: p50/p95 of GET /api/v1/reports/progress over real HTTP, against one
// hand-written SQL statement computing the same figures through mysql2 in the same run; then the
// province PDF (report + render, in process).
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
import { BENCH_DATABASE_URL, openBenchDatabase, rawConnection } from './support/bench-db.js';
import { ms, summarize, time, type Bench, type Timings } from './support/bench.js';

const YEAR = 2024;
const AS_OF = '2024-12-31';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;
const TARGET_JSON_P50_MS = 500;
const TARGET_PDF_P50_MS = 1500;
const TARGET_RATIO = 1.5;

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const line = (label: string, t: Timings) => `${label.padEnd(44)} p50 ${ms(t.p50).padStart(7)}   p95 ${ms(t.p95).padStart(7)}   min ${ms(t.min).padStart(7)}`;

export const bench: Bench = {
  name: 'Progress report, all units, national scale (MariaDB)',
  async run({ log }) {
    const started = Date.now();
    const { db, info, reused } = await openBenchDatabase(log);
    log(
      `data set ${reused ? 'reused' : `generated in ${info.seconds} s`}: ${info.units} units, ${info.plans} plans, ` +
        `${info.courses.toLocaleString('en')} courses, ${info.enrollments.toLocaleString('en')} enrollments, ` +
        `${info.trainees.toLocaleString('en')} trainees (${BENCH_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`,
    );

    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: BENCH_DATABASE_URL,
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

    const conn = await rawConnection();
    const pool = mysql.createPool({ uri: BENCH_DATABASE_URL, connectionLimit: 8, dateStrings: true, decimalNumbers: true });
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
    } finally {
      await revokeToken(admin.id, row.id).catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
      app.shutdown();
      await pool.end();
      await conn.end();
      await db.close();
      log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  },
};
