// The shape of a progress report (issue "Progress reports"; DOMAIN.md "The numbers, defined once").
// The reporting service produces it; the JSON API, the dashboards and the PDFs all render this one shape.
import type { ProgramCategory } from '../programs/program.model.js';

export const PERIODS = ['q1', 'q2', 'q3', 'q4', 'h1', '9m', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * Units change (DOMAIN.md): `as-was` has a row per unit that existed in the period, named as of the as-of
 * date; `rolled-up` counts every unit's figures in the unit that carries them today (its first successor,
 * down the chain). The province totals are the same both ways.
 */
export const REPORT_VIEWS = ['as-was', 'rolled-up'] as const;
export type ReportView = (typeof REPORT_VIEWS)[number];

export interface GradeCounts {
  excellent: number;
  good: number;
  fair: number;
  average: number;
  fail: number;
}

/** Every figure of DOMAIN.md for one row (a unit, a program, a category, or the total). Rates are fractions or null. */
export interface Figures {
  /** The year's targets in the latest approved plan; null when there is no approved plan ("chưa có kế hoạch"). */
  plannedCourses: number | null;
  plannedTrainees: number | null;
  courses: number;
  enrolled: number;
  /** Distinct persons. */
  trainees: number;
  finished: number;
  completed: number;
  grades: GradeCounts;
  completionRate: number | null;
  goodRate: number | null;
  /** courses and enrolled of the units with an approved plan only: what the fulfilments divide (issue #11.2). */
  coursesOnPlan: number;
  enrolledOnPlan: number;
  courseFulfillment: number | null;
  traineeFulfillment: number | null;
  /** Share of the year's trainee target expected by the as-of date; null without a plan. */
  expectedPace: number | null;
  lagging: boolean;
  /**
   * Quarter by quarter, over the targets under this row that are split by quarter (and only their
   * courses): null when none is. Actuals count courses by start date from 1/1 to the as-of date, whatever
   * the period asked. Renderers handed a report built elsewhere read a missing value as null.
   */
  quarters?: QuarterFigures[] | null;
}

export interface QuarterFigures {
  /** 1…4 */
  quarter: number;
  plannedCourses: number;
  plannedTrainees: number;
  courses: number;
  enrolled: number;
  courseFulfillment: number | null;
  traineeFulfillment: number | null;
}

/**
 * The units without an approved plan for the year (as they were, the same whichever the view) and what
 * their courses count: shown on a line of their own, because their enrollments have no target to meet.
 */
export interface UnplannedFigures {
  units: UnitLabel[];
  courses: number;
  enrolled: number;
  finished: number;
  completed: number;
  grades: GradeCounts;
}

export interface ProgramFigures extends Figures {
  programCode: string;
  programName: string;
  category: ProgramCategory;
}

/** A unit as a report names it: its code and its name (as of the as-of date, or today when rolled up). */
export interface UnitLabel {
  unitCode: string;
  unitName: string;
}

/** How a unit stopped existing. */
export interface UnitEnding {
  kind: 'merge' | 'split' | 'dissolve';
  /** 'YYYY-MM-DD': the first day it no longer existed (the event's effective date). */
  on: string;
  /** Its successors in order: the first carries its figures in the rolled-up view. */
  successors: UnitLabel[];
}

export interface UnitFigures extends Figures, UnitLabel {
  /**
   * The unit's last day when it was dissolved, merged or split (whenever that happened, even after the
   * report's period); null while it exists. The service always sets this and the fields below; renderers
   * handed a report built elsewhere read a missing value as "unchanged unit".
   */
  validTo?: string | null;
  ended?: UnitEnding | null;
  /** As-was: the unit whose row carries this unit's figures in the rolled-up view; null for itself. */
  rolledInto?: UnitLabel | null;
  /** Rolled-up: the units whose figures this row also carries, in display order; [] as-was. */
  predecessors?: UnitLabel[];
  programs: ProgramFigures[];
}

export interface CategoryFigures extends Figures {
  category: ProgramCategory;
  programs: ProgramFigures[];
}

export interface ProgressReport {
  year: number;
  /** 'YYYY-MM-DD': the as-of date, capped at 31/12 of the year. */
  asOf: string;
  period: Period;
  /** Which rows the units are: as they were (default) or rolled up into their successors. Always set by the service. */
  view?: ReportView;
  /** The period's window: from its first day to the earlier of its last day and asOf. */
  window: { from: string; to: string };
  units: UnitFigures[];
  /** Biểu 2: by category, each with its programs, across the units in scope. */
  categories: CategoryFigures[];
  /**
   * Every count of every row; fulfilment, pace and lagging over the units with an approved plan only
   * (DOMAIN.md as amended by issue #11.2, see reports/CONTEXT.md).
   */
  totals: Figures;
  /** The units without an approved plan and their counts (already inside `totals`' counts). */
  unplanned?: UnplannedFigures;
}
