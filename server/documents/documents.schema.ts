// The query a printed document accepts: the number the clerk gives it and its date. Both are optional: a
// blank number leaves "Số      -BC/…" to be written by hand, and the date defaults to today in Vietnam.
import { z } from 'zod';
import { optionalDate, optionalText } from '../http/fields.js';
import { todayInVietnam } from '../lib/format.js';

export const documentQuery = z.object({
  number: optionalText(20).pipe(z.string().regex(/^[\p{L}\p{N}.]+$/u, 'common.validation.invalid').optional()),
  date: optionalDate(),
});

export interface DocumentQuery {
  number: string | null;
  date: string;
}

export function documentDefaults(input: z.output<typeof documentQuery>, now: Date = new Date()): DocumentQuery {
  return { number: input.number ?? null, date: input.date ?? todayInVietnam(now) };
}
