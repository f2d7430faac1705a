// A national-scale data set for the benchmarks: 700 training units, two years, about 1.1 million
// enrollments (`scale` times the courses and planned figures of each unit: 2 gives about 2.1 million). Deterministic (one seed), generated in memory unit by unit and written with multi-row
// INSERTs straight through mysql2, with key checks off. A marker table remembers what was loaded, so a
// second run reuses the data set instead of building it again.
import type { Connection } from 'mysql2/promise';
import { seededRandom, type Random } from '../../../server/lib/random.js';

/** Bump when the shape of the generated data changes: the next run rebuilds the data set. */
export const DATA_VERSION = 'national-v1';
export const BENCH_YEARS = [2023, 2024] as const;
export const TRAINING_UNITS = 700;
const SEED = 700_2024;

interface ProgramInfo {
  id: number;
  code: string;
  completionRule: 'score' | 'attendance';
  usualDays: number;
}

/** Courses a year at a typical unit of the national set (a smaller district than Hưng Yên's), and class sizes. */
const BASE_COURSES: Record<string, number> = { NTVD: 2.2, DVM: 1.8, SCLLCT: 0.6, LSD: 0.9, CDHCM: 1.3, NVCTD: 1.3, NVMTDT: 0.8, CNKT: 1.3 };
const CLASS_SIZE: Record<string, number> = { NTVD: 80, DVM: 70, SCLLCT: 60, LSD: 85, CDHCM: 118, NVCTD: 84, NVMTDT: 78, CNKT: 122 };
const QUARTER_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[0, 20], [1, 30], [2, 25], [3, 25]];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Buffers VALUES tuples and flushes them as one INSERT every `batch` rows. */
class Inserter {
  private rows: string[] = [];
  count = 0;
  constructor(
    private readonly conn: Connection,
    private readonly head: string,
    private readonly batch = 4000,
  ) {}
  async add(tuple: string): Promise<void> {
    this.rows.push(tuple);
    this.count++;
    if (this.rows.length >= this.batch) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const sql = `${this.head} VALUES ${this.rows.join(',')}`;
    this.rows = [];
    await this.conn.query(sql);
  }
}

export interface DataSetInfo {
  version: string;
  units: number;
  courses: number;
  enrollments: number;
  trainees: number;
  plans: number;
  seconds: number;
}

/** The marker of a data set: the generator's version, and how many times the courses of the base set it holds. */
export const dataVersion = (scale: number) => (scale === 1 ? DATA_VERSION : `${DATA_VERSION}-x${scale}`);

export async function readDataSetInfo(conn: Connection, scale = 1): Promise<DataSetInfo | null> {
  const [tables] = await conn.query("SHOW TABLES LIKE 'bench_meta'");
  if ((tables as unknown[]).length === 0) return null;
  const [rows] = await conn.query('SELECT value FROM bench_meta WHERE name = ?', ['dataset']);
  const row = (rows as Array<{ value: string }>)[0];
  if (!row) return null;
  const info = JSON.parse(row.value) as DataSetInfo;
  return info.version === dataVersion(scale) ? info : null;
}

/**
 * Fills an empty, migrated database holding only the reference data (the board, 14 units, 8 programs):
 * adds units up to 700 training units, their plans for both years (most approved, some amended, some not
 * approved, some split by quarter), courses and enrollments with results.
 */
