// The public verification pages, opened from a certificate's QR code or typed by a Party cell. Mounted
// before the session: an anonymous look-up creates no session row and needs no CSRF token (it changes
// nothing and reveals only what the printed certificate shows). Rate-limited per address; not indexed.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Config } from '../config.js';
import { publicFormBody } from '../http/body.js';
import { cookieLocale, rememberLocale } from '../http/locale.js';
import { textOnlyQuery } from '../http/text-only.js';
import { fieldErrors } from '../http/validate.js';
import { isLocale, t, type Locale } from '../i18n/index.js';
import { formatDateTime } from '../lib/format.js';
import { verifyByCode, verifyByNumber, type VerifiedCertificate } from './verify.service.js';

const lookupInput = z.object({
  number: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ message: 'common.validation.required' }).min(1, 'common.validation.required').max(50)),
  birthYear: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().regex(/^\d{4}$/, 'verify.birthYearRule').transform(Number)),
  lang: z.string().optional(),
});

/** The language asked for in the link or form, else the one chosen elsewhere in the app (its cookie). */
function localeOf(req: Request): Locale {
  const wanted = (req.query.lang as unknown) ?? (req.body as Record<string, unknown> | undefined)?.lang;
  return isLocale(wanted) ? wanted : (cookieLocale(req) ?? 'vi');
}

function publicHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({ 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'no-store' });
  next();
}

interface PageOptions {
  status: number;
  result?: VerifiedCertificate | null;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  /** Where the language link leads (the same look-up, or the empty form after a POST). */
  path: string;
}

function render(req: Request, res: Response, options: PageOptions): void {
  const locale = localeOf(req);
  // A language picked here (the link carries ?lang=) is remembered for the rest of the app, as a switch there is here.
  if (isLocale(req.query.lang) && req.query.lang !== cookieLocale(req)) rememberLocale(req, res, req.query.lang);
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  res.status(options.status).render('verify/page', {
    layout: 'public',
    locale,
    otherLocale: other,
    langHref: `${options.path}?lang=${other}`,
    title: t(locale, options.result ? `verify.statusTitle.${options.result.status}` : 'verify.title'),
    result: options.result ?? null,
    notFound: options.result === null,
    checkedAt: options.result ? formatDateTime(new Date()) : null,
    values: options.values ?? {},
    errors: options.errors ?? {},
    formLang: locale === 'vi' ? null : locale,
  });
}

export function verifyRoutes(config: Config): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.verifyLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'verify-ip',
    handler: (req, res) => {
      const locale = localeOf(req);
      res.status(429).render('verify/too-many', { layout: 'public', locale, otherLocale: locale === 'vi' ? 'en' : 'vi', langHref: '/verify', title: t(locale, 'verify.tooManyTitle') });
    },
  });
  router.use('/verify', publicHeaders, textOnlyQuery);

  router.get('/verify', (req, res) => render(req, res, { status: 200, path: '/verify' }));

  router.post('/verify', limiter, ...publicFormBody, async (req, res) => {
    const parsed = lookupInput.safeParse(req.body ?? {});
    const values = { number: (req.body as Record<string, unknown>)?.number, birthYear: (req.body as Record<string, unknown>)?.birthYear };
    if (!parsed.success) return render(req, res, { status: 422, values, errors: fieldErrors(parsed.error, localeOf(req)), path: '/verify' });
    const result = await verifyByNumber(parsed.data.number, parsed.data.birthYear);
    render(req, res, { status: result ? 200 : 404, result, values, path: '/verify' });
  });

  router.get('/verify/:code', limiter, async (req, res) => {
    const code = String(req.params.code);
    const result = await verifyByCode(code);
    render(req, res, { status: result ? 200 : 404, result, path: `/verify/${encodeURIComponent(code)}` });
  });

  return router;
}
