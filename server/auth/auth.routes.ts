import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Passport } from 'passport';
import { z } from 'zod';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';
import { optionalText, requiredText } from '../http/fields.js';
import { flash, safeReturnPath } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireAuth } from '../http/guards.js';
import { rememberLocale } from '../http/locale.js';
import { parse } from '../http/validate.js';
import { LOCALES, t } from '../i18n/index.js';
import { changeOwnPassword, ownEmail, setLocale, setOwnEmail } from '../users/users.service.js';
import type { Actor } from './actor.js';
import { issueCsrfToken } from './csrf.js';
import { loginThrottles } from './throttle.js';
import { createToken, listTokens, liveTokenCount, revokeToken } from './tokens.js';

const loginInput = z.object({ username: requiredText(64), password: z.string().min(1, 'common.validation.required').max(200) });
const passwordInput = z
  .object({
    currentPassword: z.string().min(1, 'common.validation.required'),
    newPassword: z.string().min(8, 'auth.account.passwordRule').max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'auth.account.mismatch' });
const passwordChangedMessage = (ended: number) =>
  ended === 0 ? 'auth.account.passwordChangedAlone' : ended === 1 ? 'auth.account.passwordChangedOne' : 'auth.account.passwordChanged';
const tokenInput = z.object({ name: requiredText(100) });
const emailInput = z.object({ email: optionalText(150).pipe(z.email({ message: 'auth.account.emailInvalid' }).optional()) });
const localeInput = z.object({ locale: z.enum(LOCALES), returnTo: z.string().optional() });

export function authRoutes(config: Config, passport: InstanceType<typeof Passport>): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/login', { title: t(req.locale, 'auth.login.title'), values: {} });
  });

  router.post('/login', withForm('auth/login'), ...loginThrottles(config), (req: Request, res: Response, next: NextFunction) => {
    parse(loginInput, req.body, req);
    passport.authenticate('local', (err: unknown, actor: Actor | false) => {
      if (err) return next(err);
      if (!actor) return next(new AppError('unauthenticated', 'auth.login.failed'));
      const returnTo = safeReturnPath(req.session.returnTo);
      const locale = actor.locale ?? req.session.locale;
      // passport 0.7 regenerates the session here: a new id, so a fixed session id is worthless.
      req.logIn(actor, (loginErr) => {
        if (loginErr) return next(loginErr);
        if (locale) {
          req.session.locale = locale;
          rememberLocale(req, res, locale);
        }
        issueCsrfToken(req, true);
        flash(req, 'success', t(locale ?? req.locale, 'auth.login.welcome'));
        res.redirect(303, returnTo);
      });
    })(req, res, next);
  });

  router.post('/logout', (req, res, next) => {
    const locale = req.session.locale;
    req.logOut((err) => {
      if (err) return next(err);
      if (locale) req.session.locale = locale;
      flash(req, 'info', t(req.locale, 'auth.login.signedOut'));
      res.redirect(303, '/login');
    });
  });

  router.post('/lang', async (req, res) => {
    const { locale, returnTo } = parse(localeInput, req.body, req);
    req.session.locale = locale;
    rememberLocale(req, res, locale);
    if (req.user) await setLocale(req.user, locale);
    res.redirect(303, safeReturnPath(returnTo));
  });

  // The "stay signed in" button of the session warning: any signed-in request restarts the rolling idle time.
  router.post('/session/keep-alive', requireAuth, (req, res) => {
    res.json({ remainingMs: req.session.cookie.maxAge });
  });

  const accountPage = async (req: Request) => ({
    title: t(req.locale, 'auth.account.title'),
    tokens: await listTokens(actorOf(req).id),
    email: await ownEmail(actorOf(req)),
    mailEnabled: config.mail !== null,
  });

  router.get('/account', requireAuth, async (req, res) => {
    res.render('auth/account', { ...(await accountPage(req)), values: {} });
  });

  const accountForm = withForm('auth/account', accountPage);

  router.post('/account/email', requireAuth, accountForm, async (req, res) => {
    const { email } = parse(emailInput, req.body, req);
    await setOwnEmail(actorOf(req), email ?? null);
    flash(req, 'success', t(req.locale, email ? 'auth.account.emailSaved' : 'auth.account.emailCleared'));
    res.redirect(303, '/account');
  });

  router.post('/account/password', requireAuth, accountForm, async (req, res) => {
    const input = parse(passwordInput, req.body, req);
    const actor = actorOf(req);
    const { sessionsEnded } = await changeOwnPassword(actor, { current: input.currentPassword, next: input.newPassword, sessionId: req.sessionID }, config.scryptLogN);
    flash(req, 'success', t(req.locale, passwordChangedMessage(sessionsEnded), { count: sessionsEnded }));
    const keptTokens = await liveTokenCount(actor.id);
    if (keptTokens > 0) flash(req, 'info', t(req.locale, 'auth.account.tokensKept', { count: keptTokens }));
    res.redirect(303, '/account');
  });

  router.post('/account/tokens', requireAuth, accountForm, async (req, res) => {
    const { name } = parse(tokenInput, req.body, req);
    const { token } = await createToken(actorOf(req).id, name);
    // Shown once, on this response only: never stored in the session or put in a URL.
    res.status(201).render('auth/account', {
      ...(await accountPage(req)),
      newToken: token,
      values: {},
    });
  });

  router.post('/account/tokens/:id/revoke', requireAuth, async (req, res) => {
    await revokeToken(actorOf(req).id, Number(req.params.id));
    flash(req, 'success', t(req.locale, 'auth.account.tokenRevoked'));
    res.redirect(303, '/account');
  });

  return router;
}
