import { expect } from 'chai';
import {
  addPlanned,
  emptyTally,
  expectedTrainees,
  isLagging,
  paceGap,
  periodWindow,
  ratio,
  resolveAsOf,
  sumTallies,
  toFigures,
  type Tally,
} from '../../server/reports/figures.js';

/** A row; one with a plan counts its courses and enrollments on the plan too, as the service's cells do. */
const tally = (overrides: Partial<Tally>): Tally => {
  const t = { ...emptyTally(), ...overrides };
  if (t.plannedTrainees !== null && !overrides.onPlan) t.onPlan = { courses: t.courses, enrolled: t.enrolled, ytdEnrolled: t.ytdEnrolled };
  return t;
};

describe('report figures: dates and windows', () => {
  it('when no as-of date is asked, then today is used, capped at 31/12 of the year', () => {
    expect(resolveAsOf(2024, undefined, '2025-03-01')).to.equal('2024-12-31');
    expect(resolveAsOf(2024, undefined, '2024-05-10')).to.equal('2024-05-10');
    expect(resolveAsOf(2024, '2030-01-01', '2025-03-01')).to.equal('2024-12-31');
  });

  it('when the as-of date is before the year, then it is kept and the window is empty', () => {
    expect(resolveAsOf(2026, undefined, '2025-12-15')).to.equal('2025-12-15');
    const window = periodWindow(2026, 'year', '2025-12-15');
    expect(window).to.deep.equal({ from: '2026-01-01', to: '2025-12-15' });
    expect(window.to < window.from).to.equal(true);
  });

  it('when a period is asked, then the window runs from its first day to the earlier of its last day and D', () => {
    expect(periodWindow(2024, 'q3', '2024-08-15')).to.deep.equal({ from: '2024-07-01', to: '2024-08-15' });
    expect(periodWindow(2024, '9m', '2024-12-31')).to.deep.equal({ from: '2024-01-01', to: '2024-09-30' });
    expect(periodWindow(2024, 'h1', '2024-12-31')).to.deep.equal({ from: '2024-01-01', to: '2024-06-30' });
    expect(periodWindow(2024, 'q2', '2024-12-31')).to.deep.equal({ from: '2024-04-01', to: '2024-06-30' });
    expect(periodWindow(2024, 'q4', '2024-12-31')).to.deep.equal({ from: '2024-10-01', to: '2024-12-31' });
    expect(periodWindow(2024, 'year', '2024-02-29')).to.deep.equal({ from: '2024-01-01', to: '2024-02-29' });
  });

  it('when a quarter has not begun by D, then its window is empty (to before from)', () => {
    const w = periodWindow(2024, 'q3', '2024-05-10');
    expect(w.to < w.from).to.equal(true);
  });
});

describe('report figures: expected pace', () => {
  it('when the plan is not split, then the expected share is the elapsed days of the year, D included', () => {
    // 2024 has 366 days: 31 January is day 31.
    expect(expectedTrainees({ plannedTrainees: 366, quarters: [null, null, null, null] }, 2024, '2024-01-31')).to.equal(31);
    // 2023 has 365 days: 2 July is day 183 → 730 × 183 / 365 = 366.
    expect(expectedTrainees({ plannedTrainees: 730, quarters: [null, null, null, null] }, 2023, '2023-07-02')).to.equal(366);
    expect(expectedTrainees({ plannedTrainees: 500, quarters: [null, null, null, null] }, 2024, '2024-12-31')).to.equal(500);
  });

  it('when the plan is split by quarter, then ended quarters count whole and the current one by its elapsed days', () => {
    const target = { plannedTrainees: 1000, quarters: [100, 200, 300, 400] };
    expect(expectedTrainees(target, 2024, '2024-03-31')).to.equal(100);
    // Q2 runs 1/4–30/6 (91 days); by 16/5, 46 days have passed: 100 + 200 × 46 / 91.
    expect(expectedTrainees(target, 2024, '2024-05-16')).to.be.closeTo(100 + (200 * 46) / 91, 1e-9);
    expect(expectedTrainees(target, 2024, '2024-10-01')).to.be.closeTo(600 + 400 / 92, 1e-9);
    expect(expectedTrainees(target, 2024, '2024-12-31')).to.equal(1000);
  });

  it('when only some quarters are given, then the plan counts as not split', () => {
    const partial = { plannedTrainees: 366, quarters: [300, null, null, null] };
    expect(expectedTrainees(partial, 2024, '2024-01-31')).to.equal(31);
  });

  it('when D is before the year, then nothing is expected yet', () => {
    expect(expectedTrainees({ plannedTrainees: 1000, quarters: [100, 200, 300, 400] }, 2026, '2025-12-15')).to.equal(0);
    expect(expectedTrainees({ plannedTrainees: 1000, quarters: [null, null, null, null] }, 2026, '2025-12-15')).to.equal(0);
  });
});

