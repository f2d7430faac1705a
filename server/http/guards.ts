import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../users/user.model.js';
import { AppError } from './errors.js';
import { isApiRequest } from './error-handler.js';
import { isExpiredSessionPost, toSignInKeepingInput } from './session-expired.js';

/** Pages send an anonymous visitor to the sign-in page and back; the API answers 401. */
export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (isExpiredSessionPost(req)) return toSignInKeepingInput(req, res, 401, String(res.locals.csrfToken ?? ''));
  if (isApiRequest(req) || req.method !== 'GET') return next(new AppError('unauthenticated', 'common.errors.unauthenticated'));
  if (req.session) req.session.returnTo = req.originalUrl;
  res.redirect(303, '/login');
}

export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.user) return requireAuth(req, res, next);
    if (!roles.includes(req.user.role)) return next(new AppError('forbidden', 'common.errors.forbidden'));
    next();
  };
}

/** The signed-in actor, for routes behind requireAuth/requireRole. */
export function actorOf(req: Request): Express.User {
  if (!req.user) throw new AppError('unauthenticated', 'common.errors.unauthenticated');
  return req.user;
}
