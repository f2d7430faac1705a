// Course input, as the pages send it (ids from selects, dd/mm/yyyy or ISO dates) and as the API sends it
// (codes, ISO dates). Both end up as the same CourseInput for the service.
import { z } from 'zod';
import { dateField, integer, optionalDate, optionalInteger, optionalText, requiredText } from '../http/fields.js';
import { cleanText } from '../lib/text.js';
import { COURSE_STATUSES } from './course.model.js';

const endNotBeforeStart = (v: { startDate?: string; endDate?: string }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
// Checked whenever both dates are readable, so the order is reported together with the other fields' errors.
const dateOrder = {
  path: ['endDate'],
  message: 'courses.errors.endBeforeStart',
  when: (payload: z.core.ParsePayload) => !payload.issues.some((i) => i.path?.[0] === 'startDate' || i.path?.[0] === 'endDate'),
};

export const coursePageInput = z
  .object({
    unitId: optionalInteger(1),
    programId: integer(1),
    name: optionalText(255),
    startDate: dateField(),
    endDate: dateField(),
    place: optionalText(255),
    capacity: integer(1, 500),
    note: optionalText(2000),
  })
  .refine(endNotBeforeStart, dateOrder);

export const courseEditPageInput = z
  .object({
    lockVersion: integer(0),
    programId: integer(1),
    name: requiredText(255),
    startDate: dateField(),
    endDate: dateField(),
    place: optionalText(255),
    capacity: integer(1, 500),
    note: optionalText(2000),
  })
  .refine(endNotBeforeStart, dateOrder);

export const cancelInput = z.object({ lockVersion: integer(0), reason: requiredText(1000) });
export const finishInput = z.object({ lockVersion: integer(0) });

export const courseListQuery = z.object({
  q: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().max(100).optional()).catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  program: z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional().catch(undefined),
  status: z.enum(COURSE_STATUSES).optional().catch(undefined),
  unit: z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const suggestQuery = z.object({
  programId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive().optional().catch(undefined),
  startDate: optionalDate().catch(undefined),
});

// --- API ---

/** PATCH text: absent leaves the value, null or "" clears it. */
const patchText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (cleanText(v) === '' ? null : cleanText(v)) : v), z.string().max(max).nullable().optional());

const code = (field: string) => z.string({ message: 'common.validation.required' }).trim().min(1).max(20).describe(field);

export const apiCourseCreate = z
  .object({
    unitCode: code('The organising unit; required for the board, ignored for a center token.').optional(),
    programCode: code('Program code, e.g. NTVD'),
    name: optionalText(255).describe('Omit to name it "Lớp … khóa N năm YYYY"'),
    startDate: dateField().describe('YYYY-MM-DD'),
    endDate: dateField().describe('YYYY-MM-DD'),
    place: optionalText(255),
    capacity: integer(1, 500),
    note: optionalText(2000),
  })
  .refine(endNotBeforeStart, dateOrder);

export const apiCoursePatch = z.object({
  lockVersion: z.number({ message: 'common.validation.required' }).int().min(0).describe('The version you read; a stale one answers 409'),
  programCode: code('Program code').optional(),
  name: requiredText(255).optional(),
  startDate: dateField().optional(),
  endDate: dateField().optional(),
  place: patchText(255),
  capacity: integer(1, 500).optional(),
  note: patchText(2000),
  cancel: z.object({ reason: requiredText(1000) }).optional().describe('Cancel the course, with a reason'),
  finish: z.literal(true).optional().describe('Finish the course (on or after its end date)'),
});

export const apiCourseListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  programCode: z.string().max(20).optional(),
  status: z.enum(COURSE_STATUSES).optional(),
  unitCode: z.string().max(20).optional().describe('The board only; a center always sees its own unit'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
