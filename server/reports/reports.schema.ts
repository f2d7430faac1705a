// Input of the report pages and API, validated at the edge; and the JSON shape, for the OpenAPI document.
import { z } from 'zod';
import { optionalDate, optionalText } from '../http/fields.js';
import { PROGRAM_CATEGORIES } from '../programs/program.model.js';
import { PERIODS } from './report.types.js';

const year = z.coerce.number({ message: 'common.validation.notNumber' }).int('common.validation.notInteger').min(2000).max(2100);
const period = z.preprocess((v) => (v === '' ? undefined : v), z.enum(PERIODS).default('year'));

/** GET /api/v1/reports/progress?year=2024[&asOf=YYYY-MM-DD][&period=q1|…|year][&unit=CODE] */
export const progressQuery = z.object({
  year,
  asOf: optionalDate().describe("'YYYY-MM-DD' (or dd/mm/yyyy); default today in Vietnam, capped at 31/12 of the year"),
  period,
  unit: optionalText(20).describe('A unit code, e.g. TTCTVL; a center token may name only its own unit'),
});

/** The pages: the year defaults to this year, or the latest year with data. */
export const reportPageQuery = z.object({ year: z.preprocess((v) => (v === '' ? undefined : v), year.optional()), asOf: optionalDate(), period });

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
  courseFulfillment: rate,
  traineeFulfillment: rate,
  expectedPace: rate,
  lagging: z.boolean(),
};
const category = z.enum(PROGRAM_CATEGORIES);
const programFigures = z.object({ programCode: z.string(), programName: z.string(), category, ...figures });

export const progressReportJson = z.object({
  year: z.number().int(),
  asOf: z.string(),
  period: z.enum(PERIODS),
  window: z.object({ from: z.string(), to: z.string() }).describe('Empty when `to` is before `from`'),
  units: z.array(z.object({ unitCode: z.string(), unitName: z.string(), ...figures, programs: z.array(programFigures) })),
  categories: z.array(z.object({ category, ...figures, programs: z.array(programFigures) })),
  totals: z.object(figures),
});
