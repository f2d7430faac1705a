// Enrollment input: the enroll form (an existing person, or a new one), a withdrawal, and the API's changes.
import { z } from 'zod';
import { checkbox, integer, optionalText, requiredText } from '../http/fields.js';
import { cleanText } from '../lib/text.js';
import { traineeApiFields, traineePageFields } from '../trainees/index.js';

export const enrollExistingInput = z.object({ traineeId: integer(1), sendingOrg: optionalText(255) });
export const enrollNewInput = z.object({ sendingOrg: optionalText(255), confirmNew: checkbox() }).and(traineePageFields);

export const enrollPageQuery = z.object({ q: z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().max(100).optional()) });

export const withdrawInput = z.object({ lockVersion: integer(0), reason: requiredText(1000) });

// --- API ---

export const apiEnrollInput = z
  .object({
    traineeId: z.number().int().positive().optional().describe('An existing trainee'),
    trainee: traineeApiFields.optional().describe('A person: reused when the citizen ID is on file, created otherwise'),
    sendingOrg: optionalText(255).describe('Đơn vị cử đi học'),
    confirmNew: z
      .boolean()
      .optional()
      .describe('A new person with the name and birth year of someone on file (and no citizen ID telling them apart) is refused with 409 unless this is true'),
  })
  .refine((v) => (v.traineeId === undefined) !== (v.trainee === undefined), { path: ['traineeId'], message: 'enrollments.errors.traineeOrId' });

const oneDecimal = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6;

export const apiEnrollmentPatch = z.object({
  lockVersion: z.number({ message: 'common.validation.required' }).int().min(0).describe('The version you read; a stale one answers 409'),
  attendance: z.number().min(0).max(1).nullable().optional().describe('Share of sessions attended, 0–1; null clears it'),
  score: z.number().min(0).max(10).refine(oneDecimal, 'enrollments.errors.scoreDecimals').nullable().optional().describe('0–10, one decimal; null clears it'),
  sendingOrg: z
    .preprocess((v) => (typeof v === 'string' ? (cleanText(v) === '' ? null : cleanText(v)) : v), z.string().max(255).nullable().optional())
    .describe('null or "" clears it'),
  withdraw: z.object({ reason: requiredText(1000) }).optional().describe('Record a withdrawal, with a reason'),
});
