// Every query parameter and every form or API field passes one rule before any route reads it: no control
// characters (tab and line ends aside) and no broken surrogate pairs, in values or in names. A request that
// carries one is refused whole with a 422 naming the field, instead of reaching a query (where a NUL made
// SQLite fail with a 500) or a PDF or spreadsheet that cannot hold it.
import type { NextFunction, Request, Response } from 'express';
import { isText, withoutNonText } from '../lib/text.js';
import { AppError } from './errors.js';

/** The dotted path of the first string (value or key) that is not text, or null. Iterative: JSON may nest deep. */
export function firstNonText(input: unknown): string | null {
  const pending: Array<[unknown, string]> = [[input, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isText(value)) return path || '_';
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        const innerPath = path ? `${path}.${key}` : key;
        if (!isText(key)) return withoutNonText(innerPath) || '_';
        pending.push([inner, innerPath]);
      }
    }
  }
  return null;
}

function refuse(field: string): AppError {
  return new AppError('invalid', 'common.errors.notText', { fields: { [field]: 'common.validation.notText' } });
}

/** For req.query: mounted once in the app, ahead of every router that reads a query. */
export function textOnlyQuery(req: Request, _res: Response, next: NextFunction): void {
  const field = firstNonText(req.query);
  next(field === null ? undefined : refuse(field));
}

/** For req.body: runs right after each body parser (see body.ts). */
export function textOnlyBody(req: Request, _res: Response, next: NextFunction): void {
  const field = firstNonText(req.body);
  next(field === null ? undefined : refuse(field));
}
