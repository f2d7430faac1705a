// Input of the urging pages, validated at the edge.
import { z } from 'zod';
import { dateField, optionalDate, optionalInteger, optionalText, requiredText } from '../http/fields.js';
import { tidyParagraphs } from '../issued-reports/issued-reports.schema.js';

const year = z.coerce.number().int().min(2000).max(2200);

/** GET /urgings/new?year=&asOf=&date=&docType= */
export const urgingPageQuery = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), year.optional()),
  asOf: optionalDate(),
  date: optionalDate(),
  docType: z.enum(['TB', 'CV']).default('TB'),
});

const unitCodes = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(/^[A-Za-z0-9_-]{1,20}$/)).max(200),
);

/** POST /urgings/new */
export const urgingForm = z.object({
  year,
  asOf: optionalDate(),
  date: optionalDate(),
  deadline: dateField(),
  docType: z.enum(['TB', 'CV']),
  subject: requiredText(500),
  text: z.preprocess((v) => (typeof v === 'string' ? tidyParagraphs(v) || undefined : undefined), z.string().max(5000).optional()),
  number: optionalInteger(1, 1_000_000),
  units: unitCodes,
  intent: z.enum(['preview', 'issue']).default('issue'),
});

/** POST /urgings/:id/acknowledge */
export const acknowledgeForm = z.object({ note: optionalText(1000) });
