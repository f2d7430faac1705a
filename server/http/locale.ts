import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LOCALE, isLocale } from '../i18n/index.js';

/** Vietnamese unless the visitor (session) or the account chose English. */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const chosen = req.session?.locale ?? req.user?.locale;
  req.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  res.locals.locale = req.locale;
  res.locals.otherLocale = req.locale === 'vi' ? 'en' : 'vi';
  next();
}
