// The arithmetic of DOMAIN.md "The numbers, defined once", as pure functions: the period's window, the
// expected pace, sums of rows and the rates recomputed from those sums. The SQL gives counts; this file
// turns counts into figures, the same way at every level (program in a unit, unit, category, total).
import type { Figures, GradeCounts, Period, QuarterFigures } from './report.types.js';

const DAY_MS = 86_400_000;

/** Calendar date 'YYYY-MM-DD' → days since the epoch (UTC), so date arithmetic never meets a time zone. */
export function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoFromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const yearStart = (year: number) => `${year}-01-01`;
export const yearEnd = (year: number) => `${year}-12-31`;
export const daysInYear = (year: number) => dayNumber(yearEnd(year)) - dayNumber(yearStart(year)) + 1;

/**
 * The as-of date D: the date asked for (default: today in Vietnam), capped at 31/12 of the year. A date
 * before 1/1 of the year is kept as it is: the report then has an empty window and nothing is expected
 * yet (the board looking at next year's plans in December).
 */
export function resolveAsOf(year: number, requested: string | undefined, today: string): string {
  const asOf = requested ?? today;
  return asOf > yearEnd(year) ? yearEnd(year) : asOf;
}

const PERIOD_BOUNDS: Record<Period, [fromMonthDay: string, toMonthDay: string]> = {
  q1: ['01-01', '03-31'],
  q2: ['04-01', '06-30'],
  q3: ['07-01', '09-30'],
  q4: ['10-01', '12-31'],
  h1: ['01-01', '06-30'],
  '9m': ['01-01', '09-30'],
  year: ['01-01', '12-31'],
};

/**
 * From the period's first day to the earlier of its last day and D. When D is before the period starts
 * (a later quarter, or a year not begun) `to` is before `from`: an empty window, counted as nothing.
 */
export function periodWindow(year: number, period: Period, asOf: string): { from: string; to: string } {
  const [from, to] = PERIOD_BOUNDS[period];
  const last = `${year}-${to}`;
  return { from: `${year}-${from}`, to: asOf < last ? asOf : last };
}

/** One target of an approved plan: the year's trainees, and the quarterly split when the plan has one. */
export interface TraineeTarget {
  plannedTrainees: number;
  /** q1…q4 trainees; a split counts only when all four are given. */
  quarters: ReadonlyArray<number | null>;
}

const QUARTER_STARTS = ['01-01', '04-01', '07-01', '10-01'];

/**
 * The trainees of this target that should have been reached by D. Split by quarter: the quarters ended
 * by D, plus the elapsed share (by days, D included) of the current one. Not split: the elapsed share of
 * the year. D before the year → 0; D on 31/12 → the whole target (or the sum of the quarters).
 */
export function expectedTrainees(target: TraineeTarget, year: number, asOf: string): number {
  const d = dayNumber(asOf);
  const { start, end, quarterStarts, quarterEnds } = calendarOf(year);
  if (d < start) return 0;
  const quarters = target.quarters;
  if (quarters.length === 4 && quarters.every((q) => q !== null && q !== undefined)) {
    let expected = 0;
    for (let q = 0; q < 4; q++) {
      const qStart = quarterStarts[q]!;
      const qEnd = quarterEnds[q]!;
      const value = quarters[q] as number;
      if (d >= qEnd) expected += value;
      else if (d >= qStart) expected += (value * (d - qStart + 1)) / (qEnd - qStart + 1);
    }
    return expected;
  }
  const elapsed = Math.min(d, end) - start + 1;
  return (target.plannedTrainees * elapsed) / (end - start + 1);
}

interface YearCalendar {
  start: number;
  end: number;
  quarterStarts: number[];
  quarterEnds: number[];
}

const calendars = new Map<number, YearCalendar>();

/** A year's first and last day and its quarters' bounds, as day numbers (computed once per year). */
function calendarOf(year: number): YearCalendar {
  let calendar = calendars.get(year);
  if (!calendar) {
    const quarterStarts = QUARTER_STARTS.map((start) => dayNumber(`${year}-${start}`));
    const end = dayNumber(yearEnd(year));
    calendar = { start: dayNumber(yearStart(year)), end, quarterStarts, quarterEnds: quarterStarts.map((_, q) => (q < 3 ? quarterStarts[q + 1]! - 1 : end)) };
    calendars.set(year, calendar);
  }
  return calendar;
}

/**
 * A quarterly split and what was done in each quarter, over the cells whose target is split (all four
 * quarters given): index 0 is Q1. Actuals count courses by start date, from 1/1 to D.
 */
export interface QuarterTally {
  plannedCourses: number[];
  plannedTrainees: number[];
  courses: number[];
  enrolled: number[];
}

export const emptyQuarters = (): QuarterTally => ({ plannedCourses: [0, 0, 0, 0], plannedTrainees: [0, 0, 0, 0], courses: [0, 0, 0, 0], enrolled: [0, 0, 0, 0] });

/** Counts a row is made of. `scored`: finished enrollments with a score (goodRate's denominator). */
export interface Tally {
  courses: number;
  enrolled: number;
  finished: number;
  completed: number;
  scored: number;
  grades: GradeCounts;
  /** null: no approved plan behind this row. */
  plannedCourses: number | null;
  plannedTrainees: number | null;
  /** Trainees expected by D from the same targets; null without a plan. */
  expectedTrainees: number | null;
  /** Enrollments of courses started from 1/1 to D, whatever the period: what "lagging" measures. */
  ytdEnrolled: number;
  /**
   * The same counts over the cells of units with an approved plan only: what fulfilment and lagging are
   * measured on, so that the enrollments of a unit without a plan never meet another unit's target
   * (issue #11.2: 69,7 % read where the units with plans stood at 49,9 %).
   */
  onPlan: { courses: number; enrolled: number; ytdEnrolled: number };
  /** null: no target under this row is split by quarter. */
  quarters: QuarterTally | null;
}