describe('report figures: sums and rates', () => {
  it('when planned figures are added, then null is absent and all-null stays null', () => {
    expect(addPlanned(null, null)).to.equal(null);
    expect(addPlanned(null, 5)).to.equal(5);
    expect(addPlanned(0, null)).to.equal(0);
    expect(addPlanned(3, 4)).to.equal(7);
  });

  it('when a rate has a zero or missing denominator, then it is null, never NaN or Infinity', () => {
    expect(ratio(5, 0)).to.equal(null);
    expect(ratio(5, null)).to.equal(null);
    expect(ratio(0, 4)).to.equal(0);
  });

  it('when rows are totalled, then counts add and rates are recomputed from the sums, never averaged', () => {
    const a = tally({
      courses: 2, enrolled: 100, finished: 80, completed: 76, scored: 80,
      grades: { excellent: 10, good: 30, fair: 30, average: 6, fail: 4 },
      plannedCourses: 4, plannedTrainees: 200, expectedTrainees: 100, ytdEnrolled: 100,
    });
    const b = tally({
      courses: 1, enrolled: 10, finished: 10, completed: 5, scored: 0,
      plannedCourses: null, plannedTrainees: null, expectedTrainees: null, ytdEnrolled: 10,
    });
    const total = sumTallies([a, b]);
    const figures = toFigures(total, 105, 0.15);
    expect(figures.courses).to.equal(3);
    expect(figures.enrolled).to.equal(110);
    expect(figures.trainees).to.equal(105);
    expect(figures.plannedCourses).to.equal(4);
    expect(figures.plannedTrainees).to.equal(200);
    // 81 / 90, not the mean of 76/80 and 5/10.
    expect(figures.completionRate).to.be.closeTo(81 / 90, 1e-12);
    expect(figures.goodRate).to.be.closeTo(70 / 80, 1e-12);
    // Fulfilment over the row with a plan only (issue #11.2): b's 10 enrollments have no target to meet.
    expect(figures.courseFulfillment).to.equal(2 / 4);
    expect(figures.traineeFulfillment).to.equal(100 / 200);
    expect(figures.expectedPace).to.equal(0.5);
    expect(figures.lagging).to.equal(false);
  });

  it('when a unit without a plan enrolls many, then the total neither reaches the target nor hides lagging (issue #11.2)', () => {
    // Planned units: 499 of 1000, expected 800 by D (30,1 points behind). Unplanned: 900 enrolled.
    const planned = tally({ courses: 5, enrolled: 499, ytdEnrolled: 499, plannedCourses: 10, plannedTrainees: 1000, expectedTrainees: 800 });
    const unplanned = tally({ courses: 9, enrolled: 900, ytdEnrolled: 900 });
    const figures = toFigures(sumTallies([planned, unplanned]), 1399, 0.15);
    expect(figures.enrolled).to.equal(1399);
    expect(figures.traineeFulfillment).to.equal(0.499);
    expect(figures.courseFulfillment).to.equal(0.5);
    expect(paceGap(sumTallies([planned, unplanned]))).to.be.closeTo(0.301, 1e-12);
    expect(figures.lagging).to.equal(true);
  });

  it('when targets are split by quarter, then each quarter compares its targets with its courses, over split targets only', () => {
    const split = tally({
      courses: 3, enrolled: 150, plannedCourses: 4, plannedTrainees: 200, expectedTrainees: 100,
      quarters: { plannedCourses: [1, 1, 1, 1], plannedTrainees: [50, 50, 50, 50], courses: [2, 1, 0, 0], enrolled: [100, 50, 0, 0] },
    });
    const notSplit = tally({ courses: 1, enrolled: 80, plannedCourses: 1, plannedTrainees: 80, expectedTrainees: 40 });
    const figures = toFigures(sumTallies([split, notSplit]), 230, 0.15);
    expect(figures.quarters).to.have.length(4);
    expect(figures.quarters![0]).to.deep.equal({ quarter: 1, plannedCourses: 1, plannedTrainees: 50, courses: 2, enrolled: 100, courseFulfillment: 2, traineeFulfillment: 2 });
    expect(figures.quarters![1]!.traineeFulfillment).to.equal(1);
    expect(figures.quarters![3]!.enrolled).to.equal(0);
    expect(toFigures(notSplit, 80, 0.15).quarters).to.equal(null);
  });

  it('when a row has no approved plan, then planned figures, fulfillment and pace are null and it never lags', () => {
    const figures = toFigures(tally({ courses: 1, enrolled: 40, ytdEnrolled: 40 }), 40, 0.15);
    expect(figures.plannedCourses).to.equal(null);
    expect(figures.plannedTrainees).to.equal(null);
    expect(figures.courseFulfillment).to.equal(null);
    expect(figures.traineeFulfillment).to.equal(null);
    expect(figures.expectedPace).to.equal(null);
    expect(figures.lagging).to.equal(false);
  });

  it('when a target is 0, then fulfillment and pace are null, not Infinity', () => {
    const figures = toFigures(tally({ enrolled: 12, plannedCourses: 0, plannedTrainees: 0, expectedTrainees: 0, ytdEnrolled: 12 }), 12, 0.15);
    expect(figures.courseFulfillment).to.equal(null);
    expect(figures.traineeFulfillment).to.equal(null);
    expect(figures.expectedPace).to.equal(null);
    expect(figures.lagging).to.equal(false);
  });

  it('when nothing has finished, then completion and khá–giỏi rates are null', () => {
    const figures = toFigures(tally({ courses: 1, enrolled: 30, finished: 0 }), 30, 0.15);
    expect(figures.completionRate).to.equal(null);
    expect(figures.goodRate).to.equal(null);
  });
});

