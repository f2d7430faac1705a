// Assertions on progress reports: one figure at a time with its name in the message, and the rule that
// every total is the sum of its rows with its rates recomputed from the sums.
import { expect } from 'chai';
import type { Figures, GradeCounts, ProgressReport } from '../../server/reports/report.types.js';

export const grades = (excellent = 0, good = 0, fair = 0, average = 0, fail = 0): GradeCounts => ({ excellent, good, fair, average, fail });

/**
 * A row of figures: zero counts, no plan, null rates, unless given. The counts on the plan default to the
 * row's own counts when the row has a plan (a unit's, or a program's in a unit), else to 0.
 */
export const figures = (given: Partial<Figures> = {}): Figures => ({
  coursesOnPlan: given.plannedTrainees === null || given.plannedTrainees === undefined ? 0 : (given.courses ?? 0),
  enrolledOnPlan: given.plannedTrainees === null || given.plannedTrainees === undefined ? 0 : (given.enrolled ?? 0),
  plannedCourses: null,
  plannedTrainees: null,
  courses: 0,
  enrolled: 0,
  trainees: 0,
  finished: 0,
  completed: 0,
  grades: grades(),
  completionRate: null,
  goodRate: null,
  courseFulfillment: null,
  traineeFulfillment: null,
  expectedPace: null,
  lagging: false,
  ...given,
});

const FIGURE_KEYS = Object.keys(figures()) as Array<keyof Figures>;

/** Every figure of `actual` equals the expected one (rates to 1e-12). */
export function expectFigures(actual: Figures | undefined, expected: Figures, label: string): void {
  expect(actual, `${label}: row missing`).to.not.equal(undefined);
  for (const key of FIGURE_KEYS) {
    const a = actual![key];
    const e = expected[key];
    if (typeof e === 'number' && !Number.isInteger(e)) {
      expect(a, `${label}.${key}`).to.be.a('number');
      expect(a as number, `${label}.${key}`).to.be.closeTo(e, 1e-12);
    } else {
      expect(a, `${label}.${key}`).to.deep.equal(e);
    }
  }
}

const COUNTS = ['courses', 'enrolled', 'finished', 'completed', 'coursesOnPlan', 'enrolledOnPlan'] as const;
const GRADES = ['excellent', 'good', 'fair', 'average', 'fail'] as const;

function sumPlanned(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

/** A total equals the sum of its rows (null planned figures absent), and its rates come from those sums. */
export function expectSumOfRows(total: Figures, rows: Figures[], label: string): void {
  for (const key of COUNTS) expect(total[key], `${label}.${key}`).to.equal(rows.reduce((s, r) => s + r[key], 0));
  for (const g of GRADES) expect(total.grades[g], `${label}.grades.${g}`).to.equal(rows.reduce((s, r) => s + r.grades[g], 0));
  expect(total.plannedCourses, `${label}.plannedCourses`).to.equal(sumPlanned(rows.map((r) => r.plannedCourses)));
  expect(total.plannedTrainees, `${label}.plannedTrainees`).to.equal(sumPlanned(rows.map((r) => r.plannedTrainees)));
  const rate = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);
  expect(total.completionRate, `${label}.completionRate`).to.equal(rate(total.completed, total.finished));
  // Fulfilment divides what the units with an approved plan did, never all the rows' counts (issue #11.2).
  expect(total.courseFulfillment, `${label}.courseFulfillment`).to.equal(rate(total.coursesOnPlan, total.plannedCourses));
  expect(total.traineeFulfillment, `${label}.traineeFulfillment`).to.equal(rate(total.enrolledOnPlan, total.plannedTrainees));
  // Distinct persons are never summed: a total counts each person once, so it is at most the sum.
  expect(total.trainees, `${label}.trainees`).to.be.at.most(rows.reduce((s, r) => s + r.trainees, 0));
}

/** Totals = units; totals = categories; each unit = its programs; each category = its programs. */
export function expectConsistent(report: ProgressReport): void {
  expectSumOfRows(report.totals, report.units, 'totals over units');
  expectSumOfRows(report.totals, report.categories, 'totals over categories');
  for (const unit of report.units) expectSumOfRows(unit, unit.programs, `unit ${unit.unitCode}`);
  for (const category of report.categories) expectSumOfRows(category, category.programs, `category ${category.category}`);
}
