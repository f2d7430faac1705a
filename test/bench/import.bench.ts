// Importing a 10,000-row realistic roster into a fresh course, on SQLite (a temporary file) and on MariaDB (its own
// database, bench_import), as .xlsx and as .csv. Each run is a child process (support/import-child.ts), so that its
// peak memory is measured alone; it times the commit's code path end to end (the kept upload read back, the file
// parsed, checked against the database inside the transaction, trainees, enrollments and audit rows written) and,
// in the same process, plain multi-row INSERTs of the same trainee and enrollment rows, for the ratio.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeCsv } from '../../server/exports/csv-write.js';
import { numbered, rosterColumns } from '../../server/exports/roster-columns.js';
import { writeXlsx } from '../../server/exports/xlsx-write.js';
import { realisticRoster } from '../helpers/rosters.js';
import type { Bench } from './support/bench.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const MARIADB_URL = process.env.BENCH_IMPORT_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_import';
const TARGET_MS = 3000;
const TARGET_MB = 250;
const TARGET_RATIO = 3;
const run = promisify(execFile);

interface ChildResult {
  importMs: number;
  insertMs: number;
  rssBefore: number;
  rssPeak: number;
  maxRss: number;
  created: number;
  rows: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export const bench: Bench = {
  name: `Roster import, ${ROWS.toLocaleString('en')} rows, SQLite and MariaDB`,
  async run({ log }) {
    const dir = mkdtempSync(path.join(tmpdir(), 'llct-bench-import-'));
    try {
      const people = realisticRoster(ROWS, 2026);
      const table = { columns: rosterColumns(), rows: numbered(people), sheetName: 'Danh sách học viên' };
      const files = {
        xlsx: path.join(dir, 'danh-sach.xlsx'),
        csv: path.join(dir, 'danh-sach.csv'),
      };
      writeFileSync(files.xlsx, await writeXlsx(table));
      writeFileSync(files.csv, await writeCsv(table));
      log(`roster: ${ROWS.toLocaleString('en')} realistic rows (${people.filter((p) => p.nationalId).length.toLocaleString('en')} with a citizen ID)`);

      const child = path.join(import.meta.dirname, 'support', 'import-child.ts');
      let failed = false;
      for (const [label, url] of [
        ['SQLite (file)', `sqlite:${path.join(dir, 'bench.sqlite')}`],
        ['MariaDB', MARIADB_URL],
      ] as const) {
        for (const format of ['xlsx', 'csv'] as const) {
          if (url.startsWith('sqlite:')) rmSync(url.slice('sqlite:'.length) + '', { force: true });
          const { stdout } = await run(process.execPath, ['--import', 'tsx', '--expose-gc', child, url, files[format], `danh-sach.${format}`], {
            maxBuffer: 1024 * 1024,
            env: { ...process.env, NODE_ENV: 'production' },
          });
          const r = JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
          if (r.created !== ROWS) throw new Error(`${label} ${format}: created ${r.created}, expected ${ROWS}`);
          const peak = mb(Math.max(r.maxRss, r.rssPeak));
          const ok = r.importMs < TARGET_MS && peak < TARGET_MB && r.importMs / r.insertMs <= TARGET_RATIO;
          failed ||= !ok;
          log(
            `${`${label}, .${format}`.padEnd(20)} import ${(r.importMs / 1000).toFixed(2)} s   plain INSERT ${(r.insertMs / 1000).toFixed(2)} s   ` +
              `ratio ${(r.importMs / r.insertMs).toFixed(1)}×   peak RSS ${peak.toFixed(0)} MB (${mb(r.rssBefore).toFixed(0)} MB before)   ` +
              `targets < ${TARGET_MS / 1000} s, < ${TARGET_MB} MB, ≤ ${TARGET_RATIO}× INSERT: ${verdict(ok)}`,
          );
          if (url.startsWith('sqlite:')) {
            for (const suffix of ['', '-wal', '-shm']) rmSync(url.slice('sqlite:'.length) + suffix, { force: true });
          }
        }
      }
      log('import = the commit route\'s work without HTTP: loadUpload → readSpreadsheet → commitRosterImport (one transaction: lock, claim, re-check, write trainees, enrollments, 20,001 audit rows)');
      if (failed) throw new Error('a target was not met');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