export async function generateNationalData(conn: Connection, log: (line: string) => void, scale = 1): Promise<DataSetInfo> {
  const started = Date.now();
  const random = seededRandom(SEED);
  await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
  await conn.query('SET autocommit = 0');

  const [programRows] = await conn.query(
    'SELECT id, code, completion_rule AS completionRule, usual_days AS usualDays FROM programs ORDER BY sort_order',
  );
  const programs = programRows as ProgramInfo[];
  const [existing] = await conn.query("SELECT COUNT(*) AS n, MAX(sort_order) AS maxSort FROM units WHERE kind <> 'board'");
  const { n: existingUnits, maxSort } = (existing as Array<{ n: number; maxSort: number }>)[0]!;

  const now = "'2025-01-15 00:00:00'";
  const unitInsert = new Inserter(
    conn,
    'INSERT INTO units (code, kind, name, short_name, parent_body, header_name, symbol, place, sort_order, valid_from, lock_version, created_at, updated_at)',
  );
  for (let i = existingUnits + 1; i <= TRAINING_UNITS; i++) {
    const committee = i % 9 === 0;
    const code = `${committee ? 'DU' : 'TT'}${pad(i, 4)}`;
    const name = committee ? `Đảng ủy trực thuộc số ${i}` : `Trung tâm Chính trị huyện số ${i}`;
    await unitInsert.add(
      `(${sqlString(code)}, '${committee ? 'committee' : 'center'}', ${sqlString(name)}, ${sqlString(`Đơn vị ${i}`)}, ${sqlString(`HUYỆN ỦY SỐ ${i}`)}, ${sqlString(committee ? 'ĐẢNG ỦY' : 'TRUNG TÂM CHÍNH TRỊ')}, ${sqlString(code)}, ${sqlString(`Địa danh ${i}`)}, ${maxSort + i}, '2020-01-01', 0, ${now}, ${now})`,
    );
  }
  await unitInsert.flush();
  await conn.query('COMMIT');
  const [unitRows] = await conn.query("SELECT id, kind FROM units WHERE kind <> 'board' ORDER BY sort_order");
  const units = unitRows as Array<{ id: number; kind: string }>;
  log(`  ${units.length} training units`);

  const next = async (table: string) => {
    const [rows] = await conn.query(`SELECT COALESCE(MAX(id), 0) AS id FROM ${table}`);
    return Number((rows as Array<{ id: number }>)[0]!.id);
  };
  const ids = { plan: await next('plans'), course: await next('courses'), trainee: await next('trainees'), enrollment: await next('enrollments') };

  const plans = new Inserter(conn, 'INSERT INTO plans (id, unit_id, year, version, status, lock_version, created_at, updated_at)');
  const targets = new Inserter(
    conn,
    'INSERT INTO plan_targets (plan_id, program_id, planned_courses, planned_trainees, q1_courses, q2_courses, q3_courses, q4_courses, q1_trainees, q2_trainees, q3_trainees, q4_trainees, created_at, updated_at)',
  );
  const courses = new Inserter(
    conn,
    'INSERT INTO courses (id, unit_id, program_id, name, start_date, end_date, place, capacity, status, lock_version, created_at, updated_at)',
  );
  const trainees = new Inserter(conn, 'INSERT INTO trainees (id, full_name, search_name, birth_year, created_by_unit_id, lock_version, created_at, updated_at)');
  const enrollments = new Inserter(
    conn,
    'INSERT INTO enrollments (id, course_id, trainee_id, attendance, score, grade, status, lock_version, created_at, updated_at)',
    5000,
  );

  const gradeOf = (score: number) => (score >= 9 ? 'excellent' : score >= 8 ? 'good' : score >= 7 ? 'fair' : score >= 5 ? 'average' : 'fail');
  const scoreFor = (r: Random) => {
    const grade = r.weighted([['excellent', 12], ['good', 40], ['fair', 35], ['average', 11], ['fail', 2]] as const);
    const [lo, hi] = { excellent: [9.0, 9.8], good: [8.0, 8.9], fair: [7.0, 7.9], average: [5.0, 6.9], fail: [3.0, 4.9] }[grade];
    return Math.round((lo + r.next() * (hi - lo)) * 10) / 10;
  };

  for (const unit of units) {
    const size = 0.7 + random.next() * 0.6;
    const quarterly = random.chance(0.4);
    const pool: number[] = [];
    for (const year of BENCH_YEARS) {
      // 90% approved (a tenth of them amended into a version 2), 6% submitted only, 4% without any plan.
      const roll = random.next();
      const approved = roll < 0.9;
      const amended = approved && random.chance(0.1);
      const pace = approved ? 0.7 + random.next() * 0.45 : 0.6 + random.next() * 0.5;
      const versions: Array<{ version: number; status: string; factor: number }> = [];
      if (roll < 0.96) versions.push({ version: 1, status: approved ? 'approved' : 'submitted', factor: 1 });
      if (amended) versions.push({ version: 2, status: 'approved', factor: 0.85 + random.next() * 0.3 });
      for (const { version, status, factor } of versions) {
        const planId = ++ids.plan;
        await plans.add(`(${planId}, ${unit.id}, ${year}, ${version}, '${status}', 0, '${year - 1}-12-01 00:00:00', '${year - 1}-12-20 00:00:00')`);
        for (const program of programs) {
          const base = (BASE_COURSES[program.code] ?? 1) * size * (unit.kind === 'committee' ? 0.6 : 1);
          const planned = Math.max(0, Math.round((base * factor + random.normal(0, 0.3)) * scale));
          if (planned === 0) continue;
          const trainees = Math.max(10, Math.round((planned * (CLASS_SIZE[program.code] ?? 80)) / 10) * 10);
          const split = (total: number) => {
            const parts = [0.2, 0.3, 0.25, 0.25].map((s) => Math.floor(total * s));
            parts[1]! += total - parts.reduce((a, b) => a + b, 0);
            return parts;
          };
          const qc = quarterly ? split(planned) : [null, null, null, null];
          const qt = quarterly ? split(trainees) : [null, null, null, null];
          await targets.add(
            `(${planId}, ${program.id}, ${planned}, ${trainees}, ${qc.map(String).join(', ')}, ${qt.map(String).join(', ')}, '${year - 1}-12-01 00:00:00', '${year - 1}-12-01 00:00:00')`,
          );
        }
      }

      for (const program of programs) {
        const base = (BASE_COURSES[program.code] ?? 1) * size * (unit.kind === 'committee' ? 0.6 : 1);
        const count = Math.max(0, Math.round((base * pace + random.normal(0, 0.4)) * scale));
        const meanSize = CLASS_SIZE[program.code] ?? 80;
        for (let k = 0; k < count; k++) {
          const quarter = random.weighted(QUARTER_WEIGHTS);
          const first = Date.UTC(year, quarter * 3, 1);
          const start = new Date(first + random.int(0, 80) * 86_400_000);
          const calendarDays = program.usualDays <= 2 ? program.usualDays - 1 : Math.ceil((program.usualDays * 7) / 5) - 1;
          let end = new Date(start.getTime() + calendarDays * 86_400_000);
          if (end.getUTCFullYear() > year) end = new Date(Date.UTC(year, 11, 31));
          const cancelled = random.chance(0.012);
          const courseId = ++ids.course;
          const startDate = iso(start);
          const endDate = iso(end);
          await courses.add(
            `(${courseId}, ${unit.id}, ${program.id}, ${sqlString(`Lớp ${program.code} khóa ${k + 1} năm ${year}`)}, '${startDate}', '${endDate}', 'Hội trường', 150, '${cancelled ? 'cancelled' : 'finished'}', 0, '${startDate} 01:00:00', '${endDate} 09:00:00')`,
          );
          if (cancelled) continue;
          const classSize = Math.round(clamp(random.normal(meanSize, meanSize * 0.15), 30, 140));
          const inCourse = new Set<number>();
          for (let s = 0; s < classSize; s++) {
            let traineeId: number;
            // A fifth of the seats go to people the unit has trained before (a person counts once in "trainees").
            if (pool.length > 50 && random.chance(0.2)) {
              traineeId = pool[random.int(0, pool.length - 1)]!;
              if (inCourse.has(traineeId)) continue;
            } else {
              traineeId = ++ids.trainee;
              pool.push(traineeId);
              await trainees.add(
                `(${traineeId}, ${sqlString(`Học viên ${traineeId}`)}, ${sqlString(`hoc vien ${traineeId}`)}, ${1960 + random.int(0, 40)}, ${unit.id}, 0, '${year}-01-02 00:00:00', '${year}-01-02 00:00:00')`,
              );
            }
            inCourse.add(traineeId);
            let attendance: string;
            let score = 'NULL';
            let grade = 'NULL';
            let status: string;
            if (random.chance(0.012)) {
              attendance = (random.next() * 0.4).toFixed(2);
              status = 'withdrawn';
            } else if (program.completionRule === 'score') {
              attendance = (0.85 + random.next() * 0.15).toFixed(2);
              const value = scoreFor(random);
              score = value.toFixed(1);
              grade = `'${gradeOf(value)}'`;
              status = value < 5 ? 'failed' : 'completed';
            } else {
              const a = random.chance(0.94) ? 0.8 + random.next() * 0.2 : 0.4 + random.next() * 0.39;
              attendance = a.toFixed(2);
              status = a >= 0.8 ? 'completed' : 'failed';
            }
            await enrollments.add(
              `(${++ids.enrollment}, ${courseId}, ${traineeId}, ${attendance}, ${score}, ${grade}, '${status}', 0, '${startDate} 01:00:00', '${endDate} 09:00:00')`,
            );
          }
        }
      }
    }
    if (unit.id % 50 === 0) {
      log(`  … ${enrollments.count.toLocaleString('en')} enrollments so far`);
      await conn.query('COMMIT');
    }
  }
  for (const inserter of [plans, targets, courses, trainees, enrollments]) await inserter.flush();
  await conn.query('COMMIT');
  await conn.query('SET autocommit = 1');
  await conn.query('SET foreign_key_checks = 1, unique_checks = 1');
  await conn.query('ANALYZE TABLE units, plans, plan_targets, courses, enrollments, trainees');

  const info: DataSetInfo = {
    version: dataVersion(scale),
    units: units.length,
    courses: courses.count,
    enrollments: enrollments.count,
    trainees: trainees.count,
    plans: plans.count,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  await conn.query('CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL)');
  await conn.query('REPLACE INTO bench_meta (name, value) VALUES (?, ?)', ['dataset', JSON.stringify(info)]);
  return info;
}
