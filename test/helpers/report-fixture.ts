// A hand-built year of plans, courses and enrollments whose every report figure the tests compute by hand.
// Use a year no other test uses (the database is shared by the whole run).
//
// TTCTVL (center): approved plan v1 (ignored), approved v2 (the one in force), draft v3 (ignored).
//   v2 targets: NTVD 4 courses / 300 trainees, split 60 / 90 / 75 / 75; DVM 2 / 100, not split.
//   A1 NTVD 10/3–14/3: t1 9.2 completed, t2 8.5 completed, t3 7.0 completed, t4 4.0 failed, t5 withdrawn
//   A2 NTVD 29/3–2/4 (starts in Q1, ends in Q2): t6 5.5 completed, t1 9.0 completed, t7 enrolled
//   A3 NTVD 1/4–5/4 (first day of Q2): t8 8.0 completed, t9 6.0 completed
//   A4 DVM 28/6–4/7 (starts in Q2, ends in Q3): t1 enrolled, t10 enrolled
//   A5 NTVD 5/5–9/5 cancelled: t11 withdrawn (never counted)
//   A6 DVM 1/10–7/10: t12 9.5 completed
// TTCTVG (center): only a submitted plan (no approved plan → planned figures null).
//   B1 NVCTD 1/2–2/2 (attendance, no scores): t13 completed, t14 failed, t1 completed (t1 again, another unit)
// DUCA (committee): approved v1: SCLLCT 1 / 50 not split, CNKT 0 / 0. No course at all.
// TTCTKC (center): approved v1: CNKT 1 / 4, split 4 / 0 / 0 / 0.
//   K1 CNKT 15/1–16/1: t15–t18 completed
import { Plan, PlanTarget, type Enrollment, type Trainee } from '../../server/db/models.js';
import { makeCourse, makeEnrollment, makeTrainee, programByCode, unitByCode } from './factories.js';

interface TargetSpec {
  program: string;
  courses: number;
  trainees: number;
  quarters?: [number, number, number, number];
  quarterCourses?: [number, number, number, number];
}

export async function makePlan(unitCode: string, year: number, version: number, status: Plan['status'], targets: TargetSpec[]): Promise<Plan> {
  const unit = await unitByCode(unitCode);
  const plan = await Plan.create({ unitId: unit.id, year, version, status });
  const now = new Date();
  for (const t of targets) {
    const program = await programByCode(t.program);
    // Raw rows: PlanTarget's model (as of this branch) maps all eight quarterly attributes to q1_courses,
    // so it cannot store a quarterly split.
    await PlanTarget.sequelize!.getQueryInterface().bulkInsert('plan_targets', [
      {
        plan_id: plan.id,
        program_id: program.id,
        planned_courses: t.courses,
        planned_trainees: t.trainees,
        q1_trainees: t.quarters?.[0] ?? null,
        q2_trainees: t.quarters?.[1] ?? null,
        q3_trainees: t.quarters?.[2] ?? null,
        q4_trainees: t.quarters?.[3] ?? null,
        q1_courses: t.quarterCourses?.[0] ?? null,
        q2_courses: t.quarterCourses?.[1] ?? null,
        q3_courses: t.quarterCourses?.[2] ?? null,
        q4_courses: t.quarterCourses?.[3] ?? null,
        created_at: now,
        updated_at: now,
      },
    ]);
  }
  return plan;
}

type Result = { status: Enrollment['status']; score?: number; grade?: Enrollment['grade'] };
const done = (score: number, grade: Enrollment['grade']): Result => ({ status: score >= 5 ? 'completed' : 'failed', score, grade });

export interface ReportFixture {
  year: number;
  courseIds: Record<'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6' | 'B1' | 'K1', number>;
}

export async function buildReportFixture(year: number): Promise<ReportFixture> {
  const d = (monthDay: string) => `${year}-${monthDay}`;
  await makePlan('TTCTVL', year, 1, 'approved', [{ program: 'NTVD', courses: 10, trainees: 900 }]);
  await makePlan('TTCTVL', year, 2, 'approved', [
    { program: 'NTVD', courses: 4, trainees: 300, quarters: [60, 90, 75, 75] },
    { program: 'DVM', courses: 2, trainees: 100 },
  ]);
  await makePlan('TTCTVL', year, 3, 'draft', [{ program: 'NTVD', courses: 99, trainees: 9999 }]);
  await makePlan('TTCTVG', year, 1, 'submitted', [{ program: 'NVCTD', courses: 5, trainees: 500 }]);
  await makePlan('DUCA', year, 1, 'approved', [
    { program: 'SCLLCT', courses: 1, trainees: 50 },
    { program: 'CNKT', courses: 0, trainees: 0 },
  ]);
  await makePlan('TTCTKC', year, 1, 'approved', [{ program: 'CNKT', courses: 1, trainees: 4, quarters: [4, 0, 0, 0] }]);

  const t: Trainee[] = [];
  for (let i = 1; i <= 18; i++) t[i] = await makeTrainee({ fullName: `Học viên Báo Cáo ${year} số ${i}` });

  const course = (unitCode: string, programCode: string, start: string, end: string, status: 'finished' | 'cancelled' | 'open' = 'finished') =>
    makeCourse({ unitCode, programCode, startDate: d(start), endDate: d(end), status, name: `Lớp ${programCode} ${start} năm ${year}` });
  const enroll = async (c: Awaited<ReturnType<typeof course>>, who: number, r: Result) => {
    await makeEnrollment(c, t[who], { status: r.status, score: r.score ?? null, grade: r.grade ?? null });
  };

  const A1 = await course('TTCTVL', 'NTVD', '03-10', '03-14');
  await enroll(A1, 1, done(9.2, 'excellent'));
  await enroll(A1, 2, done(8.5, 'good'));
  await enroll(A1, 3, done(7.0, 'fair'));
  await enroll(A1, 4, done(4.0, 'fail'));
  await enroll(A1, 5, { status: 'withdrawn' });
  const A2 = await course('TTCTVL', 'NTVD', '03-29', '04-02');
  await enroll(A2, 6, done(5.5, 'average'));
  await enroll(A2, 1, done(9.0, 'excellent'));
  await enroll(A2, 7, { status: 'enrolled' });
  const A3 = await course('TTCTVL', 'NTVD', '04-01', '04-05');
  await enroll(A3, 8, done(8.0, 'good'));
  await enroll(A3, 9, done(6.0, 'average'));
  const A4 = await course('TTCTVL', 'DVM', '06-28', '07-04', 'open');
  await enroll(A4, 1, { status: 'enrolled' });
  await enroll(A4, 10, { status: 'enrolled' });
  const A5 = await course('TTCTVL', 'NTVD', '05-05', '05-09', 'cancelled');
  await enroll(A5, 11, { status: 'withdrawn' });
  const A6 = await course('TTCTVL', 'DVM', '10-01', '10-07');
  await enroll(A6, 12, done(9.5, 'excellent'));

  const B1 = await course('TTCTVG', 'NVCTD', '02-01', '02-02');
  await enroll(B1, 13, { status: 'completed' });
  await enroll(B1, 14, { status: 'failed' });
  await enroll(B1, 1, { status: 'completed' });

  const K1 = await course('TTCTKC', 'CNKT', '01-15', '01-16');
  for (const who of [15, 16, 17, 18]) await enroll(K1, who, { status: 'completed' });

  return { year, courseIds: { A1: A1.id, A2: A2.id, A3: A3.id, A4: A4.id, A5: A5.id, A6: A6.id, B1: B1.id, K1: K1.id } };
}
