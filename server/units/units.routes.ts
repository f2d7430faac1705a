// Unit pages: the list of units, a unit's details and history, and its signer block (certificates and reports
// print it). The board sees and edits every unit; a center only its own.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../routes.js';
import { signerInput } from './units.schema.js';
import { listUnits, unitEvents, unitForActor, updateSigner } from './units.service.js';

/** From the path, or from what `inScope` kept when the error handler redraws the form (req.params is empty there). */
const unitId = (req: Request, res?: Response) => (res?.locals.unitId as number | undefined) ?? parse(idParam, req.params.id, req);

/** Another unit is not found, before its form could be redrawn with a validation error. */
const inScope = async (req: Request, res: Response, next: NextFunction) => {
  res.locals.unitId = unitId(req);
  await unitForActor(actorOf(req), res.locals.unitId as number);
  next();
};

async function editContext(req: Request, res: Response) {
  const unit = await unitForActor(actorOf(req), unitId(req, res));
  return {
    title: t(req.locale, 'units.editSigner'),
    unit,
    values: { signerName: unit.signerName ?? '', signerTitle: unit.signerTitle ?? '', signerAuthority: unit.signerAuthority ?? '', lockVersion: unit.lockVersion },
  };
}

export function unitRoutes(_deps: PageDeps): Router {
  const router = Router();
  router.use('/units', requireRole('admin', 'center'));

  router.get('/units', async (req, res) => {
    const actor = actorOf(req);
    const units = (await listUnits()).map((u) => ({ ...u, canOpen: actor.role === 'admin' || actor.unitId === u.id }));
    res.render('units/index', { title: t(req.locale, 'units.title'), units });
  });

  router.get('/units/:id', async (req, res) => {
    const unit = await unitForActor(actorOf(req), unitId(req));
    res.render('units/show', { title: unit.name, unit, events: await unitEvents(unit.id), history: await historyOf('unit', unit.id) });
  });

  router.get('/units/:id/edit', async (req, res) => {
    res.render('units/edit', await editContext(req, res));
  });

  router.post('/units/:id', inScope, withForm('units/edit', editContext), async (req, res) => {
    const id = unitId(req);
    const input = parse(signerInput, req.body, req);
    await updateSigner(actorOf(req), id, input);
    flash(req, 'success', t(req.locale, 'units.saved'));
    res.redirect(303, `/units/${id}`);
  });

  return router;
}
