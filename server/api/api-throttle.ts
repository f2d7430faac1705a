// API throttling, counted in memory per process, answering 429 with the API's JSON error and RateLimit headers:
// - so many requests per minute for each bearer token (keyed by a hash: the token itself is kept nowhere), or
//   per address for calls without one (a browser session's reads);
// - as many failed requests per minute per address, whatever the token: guessing tokens, each a new key for
//   the first counter, is throttled by this one. An office behind one address is not slowed by its successes.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';

const byAddress = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`;

export function apiThrottle(config: Config) {
  const common: Partial<Options> = {
    windowMs: 60_000,
    limit: config.apiLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req: Request, _res: Response, next: NextFunction) => next(new AppError('too_many', 'api.tooMany')),
  };
  const perClient = rateLimit({
    ...common,
    identifier: 'api',
    keyGenerator: (req: Request) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      return bearer ? `t:${createHash('sha256').update(bearer).digest('hex')}` : byAddress(req);
    },
  });
  const failuresPerAddress = rateLimit({ ...common, identifier: 'api-failures', skipSuccessfulRequests: true, keyGenerator: byAddress });
  return [failuresPerAddress, perClient];
}
