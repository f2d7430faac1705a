// One error type for the whole app. Services throw meaning; the error handler maps it to a status once.
// `message` and the values of `fields` are message-catalog keys (or plain text), translated at the edge.
export type ErrorKind =
  | 'bad_request'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'too_many'
  | 'too_large'
  | 'unavailable';

export const STATUS: Record<ErrorKind, number> = {
  // A request the API does not understand at all (an unknown parameter or field), before any value is looked at.
  bad_request: 400,
  not_found: 404,
  invalid: 422,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  too_many: 429,
  too_large: 413,
  unavailable: 503,
};

export type MessageParams = Record<string, string | number>;

export interface AppErrorOptions {
  /** Values interpolated into the message, which is a catalog key (see server/i18n). */
  params?: MessageParams;
  /** Field name → message, shown next to each field in forms and returned as `fields` by the API. */
  fields?: Record<string, string>;
  /** Extra data for the client, e.g. the current values of a record on a version conflict. */
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly fields?: Record<string, string>;
  readonly details?: unknown;
  readonly params?: MessageParams;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.fields = options.fields;
    this.details = options.details;
    this.params = options.params;
  }

  get status(): number {
    return STATUS[this.kind];
  }
}

export const notFound = (message = 'errors.notFound') => new AppError('not_found', message);
export const invalid = (message: string, fields?: Record<string, string>) => new AppError('invalid', message, { fields });
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, { details });
export const forbidden = (message = 'errors.forbidden') => new AppError('forbidden', message);
