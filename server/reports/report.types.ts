// The shape of a progress report (issue "Progress reports"; DOMAIN.md "The numbers, defined once").
// The reporting service produces it; the JSON API, the dashboards and the PDFs all render this one shape.
import type { ProgramCategory } from '../programs/program.model.js';

export const PERIODS = ['q1', 'q2', 'q3', 'q4', 'h1', '9m', 'year'] as const;
export type Period = (typeof PERIODS)[number];

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
  courseFulfillment: number | null;
  traineeFulfillment: number | null;
  /** Share of the year's trainee target expected by the as-of date; null without a plan. */
  expectedPace: number | null;
  lagging: boolean;
}

export interface ProgramFigures extends Figures {
  programCode: string;
  programName: string;
  category: ProgramCategory;
}

export interface UnitFigures extends Figures {
  unitCode: string;
  unitName: string;
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
  /** The period's window: from its first day to the earlier of its last day and asOf. */
  window: { from: string; to: string };
  units: UnitFigures[];
  /** Biểu 2: by category, each with its programs, across the units in scope. */
  categories: CategoryFigures[];
  totals: Figures;
}
