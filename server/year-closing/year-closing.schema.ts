// Input of the closing pages and of correction requests, and the stored payload of a request — parsed again when
// the board approves it, so an approved change meets the same rules as the form it came from.
import { z } from 'zod';
import { checkbox, dateField, integer, optionalDecimal, optionalText, requiredText } from '../http/fields.js';
import { CORRECTION_STATUSES } from './year-closing.model.js';

export const closeInput = z.object({
  /** "all": the whole province. */
  unit: z.union([z.literal('all'), integer(1)], { message: 'common.validation.choice' }),
  year: integer(2000, 2100),
  decision: requiredText(500),
  confirm: checkbox().refine((v) => v, 'yearClosing.errors.confirm'),
});

export const reopenInput = z.object({ lockVersion: integer(0), reason: requiredText(2000) });

export const decisionInput = z.object({ note: optionalText(2000) });
export const rejectInput = z.object({ note: requiredText(2000) });

export const correctionListQuery = z.object({
  status: z.enum(CORRECTION_STATUSES).optional().catch(undefined),
  /** One course's requests (the course page links here). */
  course: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

const endNotBeforeStart = (v: { startDate?: string; endDate?: string }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;
const dateOrder = { path: ['endDate'], message: 'courses.errors.endBeforeStart' };

// --- The forms ---

export const courseCorrectionInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('update'),
      lockVersion: integer(0),
      name: requiredText(255),
      startDate: dateField(),
      endDate: dateField(),
      place: optionalText(255),
      capacity: integer(1, 500),
      note: optionalText(2000),
      reason: requiredText(2000),
    })
    .refine(endNotBeforeStart, dateOrder),
  z.object({ kind: z.literal('cancel'), lockVersion: integer(0), cancelReason: requiredText(1000), reason: requiredText(2000) }),
]);

const oneDecimal = (v: number | undefined) => v === undefined || Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;

export const enrollmentCorrectionInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('update'),
    lockVersion: integer(0),
    /** A percentage on screen. */
    attendance: optionalDecimal(0, 100),
    score: optionalDecimal(0, 10).refine(oneDecimal, 'enrollments.errors.scoreDecimals'),
    sendingOrg: optionalText(255),
    reason: requiredText(2000),
  }),
  z.object({ kind: z.literal('withdraw'), lockVersion: integer(0), withdrawReason: requiredText(1000), reason: requiredText(2000) }),
]);

// --- The stored payloads (`changes`), as the services take them ---

const nullableText = (max: number) => z.string().max(max).nullable();

export const coursePayload = z
  .object({
    name: requiredText(255),
    startDate: dateField(),
    endDate: dateField(),
    place: nullableText(255),
    capacity: integer(1, 500),
    note: nullableText(2000),
  })
  .partial()
  .strict();

export const cancelPayload = z.object({ cancelReason: requiredText(1000) }).strict();

export const enrollmentPayload = z
  .object({
    attendance: z.number().min(0).max(1).nullable(),
    score: z.number().min(0).max(10).refine((v) => oneDecimal(v), 'enrollments.errors.scoreDecimals').nullable(),
    sendingOrg: nullableText(255),
  })
  .partial()
  .strict();

export const withdrawPayload = z.object({ withdrawReason: requiredText(1000) }).strict();

export type CoursePayload = z.output<typeof coursePayload>;
export type EnrollmentPayload = z.output<typeof enrollmentPayload>;
