// Admin pages: list, create, disable and re-enable accounts, reset passwords, revoke API tokens.
import { Router } from 'express';
import { z } from 'zod';
import { listTokens, revokeToken } from '../auth/tokens.js';
import type { Config } from '../config.js';
import { idParam, optionalInteger, optionalText, requiredText } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { ROLES } from './user.model.js';
import { createUser, getUser, listUnitsForSelect, listUsers, resetPassword, setDisabled } from './users.service.js';

export const usernameField = () =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.string().regex(/^[a-z0-9._-]{3,64}$/, 'users.usernameRule'));

const newUserInput = z.object({
  username: usernameField(),
  fullName: requiredText(150),
  email: optionalText(150).pipe(z.email().optional()),
  role: z.enum(ROLES),
  unitId: optionalInteger(1),
  traineeId: optionalInteger(1),
  password: z.string().min(8, 'auth.account.passwordRule').max(200),
});
const passwordInput = z.object({ password: z.string().min(8, 'auth.account.passwordRule').max(200) });
const listQuery = z.object({ role: z.enum(ROLES).optional().catch(undefined), q: optionalText(64) });

export function userRoutes(config: Config): Router {
  const router = Router();
  router.use('/users', requireRole('admin'));

  const formContext = async (req: Express.Request) => ({ title: t(req.locale, 'users.newUser'), units: await listUnitsForSelect(), roles: ROLES });

  router.get('/users', async (req, res) => {
    const filter = parse(listQuery, req.query, req);
    res.render('users/index', { title: t(req.locale, 'users.title'), users: await listUsers(filter), filter, roles: ROLES });
  });

  router.get('/users/new', async (req, res) => {
    res.render('users/new', { ...(await formContext(req)), values: { role: 'center' } });
  });

  router.post('/users', withForm('users/new', formContext), async (req, res) => {
    const input = parse(newUserInput, req.body, req);
    const user = await createUser(input, config.scryptLogN);
    flash(req, 'success', t(req.locale, 'users.created', { username: user.username }));
    res.redirect(303, `/users/${user.id}`);
  });

  router.get('/users/:id', async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const user = await getUser(id);
    res.render('users/show', { title: user.username, account: user, tokens: await listTokens(id), values: {} });
  });

  router.post('/users/:id/disable', async (req, res) => {
    await setDisabled(parse(idParam, req.params.id, req), true, actorOf(req));
    flash(req, 'success', t(req.locale, 'users.disabledDone'));
    res.redirect(303, `/users/${req.params.id}`);
  });

  router.post('/users/:id/enable', async (req, res) => {
    await setDisabled(parse(idParam, req.params.id, req), false, actorOf(req));
    flash(req, 'success', t(req.locale, 'users.enabledDone'));
    res.redirect(303, `/users/${req.params.id}`);
  });

  router.post(
    '/users/:id/password',
    withForm('users/show', async (req) => {
      const id = Number(req.params.id);
      const user = await getUser(id);
      return { title: user.username, account: user, tokens: await listTokens(id) };
    }),
    async (req, res) => {
      const id = parse(idParam, req.params.id, req);
      const { password } = parse(passwordInput, req.body, req);
      await resetPassword(id, password, config.scryptLogN);
      flash(req, 'success', t(req.locale, 'users.passwordReset'));
      res.redirect(303, `/users/${id}`);
    },
  );

  router.post('/users/:id/tokens/:tokenId/revoke', async (req, res) => {
    await revokeToken(parse(idParam, req.params.id, req), parse(idParam, req.params.tokenId, req));
    flash(req, 'success', t(req.locale, 'auth.account.tokenRevoked'));
    res.redirect(303, `/users/${req.params.id}`);
  });

  return router;
}
