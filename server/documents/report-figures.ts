// Sums of report rows the reporting service does not hand over ready-made — one unit's programs by category —
// added the way DOMAIN.md defines totals: counts add up, a null plan counts as absent, rates are recomputed
// from the sums and never averaged.
import { emptyQuarters, quarterFigures, type Figures, type GradeCounts, type Period, type ProgressReport, type QuarterFigures } from '../reports/index.js';

const ratio = (part: number, whole: number | null) => (whole !== null && whole > 0 ? part / whole : null);

function sumPlanned(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

export const scoredCount = (g: GradeCounts) => g.excellent + g.good + g.fair + g.average + g.fail;

export function sumFigures(rows: Figures[]): Figures {
  const add = (pick: (f: Figures) => number) => rows.reduce((s, f) => s + pick(f), 0);
  const grades: GradeCounts = {
    excellent: add((f) => f.grades.excellent),
    good: add((f) => f.grades.good),
    fair: add((f) => f.grades.fair),
    average: add((f) => f.grades.average),
    fail: add((f) => f.grades.fail),
  };
  const plannedCourses = sumPlanned(rows.map((f) => f.plannedCourses));
  const plannedTrainees = sumPlanned(rows.map((f) => f.plannedTrainees));
  const courses = add((f) => f.courses);
  const enrolled = add((f) => f.enrolled);
  const finished = add((f) => f.finished);
  const completed = add((f) => f.completed);
  const coursesOnPlan = add((f) => f.coursesOnPlan);
  const enrolledOnPlan = add((f) => f.enrolledOnPlan);
  // Each row's pace is expected trainees ÷ its target, so the sum's pace weighs the rows by their targets.
  const paced = rows.filter((f) => f.expectedPace !== null && f.plannedTrainees !== null && f.plannedTrainees > 0);
  const pacedTarget = paced.reduce((s, f) => s + f.plannedTrainees!, 0);
  return {
    plannedCourses,
    plannedTrainees,
    courses,
    enrolled,
    // Distinct persons cannot be added across rows; the sum is an upper bound and is not printed.
    trainees: add((f) => f.trainees),
    finished,
    completed,
    grades,
    completionRate: ratio(completed, finished),
    goodRate: ratio(grades.excellent + grades.good + grades.fair, scoredCount(grades)),
    coursesOnPlan,
    enrolledOnPlan,
    // Over the rows with an approved plan only (issue #11.2), as the reporting service does.
    courseFulfillment: ratio(coursesOnPlan, plannedCourses),
    traineeFulfillment: ratio(enrolledOnPlan, plannedTrainees),
    quarters: sumQuarters(rows),
    expectedPace: pacedTarget > 0 ? paced.reduce((s, f) => s + f.expectedPace! * f.plannedTrainees!, 0) / pacedTarget : null,
    lagging: false,
  };
}

/** Quarter by quarter over the rows that have a split; null when none has. */
function sumQuarters(rows: Figures[]): QuarterFigures[] | null {
  const split = rows.map((f) => f.quarters).filter((q): q is QuarterFigures[] => Array.isArray(q) && q.length === 4);
  if (split.length === 0) return null;
  const sum = emptyQuarters();
  for (const quarters of split)
    quarters.forEach((q, i) => {
      sum.plannedCourses[i]! += q.plannedCourses;
      sum.plannedTrainees[i]! += q.plannedTrainees;
      sum.courses[i]! += q.courses;
      sum.enrolled[i]! += q.enrolled;
    });
  return quarterFigures(sum);
}

const PERIOD_END: Record<Period, string> = {
  q1: '03-31',
  q2: '06-30',
  q3: '09-30',
  q4: '12-31',
  h1: '06-30',
  '9m': '09-30',
  year: '12-31',
};

/** Whether the window stops before the period's last day (the report is "as of" a date inside it). */
export const windowCutShort = (report: Pick<ProgressReport, 'year' | 'period' | 'window'>) =>
  report.window.to < `${report.year}-${PERIOD_END[report.period]}`;

/** Periods counted from 1 January, whose fulfillment is the year-to-date one the lagging rule uses. */
export const cumulative = (period: Period) => period === 'year' || period === 'h1' || period === '9m';
