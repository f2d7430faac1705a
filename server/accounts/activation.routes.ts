// The public activation page. Throttled like sign-in (per citizen ID and per address); the citizen ID and
// the code travel in the POST body only, never in a URL.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { issueCsrfToken } from '../auth/csrf.js';
import { loginThrottles } from '../auth/throttle.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { isWellFormedCode, normalizeCode } from './activation-code.js';
import { accountsContext } from './accounts.service.js';
import { activateAccount } from './activation.service.js';

const activationInput = z
  .object({
    nationalId: z.preprocess((v) => (typeof v === 'string' ? v.replace(/[\s.]/g, '') : v), z.string().regex(/^\d{12}$/, 'accounts.activate.nationalIdRule')),
    code: z.preprocess((v) => (typeof v === 'string' ? normalizeCode(v) : v), z.string().refine(isWellFormedCode, 'accounts.activate.codeRule')),
    password: z.string().min(8, 'auth.account.passwordRule').max(200),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'auth.account.mismatch' });

const logIn = (req: Request, actor: Actor) => new Promise<void>((resolve, reject) => req.logIn(actor, (err) => (err ? reject(err) : resolve())));

export function activationRoutes({ config, sequelize }: PageDeps): Router {
  const router = Router();
  const ctx = accountsContext(config, sequelize);
  const form = withForm('accounts/activate', (req) => ({ title: t(req.locale, 'accounts.activate.title') }));

  router.get('/activate', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('accounts/activate', { title: t(req.locale, 'accounts.activate.title'), values: {} });
  });

  router.post('/activate', form, ...loginThrottles(config, 'nationalId'), async (req, res) => {
    const input = parse(activationInput, req.body, req);
    const actor = await activateAccount(ctx, input, String(req.id));
    const locale = req.session.locale;
    // A new session id for the newly signed-in trainee (passport regenerates it), and a fresh CSRF token.
    await logIn(req, actor);
    if (locale) req.session.locale = locale;
    issueCsrfToken(req, true);
    flash(req, 'success', t(req.locale, 'accounts.activate.done', { username: actor.username }));
    res.redirect(303, '/me');
  });

  return router;
}
