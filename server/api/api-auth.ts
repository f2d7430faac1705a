// API authentication: "Authorization: Bearer <token>". A browser session may also read (GET) the API, for
// the pages' own charts; it may not write through it, so the API needs no CSRF token.
import type { NextFunction, Request, Response } from 'express';
import { actorForToken } from '../auth/tokens.js';
import { AppError } from '../http/errors.js';
import { isLocale } from '../i18n/index.js';

export async function apiAuth(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const actor = match ? await actorForToken(match[1]!) : null;
    if (!actor) return next(new AppError('unauthenticated', 'api.badToken'));
    req.user = { ...actor, requestId: String(req.id) };
    // The locale was chosen before the token was read: a token speaks its account's language, as a session does.
    if (isLocale(actor.locale)) req.locale = actor.locale;
    return next();
  }
  if (req.user && (req.method === 'GET' || req.method === 'HEAD')) return next();
  // A cookie session does not authorise writes through the API: those need a token.
  req.user = undefined;
  next(new AppError('unauthenticated', 'api.tokenRequired'));
}
