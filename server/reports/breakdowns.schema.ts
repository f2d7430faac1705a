// The breakdowns' input (the progress report's, plus the dimension of one export) and their JSON shape, for
// the OpenAPI document.
import { z } from 'zod';
import { BREAKDOWN_DIMENSIONS } from './breakdowns.js';
import { progressQuery, reportPageQuery } from './reports.schema.js';
import { PERIODS, REPORT_VIEWS } from './report.types.js';

/** GET /api/v1/reports/breakdowns: the same parameters as /reports/progress. */
export const breakdownQuery = progressQuery;

/** The downloads: the dashboards' selection, and optionally one dimension (default: all of them). */
export const breakdownExportQuery = reportPageQuery.extend({
  dimension: z.preprocess((v) => (v === '' ? undefined : v), z.enum(BREAKDOWN_DIMENSIONS).optional()),
});

const counts = {
  enrolled: z.number().int().describe('Enrollments (lượt) of the courses starting in the window, any status'),
  trainees: z.number().int().describe('Distinct persons'),
  finished: z.number().int().describe('Enrollments of courses ended on or before asOf'),
  completed: z.number().int().describe('Among the finished, those completed'),
  completionRate: z.number().nullable().describe('completed ÷ finished; null when nothing has finished'),
  share: z.number().nullable().describe('enrolled ÷ the enrollments of the whole breakdown; null when there are none'),
};

const row = z.object({
  kind: z.enum(['value', 'missing', 'other']).describe("'missing': not recorded (chưa ghi); 'other': the sending organisations beyond the top 20 (khác)"),
  value: z
    .string()
    .nullable()
    .describe('gender: male|female; partyStatus: masses|probationary|official; ethnicity and sendingOrg: the text as most often spelled (case variants are one value); null for missing and other'),
  values: z.number().int().describe('How many distinct values the row gathers (spellings, or organisations in other)'),
  ...counts,
});

export const breakdownReportJson = z.object({
  year: z.number().int(),
  asOf: z.string(),
  period: z.enum(PERIODS),
  view: z.enum(REPORT_VIEWS),
  window: z.object({ from: z.string(), to: z.string() }).describe('Empty when `to` is before `from`'),
  unit: z.object({ unitCode: z.string(), unitName: z.string() }).nullable().describe('The unit asked for (a center: its own); null for the province'),
  totals: z.object(counts).describe('Every enrollment of the window once; each person once'),
  dimensions: z.array(
    z.object({
      dimension: z.enum(BREAKDOWN_DIMENSIONS),
      rows: z.array(row).describe('gender and partyStatus: every value, then missing; ethnicity: Kinh first, then by enrollments, then missing; sendingOrg: the top 20 by enrollments, other, missing'),
    }),
  ),
});
