// Unit pages: the list of units, a unit's details and timeline, its signer block (certificates and reports
// print it), and — for the board — new units and the changes decided for a unit (rename, merge, dissolve…).
// The board sees and edits every unit; a center only its own (and reads the units it took over).
import { Router, type NextFunction, type Request, type Response } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import type { PageDeps } from '../http/page-deps.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { formatDate, todayInVietnam } from '../lib/format.js';
import { correctUnitEvent, recordUnitEvent, withdrawUnitEvent } from './unit-events.service.js';
import { predecessorUnits, unitEvents } from './unit-timeline.js';
import { newUnitInput, signerInput, unitEventCorrection, unitEventInput, withdrawInput } from './units.schema.js';
import { createUnit, listUnits, unitForActor, updateSigner } from './units.service.js';
import { issuerLines } from './unit-labels.js';

/** From the path, or from what `inScope` kept when the error handler redraws the form (req.params is empty there). */
const unitId = (req: Request, res?: Response) => (res?.locals.unitId as number | undefined) ?? parse(idParam, req.params.id, req);
const eventId = (req: Request, res?: Response) => (res?.locals.eventId as number | undefined) ?? parse(idParam, req.params.eventId, req);

/** Another unit is not found, before its form could be redrawn with a validation error. */
const inScope = async (req: Request, res: Response, next: NextFunction) => {
  res.locals.unitId = unitId(req);
  if (req.params.eventId !== undefined) res.locals.eventId = eventId(req);
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

const EVENT_KINDS = ['rename', 'reclassify', 'transfer', 'merge', 'split', 'dissolve'] as const;

async function eventContext(req: Request, res: Response) {
  const unit = await unitForActor(actorOf(req), unitId(req, res));
  const today = todayInVietnam();
  const others = (await listUnits({ training: true, activeOn: today })).filter((u) => u.id !== unit.id);
  return {
    title: t(req.locale, 'units.recordEvent'),
    unit,
    kinds: EVENT_KINDS,
    others,
    values: { kind: 'rename', staffAction: 'move', successorIds: [] },
  };
}

async function correctionContext(req: Request, res: Response) {
  const unit = await unitForActor(actorOf(req), unitId(req, res));
  const event = (await unitEvents(unit.id)).find((e) => e.id === eventId(req, res));
  if (!event) throw new AppError('not_found', 'common.errors.notFound');
  return { title: t(req.locale, 'units.correctEvent'), unit, event, values: { ...event } };
}

const newUnitContext = (req: Request) => ({
  title: t(req.locale, 'units.newUnit'),
  values: { kind: 'committee', parentBody: 'TỈNH ỦY HƯNG YÊN', validFrom: todayInVietnam(), signerTitle: 'BÍ THƯ' },
});

export function unitRoutes(_deps: PageDeps): Router {
  const router = Router();
  router.use('/units', requireRole('admin', 'center'));

  router.get('/units', async (req, res) => {
    const actor = actorOf(req);
    const units = (await listUnits()).map((u) => ({ ...u, canOpen: actor.role === 'admin' || actor.unitId === u.id || (actor.inheritedUnitIds ?? []).includes(u.id) }));
    res.render('units/index', { title: t(req.locale, 'units.title'), units, canCreate: actor.role === 'admin' });
  });

  router.get('/units/new', requireRole('admin'), (req, res) => {
    res.render('units/new', newUnitContext(req));
  });

  router.post('/units', requireRole('admin'), withForm('units/new', newUnitContext), async (req, res) => {
    const unit = await createUnit(actorOf(req), parse(newUnitInput, req.body, req));
    flash(req, 'success', t(req.locale, 'units.created', { name: unit.name }));
    res.redirect(303, `/units/${unit.id}`);
  });

  router.get('/units/:id', async (req, res) => {
    const actor = actorOf(req);
    const unit = await unitForActor(actor, unitId(req));
    const events = (await unitEvents(unit.id)).map((e) => ({ ...e, lockedReason: e.lockedBy ? t(req.locale, e.lockedBy) : null }));
    res.render('units/show', {
      title: unit.name,
      unit,
      issuer: issuerLines(unit.parentBody, unit.headerName),
      events,
      predecessors: await predecessorUnits(unit.id),
      isBoard: actor.role === 'admin',
      endedOn: unit.validTo ? formatDate(unit.validTo) : null,
      history: await historyOf('unit', unit.id, req.locale),
    });
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

  router.get('/units/:id/events/new', requireRole('admin'), async (req, res) => {
    res.render('units/event-form', await eventContext(req, res));
  });

  router.post('/units/:id/events', requireRole('admin'), inScope, withForm('units/event-form', eventContext), async (req, res) => {
    const id = unitId(req);
    const input = parse(unitEventInput, req.body, req);
    await recordUnitEvent(actorOf(req), id, input);
    flash(req, 'success', t(req.locale, 'units.eventRecorded', { kind: t(req.locale, `units.eventKinds.${input.kind}`), date: formatDate(input.effectiveDate) }));
    res.redirect(303, `/units/${id}`);
  });

  router.get('/units/:id/events/:eventId/edit', requireRole('admin'), async (req, res) => {
    res.render('units/event-correct', await correctionContext(req, res));
  });

  router.post('/units/:id/events/:eventId', requireRole('admin'), inScope, withForm('units/event-correct', correctionContext), async (req, res) => {
    const id = unitId(req);
    await correctUnitEvent(actorOf(req), id, eventId(req), parse(unitEventCorrection, req.body, req));
    flash(req, 'success', t(req.locale, 'units.eventCorrected'));
    res.redirect(303, `/units/${id}`);
  });

  router.post('/units/:id/events/:eventId/withdraw', requireRole('admin'), inScope, async (req, res) => {
    const id = unitId(req);
    const { lockVersion } = parse(withdrawInput, req.body, req);
    await withdrawUnitEvent(actorOf(req), id, eventId(req), lockVersion);
    flash(req, 'success', t(req.locale, 'units.eventWithdrawn'));
    res.redirect(303, `/units/${id}`);
  });

  return router;
}
