// The visitor's language. It is kept in three places, read in this order:
// - a `lang` cookie, sent back with the very redirect that follows a switch, so the next page is in the new
//   language even if the browser follows the redirect before the session row is written, and readable on the
//   public /verify pages, which run without a session;
// - the session (set at sign-in from the account, and by every switch);
// - the account's saved choice.
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/index.js';

export const LOCALE_COOKIE = 'lang';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The locale in the request's `lang` cookie, if it holds one we speak. */
export function cookieLocale(req: Request): Locale | undefined {
  const match = /(?:^|;\s*)lang=([a-z]{2})(?:;|$)/.exec(req.headers.cookie ?? '');
  return match && isLocale(match[1]) ? match[1] : undefined;
}

/** Remembers a choice in the cookie (not secret: readable by no script, sent only to this site). */
export function rememberLocale(req: Request, res: Response, locale: Locale): void {
  res.cookie(LOCALE_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: ONE_YEAR_MS, path: '/' });
}

/** Vietnamese unless the visitor (cookie or session) or the account chose English. */
export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const chosen = cookieLocale(req) ?? req.session?.locale ?? req.user?.locale;
  req.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  res.locals.locale = req.locale;
  res.locals.otherLocale = req.locale === 'vi' ? 'en' : 'vi';
  next();
}
