// Survey input, validated at the edge: the board's open and close forms, a unit's answer form (one field per
// program and category: `NTVD__dang-vien-moi`), the pages' queries.
import { z } from 'zod';
import { dateField, integer, optionalInteger, optionalText } from '../http/fields.js';
import { cellName, LEARNER_CATEGORIES, MAX_PEOPLE } from './categories.js';
import type { AnswerCell } from './answers.service.js';

export const surveyYear = () => integer(2000, 2300);
const version = () => integer(0, 1_000_000_000);

export const openForm = z.object({ year: surveyYear(), deadline: dateField(), note: optionalText(2000) });
export const closeForm = z.object({ lockVersion: version() });
export const answerQuery = z.object({ unit: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).optional().catch(undefined) });
export const uploadForm = z.object({ lockVersion: version() });

/** The answer form for the given program codes: blank cells are 0. */
export function answerForm(programCodes: string[]) {
  const shape: Record<string, z.ZodType> = { note: optionalText(2000), lockVersion: version() };
  for (const code of programCodes) for (const c of LEARNER_CATEGORIES) shape[cellName(code, c.code)] = optionalInteger(0, MAX_PEOPLE);
  return z.object(shape).transform((raw) => {
    const v = raw as Record<string, number | string | undefined>;
    const cells: AnswerCell[] = [];
    for (const code of programCodes) {
      for (const c of LEARNER_CATEGORIES) {
        const people = v[cellName(code, c.code)] as number | undefined;
        if (people) cells.push({ programCode: code, category: c.code, people });
      }
    }
    return { cells, note: (v.note as string | undefined) ?? null, lockVersion: v.lockVersion as number };
  });
}