describe('report figures: lagging', () => {
  const row = (ytdEnrolled: number) => tally({ plannedTrainees: 100, plannedCourses: 2, expectedTrainees: 50, ytdEnrolled });

  it('when exactly the threshold behind, then not lagging; a little more, then lagging', () => {
    expect(paceGap(row(35))).to.be.closeTo(0.15, 1e-12);
    expect(isLagging(row(35), 0.15)).to.equal(false);
    expect(isLagging(row(34), 0.15)).to.equal(true);
    expect(isLagging(row(60), 0.15)).to.equal(false);
  });

  it('when the threshold setting changes, then the same row is judged against it', () => {
    expect(isLagging(row(45), 0.15)).to.equal(false);
    expect(isLagging(row(45), 0.04)).to.equal(true);
  });

  it('when lagging is judged, then the year-to-date enrollments count, not the period asked', () => {
    // 10 enrolled in the period (a quarter) but 48 since 1 January: on pace.
    const quarterRow = tally({ enrolled: 10, plannedTrainees: 100, expectedTrainees: 50, ytdEnrolled: 48 });
    expect(toFigures(quarterRow, 10, 0.15).lagging).to.equal(false);
    expect(toFigures(quarterRow, 10, 0.15).traineeFulfillment).to.equal(0.1);
  });
});
