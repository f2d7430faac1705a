// Sums of report rows the reporting service does not hand over ready-made — one unit's programs by category —
// added the way DOMAIN.md defines totals: counts add up, a null plan counts as absent, rates are recomputed
// from the sums and never averaged.
import type { Figures, GradeCounts, Period, ProgressReport } from '../reports/report.types.js';

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
    courseFulfillment: ratio(courses, plannedCourses),
    traineeFulfillment: ratio(enrolled, plannedTrainees),
    expectedPace: pacedTarget > 0 ? paced.reduce((s, f) => s + f.expectedPace! * f.plannedTrainees!, 0) / pacedTarget : null,
    lagging: false,
  };
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
