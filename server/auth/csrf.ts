// CSRF: a synchroniser token kept in the session, sent back by every form as _csrf (or by scripts in the
// X-CSRF-Token header). Bearer-token API calls carry no cookie and need none.
import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { AppError } from '../http/errors.js';
import { isExpiredSessionPost, toSignInKeepingInput } from '../http/session-expired.js';

const { generateToken, isRequestValid } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const fromHeader = req.headers['x-csrf-token'];
    return typeof fromHeader === 'string' ? fromHeader : undefined;
  },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function issueCsrfToken(req: Request, overwrite = false): string {
  return generateToken(req, overwrite);
}

export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || isRequestValid(req)) return next();
  // The session ended while the form was open (its token went with it): sign in again, the input is kept.
  if (isExpiredSessionPost(req)) return toSignInKeepingInput(req, res, 403, generateToken(req));
  next(new AppError('forbidden', 'common.errors.csrf'));
}
