// Zod building blocks for form and API fields. HTML forms send every value as a string, and an empty
// input means "not given": these turn such strings into typed values, trimmed and NFC-normalised.
import { z } from 'zod';
import { cleanText } from '../lib/text.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// "Not a number" for input that is not one; a schema-wide `message` would also replace the range messages
// ("Giá trị phải từ 0 trở lên.") of the .min/.max checks that follow.
const notNumber = { error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'common.validation.notNumber' : undefined) };

export const requiredText = (max = 255) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v) : v),
    z.string({ message: 'common.validation.required' }).min(1, 'common.validation.required').max(max),
  );

export const optionalText = (max = 255) =>
  z.preprocess(
    (v) => (v === null ? undefined : typeof v === 'string' ? (cleanText(v) === '' ? undefined : cleanText(v)) : v),
    z.string().max(max).optional(),
  );

export const integer = (min = 0, max = 1_000_000) =>
  z.preprocess(blankToUndefined, z.coerce.number(notNumber).int('common.validation.notInteger').min(min).max(max));

export const optionalInteger = (min = 0, max = 1_000_000) =>
  z.preprocess(blankToUndefined, z.coerce.number(notNumber).int('common.validation.notInteger').min(min).max(max).optional());

/** Decimal input accepting a Vietnamese comma: "8,5" → 8.5. */
export const optionalDecimal = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v === null ? undefined : v),
    z.coerce.number(notNumber).min(min).max(max).optional(),
  );

/** True calendar date in 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Accepts 'dd/mm/yyyy' (as people type it) or ISO 'yyyy-mm-dd' (date inputs, the API); yields ISO. */
export function toIsoDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  return vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : v;
}

// `format: date` tells the OpenAPI document (generated from these schemas) that the value is a calendar day.
export const dateField = () =>
  z.preprocess(
    (v) => toIsoDate(blankToUndefined(v)),
    z.string({ message: 'common.validation.required' }).refine(isIsoDate, 'common.validation.notDate').meta({ format: 'date' }),
  );

export const optionalDate = () =>
  z.preprocess(
    (v) => toIsoDate(blankToUndefined(v === null ? undefined : v)),
    z.string().refine(isIsoDate, 'common.validation.notDate').meta({ format: 'date' }).optional(),
  );

export const idParam = z.coerce.number().int().positive();

/** A checkbox: present ("on", "true", "1") or absent. */
export const checkbox = () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());
