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

// ---- Unknown names. A zod object drops the keys it does not know, so a misspelt filter (`unit` for
// `unitCode`) or a field the API does not take (`birthDate`) would pass unnoticed. The API refuses them
// instead, by walking the input beside the schema it is validated with: no schema is rebuilt, so each
// schema keeps its own messages and refinements.

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/** The object shapes a value may take under this schema; null: any keys are fine (not an object, or loose). */
function shapesOf(schema: z.ZodType): Array<Record<string, z.ZodType>> | null {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return shapesOf(def.innerType!);
  if (def.type === 'lazy') return shapesOf(def.getter!());
  // z.preprocess(fn, schema) is a pipe from a transform: the schema that counts is its output side.
  if (def.type === 'pipe') return shapesOf(defOf(def.in!).type === 'transform' ? def.out! : def.in!);
  if (def.type === 'object') return def.catchall && defOf(def.catchall).type !== 'never' ? null : [def.shape!];
  if (def.type === 'union') {
    const all = def.options!.map(shapesOf);
    return all.some((s) => s === null) ? null : all.flat() as Array<Record<string, z.ZodType>>;
  }
  if (def.type === 'intersection') {
    const [l, r] = [shapesOf(def.left!), shapesOf(def.right!)];
    return l && r ? [Object.assign({}, ...l, ...r) as Record<string, z.ZodType>] : null;
  }
  return null;
}

function elementOf(schema: z.ZodType): z.ZodType | null {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return elementOf(def.innerType!);
  if (def.type === 'pipe') return elementOf(defOf(def.in!).type === 'transform' ? def.out! : def.in!);
  return def.type === 'array' ? def.element! : null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v);

/** The dotted names in `input` that `schema` (undefined: a route that takes nothing) does not know. */
export function unknownNames(schema: z.ZodType | undefined, input: unknown, prefix = ''): string[] {
  if (Array.isArray(input)) {
    const element = schema ? elementOf(schema) : null;
    return element ? input.flatMap((item, i) => unknownNames(element, item, `${prefix}${i}.`)) : [];
  }
  if (!isPlainObject(input)) return [];
  const shapes = schema ? shapesOf(schema) : [];
  if (shapes === null) return [];
  const names: string[] = [];
  for (const key of Object.keys(input)) {
    const known = shapes.find((shape) => Object.hasOwn(shape, key));
    if (!known) names.push(`${prefix}${key}`);
    else names.push(...unknownNames(known[key], input[key], `${prefix}${key}.`));
  }
  return names;
}

/** 400, with the one error type, naming every query parameter and body field the route does not take. */
export function refuseUnknown(names: { query: string[]; body: string[] }): void {
  const all = [...names.query, ...names.body];
  if (all.length === 0) return;
  throw new AppError('bad_request', 'common.validation.unknownNames', {
    params: { names: all.join(', ') },
    fields: Object.fromEntries(all.map((name) => [name, 'common.validation.unknownName'])),
  });
}
