// Input of the report pages and API, validated at the edge; and the JSON shape, for the OpenAPI document.
import { z } from 'zod';
import { optionalDate, optionalText } from '../http/fields.js';
import { PROGRAM_CATEGORIES } from '../programs/program.model.js';
import { PERIODS, REPORT_VIEWS } from './report.types.js';

const year = z.coerce.number({ message: 'common.validation.notNumber' }).int('common.validation.notInteger').min(2000).max(2100);
const period = z.preprocess((v) => (v === '' ? undefined : v), z.enum(PERIODS).default('year'));
const view = z
  .preprocess((v) => (v === '' ? undefined : v), z.enum(REPORT_VIEWS).default('as-was'))
  .describe("'as-was' (default): a row per unit that existed in the period, named as of asOf; 'rolled-up': each unit counted in the unit that carries its figures today (its first successor, down the chain). Totals are the same both ways");

/** GET /api/v1/reports/progress?year=2024[&asOf=YYYY-MM-DD][&period=q1|…|year][&unitCode=CODE][&view=as-was|rolled-up] */
export const progressQuery = z.object({
  year,
  asOf: optionalDate().describe("'YYYY-MM-DD' (or dd/mm/yyyy); default today in Vietnam, capped at 31/12 of the year"),
  period,
  unitCode: optionalText(20).describe('A unit code, e.g. TTCTVL; a center token may name only its own unit'),
  view,
});

/** The pages: the year defaults to this year, or the latest year with data. */
export const reportPageQuery = z.object({ year: z.preprocess((v) => (v === '' ? undefined : v), year.optional()), asOf: optionalDate(), period, view });

export const codeParam = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/);

const rate = z.number().nullable();
const figures = {
  plannedCourses: z.number().int().nullable().describe("The year's target in the latest approved plan; null without one"),
  plannedTrainees: z.number().int().nullable(),
  courses: z.number().int(),
  enrolled: z.number().int().describe('Enrollments (lượt), any status'),
  trainees: z.number().int().describe('Distinct persons'),
  finished: z.number().int(),
  completed: z.number().int(),
  grades: z.object({ excellent: z.number().int(), good: z.number().int(), fair: z.number().int(), average: z.number().int(), fail: z.number().int() }),
  completionRate: rate,
  goodRate: rate,
  coursesOnPlan: z.number().int().describe('Courses of the units with an approved plan: what courseFulfillment divides'),
  enrolledOnPlan: z.number().int().describe('Enrollments of the units with an approved plan: what traineeFulfillment divides'),
  courseFulfillment: rate.describe('coursesOnPlan ÷ plannedCourses'),
  traineeFulfillment: rate.describe('enrolledOnPlan ÷ plannedTrainees'),
  expectedPace: rate,
  lagging: z.boolean(),
  quarters: z
    .array(
      z.object({
        quarter: z.number().int().min(1).max(4),
        plannedCourses: z.number().int(),
        plannedTrainees: z.number().int(),
        courses: z.number().int().describe('Courses started in the quarter (by the as-of date), under split targets'),
        enrolled: z.number().int(),
        courseFulfillment: rate,
        traineeFulfillment: rate,
      }),
    )
    .nullable()
    .describe('Quarter by quarter, over the targets split by quarter under this row; null when none is'),
};
const category = z.enum(PROGRAM_CATEGORIES);
const unitLabel = z.object({ unitCode: z.string(), unitName: z.string() });
const programFigures = z.object({ programCode: z.string(), programName: z.string(), category, ...figures });

export const progressReportJson = z.object({
  year: z.number().int(),
  asOf: z.string(),
  period: z.enum(PERIODS),
  window: z.object({ from: z.string(), to: z.string() }).describe('Empty when `to` is before `from`'),
  view: z.enum(REPORT_VIEWS),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string().describe('As of asOf (as-was; a dissolved unit by its last name) or as of today (rolled-up)'),
      ...figures,
      programs: z.array(programFigures),
      validTo: z.string().nullable().describe("The unit's last day when it was dissolved, merged or split; null while it exists"),
      ended: z
        .object({ kind: z.enum(['merge', 'split', 'dissolve']), on: z.string().describe('The first day it no longer existed'), successors: z.array(unitLabel) })
        .nullable(),
      rolledInto: unitLabel.nullable().describe('as-was: the unit whose row carries these figures when rolled up'),
      predecessors: z.array(unitLabel).describe('rolled-up: the units whose figures this row also carries'),
    }),
  ),
  categories: z.array(z.object({ category, ...figures, programs: z.array(programFigures) })),
  totals: z.object(figures).describe('All counts; fulfilment, pace and lagging over the units with an approved plan'),
  unplanned: z
    .object({ units: z.array(unitLabel), courses: z.number().int(), enrolled: z.number().int(), finished: z.number().int(), completed: z.number().int(), grades: figures.grades })
    .describe('The units without an approved plan for the year, and their counts (inside the totals)'),
});
