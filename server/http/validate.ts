// Validation at the edge: a zod schema turns request input into typed data, or into an AppError whose
// field messages are already in the reader's language.
import type { Request } from 'express';
import type { z } from 'zod';
import { hasMessage, t, type Locale } from '../i18n/index.js';
import { AppError } from './errors.js';

type Issue = z.core.$ZodIssue;

function messageFor(issue: Issue, locale: Locale): string {
  if (hasMessage(issue.message)) return t(locale, issue.message, issue as unknown as Record<string, unknown>);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return t(locale, 'common.validation.required');
      if (issue.expected === 'number' || issue.expected === 'int') return t(locale, 'common.validation.notNumber');
      if (issue.expected === 'date') return t(locale, 'common.validation.notDate');
      return t(locale, 'common.validation.invalid');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t(locale, 'common.validation.required') : t(locale, 'common.validation.tooShort', { min: Number(issue.minimum) });
      }
      return t(locale, 'common.validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t(locale, 'common.validation.tooLong', { max: Number(issue.maximum) });
      return t(locale, 'common.validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_value':
      return t(locale, 'common.validation.choice');
    case 'invalid_format':
      return issue.format === 'email' ? t(locale, 'common.validation.email') : t(locale, 'common.validation.invalid');
    case 'unrecognized_keys':
      return t(locale, 'common.validation.unknownField', { field: issue.keys.join(', ') });
    default:
      return t(locale, 'common.validation.invalid');
  }
}

export function fieldErrors(error: z.ZodError, locale: Locale): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys[0]! : issue.path.join('.') || '_';
    fields[key] ??= messageFor(issue, locale);
  }
  return fields;
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('invalid', 'common.errors.invalid', { fields: fieldErrors(result.error, locale) });
}

/** parse(schema, req.body, req): the common case in routes. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, req: Request): z.output<S> {
  return parseWith(schema, input, req.locale);
}
