// The one place where errors become responses: a table maps every error to an AppError kind, and the
// kind to a status, a JSON body on /api, a redrawn form, or a Vietnamese error page.
import type { NextFunction, Request, Response } from 'express';
import { MulterError } from 'multer';
import {
  ConnectionError,
  DatabaseError,
  ForeignKeyConstraintError,
  TimeoutError,
  UniqueConstraintError,
  ValidationError,
} from 'sequelize';
import { t, type Locale } from '../i18n/index.js';
import { AppError, type ErrorKind } from './errors.js';
import type { FormSpec } from './forms.js';
import { submittedValues } from './forms.js';
import type { Logger } from './logger.js';

/** Driver error codes that mean "the database cannot be reached right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
]);

const HTTP_KINDS: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'invalid',
  422: 'invalid',
  429: 'too_many',
  503: 'unavailable',
};

function driverCode(err: unknown): string | undefined {
  const e = err as { code?: string; parent?: { code?: string }; original?: { code?: string } };
  return e.parent?.code ?? e.original?.code ?? e.code;
}

/** The mapping table. Anything not recognised stays unmapped and becomes a 500. */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof UniqueConstraintError) {
    const fields = Object.fromEntries(Object.keys(err.fields ?? {}).map((f) => [camel(f), 'common.errors.conflict']));
    return new AppError('conflict', 'common.errors.conflict', { fields, cause: err });
  }
  if (err instanceof ForeignKeyConstraintError) return new AppError('conflict', 'common.errors.conflict', { cause: err });
  if (err instanceof ValidationError) {
    const fields = Object.fromEntries(err.errors.map((e) => [e.path ?? '_', 'common.validation.invalid']));
    return new AppError('invalid', 'common.errors.invalid', { fields, cause: err });
  }
  if (err instanceof ConnectionError || err instanceof TimeoutError) return new AppError('unavailable', 'common.errors.unavailable', { cause: err });
  const code = driverCode(err);
  if ((err instanceof DatabaseError || err instanceof Error) && code && UNAVAILABLE_CODES.has(code)) {
    return new AppError('unavailable', 'common.errors.unavailable', { cause: err });
  }
  if (err instanceof MulterError) {
    return err.code === 'LIMIT_FILE_SIZE'
      ? new AppError('too_large', 'common.errors.tooLarge', { cause: err })
      : new AppError('invalid', 'common.errors.invalid', { fields: { [err.field ?? 'file']: 'common.validation.invalid' }, cause: err });
  }
  const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && HTTP_KINDS[status]) {
    const kind = HTTP_KINDS[status]!;
    const message = kind === 'too_large' ? 'common.errors.tooLarge' : kind === 'invalid' ? 'common.errors.invalid' : `common.errors.${camelKind(kind)}`;
    return new AppError(kind, message, { cause: err });
  }
  return null;
}

const camel = (s: string) => s.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
const camelKind = (k: ErrorKind) => ({ not_found: 'notFound', too_many: 'tooMany', too_large: 'tooLarge' } as Record<string, string>)[k] ?? camel(k);

const TITLES: Partial<Record<ErrorKind, string>> = {
  not_found: 'common.errors.notFoundTitle',
  forbidden: 'common.errors.forbiddenTitle',
  unavailable: 'common.errors.unavailableTitle',
};

export const RETRY_AFTER_SECONDS = 30;

/** A driver's message may quote a value ("Duplicate entry '033190…'"): long digit runs never reach the log. */
export function scrub(text: string | undefined): string | undefined {
  return text?.replace(/\d{9,}/g, (digits) => `${digits.slice(0, 2)}…`);
}

/** Errors shown on the form itself rather than on an error page. */
const FORM_KINDS = new Set<ErrorKind>(['invalid', 'conflict', 'too_many', 'unauthenticated', 'too_large']);

export function isApiRequest(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

export function errorHandler(logger: Logger, options: { showStack: boolean }) {
  const handle = async (err: unknown, req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    const status = appError?.status ?? 500;
    const locale: Locale = req.locale ?? 'vi';
    const requestId = String((req as { id?: unknown }).id ?? '');

    if (status >= 500) {
      const e = err as Error;
      // The message and stack only: never the request body, the SQL parameters or the user's data.
      logger.error({ reqId: requestId, kind: appError?.kind ?? 'internal', err: { type: e?.name, message: scrub(e?.message), stack: scrub(e?.stack) } }, 'request failed');
    }
    if (appError?.kind === 'unavailable') res.set('Retry-After', String(RETRY_AFTER_SECONDS));

    const message = appError ? t(locale, appError.message, appError.params) : t(locale, 'common.errors.internal');
    const fields = appError?.fields
      ? Object.fromEntries(Object.entries(appError.fields).map(([k, v]) => [k, t(locale, v, appError.params)]))
      : undefined;

    if (isApiRequest(req)) {
      res.status(status).json({
        error: {
          kind: appError?.kind ?? 'internal',
          message,
          ...(fields ? { fields } : {}),
          ...(appError?.details !== undefined ? { current: appError.details } : {}),
        },
      });
      return;
    }

    const formSpec = res.locals.formSpec as FormSpec | undefined;
    if (formSpec && appError && FORM_KINDS.has(appError.kind)) {
      try {
        req.params = formSpec.params;
        const context = formSpec.context ? await formSpec.context(req, res) : {};
        res.status(status).render(formSpec.view, {
          ...context,
          values: submittedValues(req),
          errors: fields ?? {},
          formError: message,
          current: appError.details,
        });
        return;
      } catch (renderError) {
        // The form's own record is out of reach (another unit's, or gone): that answer wins over the form's
        // error, so a bad form posted at someone else's record is a 404 like any other request for it.
        const reason = toAppError(renderError);
        if (reason && !FORM_KINDS.has(reason.kind)) {
          res.locals.formSpec = undefined;
          return handle(reason, req, res, next);
        }
        logger.error({ reqId: requestId, err: { message: scrub((renderError as Error).message) } }, 'form redraw failed');
      }
    }

    // A request that failed before the locale middleware ran (the session store unreachable: database down) still
    // gets a page in its language, not <html lang="">.
    res.locals.locale ??= locale;
    res.locals.otherLocale ??= locale === 'vi' ? 'en' : 'vi';
    res.status(status).render('errors/error', {
      title: t(locale, (appError ? TITLES[appError.kind] : undefined) ?? (status >= 500 ? 'common.errors.internalTitle' : 'common.errors.title')),
      message,
      status,
      requestId: status >= 500 ? requestId : null,
      stack: options.showStack && status >= 500 ? (err as Error)?.stack : null,
    });
  };
  return handle;
}