export const emptyGrades = (): GradeCounts => ({ excellent: 0, good: 0, fair: 0, average: 0, fail: 0 });

export function emptyTally(): Tally {
  return {
    courses: 0,
    enrolled: 0,
    finished: 0,
    completed: 0,
    scored: 0,
    grades: emptyGrades(),
    plannedCourses: null,
    plannedTrainees: null,
    expectedTrainees: null,
    ytdEnrolled: 0,
    onPlan: { courses: 0, enrolled: 0, ytdEnrolled: 0 },
    quarters: null,
  };
}

const addInto = (into: number[], row: readonly number[]) => row.forEach((v, i) => (into[i] = (into[i] ?? 0) + v));

/** A planned figure adds like a count, except that null (no plan) is absent: all absent → null. */
export const addPlanned = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

export function addTally(into: Tally, row: Tally): Tally {
  into.courses += row.courses;
  into.enrolled += row.enrolled;
  into.finished += row.finished;
  into.completed += row.completed;
  into.scored += row.scored;
  for (const grade of Object.keys(into.grades) as Array<keyof GradeCounts>) into.grades[grade] += row.grades[grade];
  into.plannedCourses = addPlanned(into.plannedCourses, row.plannedCourses);
  into.plannedTrainees = addPlanned(into.plannedTrainees, row.plannedTrainees);
  into.expectedTrainees = addPlanned(into.expectedTrainees, row.expectedTrainees);
  into.ytdEnrolled += row.ytdEnrolled;
  into.onPlan = {
    courses: into.onPlan.courses + row.onPlan.courses,
    enrolled: into.onPlan.enrolled + row.onPlan.enrolled,
    ytdEnrolled: into.onPlan.ytdEnrolled + row.onPlan.ytdEnrolled,
  };
  if (row.quarters) {
    const q = into.quarters ? into.quarters : (into.quarters = emptyQuarters());
    addInto(q.plannedCourses, row.quarters.plannedCourses);
    addInto(q.plannedTrainees, row.quarters.plannedTrainees);
    addInto(q.courses, row.quarters.courses);
    addInto(q.enrolled, row.quarters.enrolled);
  }
  return into;
}

export const sumTallies = (rows: Iterable<Tally>): Tally => {
  const total = emptyTally();
  for (const row of rows) addTally(total, row);
  return total;
};

/** part ÷ whole; null when the whole is null or 0 (never NaN, never Infinity). */
export const ratio = (part: number, whole: number | null): number | null => (whole === null || whole === 0 ? null : part / whole);

export const completionRate = (t: Pick<Tally, 'completed' | 'finished'>) => ratio(t.completed, t.finished);
export const goodRate = (t: Pick<Tally, 'grades' | 'scored'>) => ratio(t.grades.excellent + t.grades.good + t.grades.fair, t.scored);
export const expectedPace = (t: Pick<Tally, 'expectedTrainees' | 'plannedTrainees'>) =>
  t.expectedTrainees === null ? null : ratio(t.expectedTrainees, t.plannedTrainees);
export const ytdFulfillment = (t: Pick<Tally, 'onPlan' | 'plannedTrainees'>) => ratio(t.onPlan.ytdEnrolled, t.plannedTrainees);

/** Rounding noise must not turn "exactly the threshold behind" into "more than the threshold behind". */
const EPSILON = 1e-9;

/**
 * How far the year-to-date fulfillment is behind the expected pace, in fractions (0.183 = 18,3 điểm %);
 * null without a plan or a target. Negative when ahead.
 */
export function paceGap(t: Tally): number | null {
  const pace = expectedPace(t);
  const ytd = ytdFulfillment(t);
  return pace === null || ytd === null ? null : pace - ytd;
}

/** Behind the expected pace by more than the threshold. Never true without an approved plan. */
export function isLagging(t: Tally, threshold: number): boolean {
  const gap = paceGap(t);
  return gap !== null && gap - threshold > EPSILON;
}

export function toFigures(t: Tally, trainees: number, threshold: number): Figures {
  return {
    plannedCourses: t.plannedCourses,
    plannedTrainees: t.plannedTrainees,
    courses: t.courses,
    enrolled: t.enrolled,
    trainees,
    finished: t.finished,
    completed: t.completed,
    grades: { ...t.grades },
    completionRate: completionRate(t),
    goodRate: goodRate(t),
    coursesOnPlan: t.onPlan.courses,
    enrolledOnPlan: t.onPlan.enrolled,
    courseFulfillment: ratio(t.onPlan.courses, t.plannedCourses),
    traineeFulfillment: ratio(t.onPlan.enrolled, t.plannedTrainees),
    expectedPace: expectedPace(t),
    lagging: isLagging(t, threshold),
    quarters: quarterFigures(t.quarters),
  };
}

/** A row with nothing in it and no plan: zero counts, null rates. */
export const zeroFigures = (): Figures => toFigures(emptyTally(), 0, 0);

/** Each quarter's targets against what was done in it, or null when nothing under the row is split. */
export function quarterFigures(q: QuarterTally | null): QuarterFigures[] | null {
  if (!q) return null;
  return [0, 1, 2, 3].map((i) => ({
    quarter: i + 1,
    plannedCourses: q.plannedCourses[i]!,
    plannedTrainees: q.plannedTrainees[i]!,
    courses: q.courses[i]!,
    enrolled: q.enrolled[i]!,
    courseFulfillment: ratio(q.courses[i]!, q.plannedCourses[i]!),
    traineeFulfillment: ratio(q.enrolled[i]!, q.plannedTrainees[i]!),
  }));
}
