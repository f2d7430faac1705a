// Sign-in throttling, per username and per address: failed attempts count, a success clears nothing but
// is not counted. Limits live in memory, per process.
import type { NextFunction, Request, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';
import { normalizeUsername } from '../users/users.service.js';

export function loginThrottles(config: Config, field = 'username') {
  const windowMs = config.loginLimit.windowMs;
  const minutes = Math.ceil(windowMs / 60_000);
  const common: Partial<Options> = {
    windowMs,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req: Request, _res: Response, next: NextFunction) => next(new AppError('too_many', 'common.errors.tooMany', { params: { minutes } })),
  };
  const perIp = rateLimit({ ...common, limit: config.loginLimit.perIp, identifier: 'login-ip' });
  const perUsername = rateLimit({
    ...common,
    limit: config.loginLimit.perUsername,
    identifier: 'login-username',
    keyGenerator: (req) => {
      const value = (req.body as Record<string, unknown> | undefined)?.[field];
      return `u:${typeof value === 'string' ? normalizeUsername(value).slice(0, 64) : ''}`;
    },
  });
  return [perIp, perUsername];
}
