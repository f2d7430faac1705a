// GET /api/v1/certificates: the register the page shows (a unit, a year), in the API's list style.
import { z } from 'zod';
import { apiPage, pageJson } from '../http/pagination.js';
import { CERTIFICATE_STATUSES } from './certificate.model.js';
import type { RegisterRow } from './register.queries.js';

const code = z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).optional());

export const apiRegisterQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2999).optional().describe('The year of issue; default this year'),
  unitCode: code.describe('The issuing unit: the board names it; a center always reads its own'),
  programCode: code,
  page: apiPage(),
});

const registerRowJson = z.object({
  id: z.number().int(),
  number: z.string(),
  issuedOn: z.string().describe('YYYY-MM-DD'),
  decisionNumber: z.string().nullable(),
  status: z.enum(CERTIFICATE_STATUSES),
  traineeName: z.string(),
  courseId: z.number().int(),
  courseName: z.string(),
  programCode: z.string(),
  programName: z.string(),
});

export const registerJson = z.object({
  unit: z.object({ code: z.string(), name: z.string() }).nullable().describe('null while the board has named no unit (then the list is empty)'),
  year: z.number().int(),
  valid: z.number().int().describe('Valid certificates of the unit and year (over all pages)'),
  certificates: z.array(registerRowJson),
  ...pageJson,
});

export const toRegisterJson = (r: RegisterRow): z.output<typeof registerRowJson> => ({
  id: r.id,
  number: r.number,
  issuedOn: r.issuedOn,
  decisionNumber: r.decisionNumber,
  status: r.status,
  traineeName: r.traineeName,
  courseId: r.courseId,
  courseName: r.courseName,
  programCode: r.programCode,
  programName: r.programName,
});
