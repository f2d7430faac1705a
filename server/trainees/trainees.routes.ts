// Trainee pages: find a person, the unit's trainees, a trainee's record, add and edit.
import { Router, type Request } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { z } from 'zod';
import { checkbox, idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import { GENDERS, PARTY_STATUSES } from './trainee.model.js';
import { sortHeaders } from '../http/sort-links.js';
import { traineeEditInput, traineeListQuery, traineePageFields } from './trainees.schema.js';
import { findTrainees, traineeListUnits } from './trainees-find.service.js';
import { mergedTarget } from './merge-undo.service.js';
import { createTrainee, getTrainee, searchTrainees, updateTrainee, type TraineeView } from './trainees.service.js';

const staff = requireRole('admin', 'center');
const confirmInput = z.object({ confirmNew: checkbox() });
const choices = { genders: GENDERS, partyStatuses: PARTY_STATUSES };
// Each column's first direction when clicked (names A→Z, the most recent course first).
const SORT_FIRST = { name: 'asc', birthYear: 'asc', lastCourse: 'desc' } as const;
const DEFAULT_DIR = { newest: 'desc', ...SORT_FIRST } as const;

/** The form's values for a stored trainee: the birth as people type it (dd/mm/yyyy, or the year alone). */
function formValues(t: TraineeView): Record<string, unknown> {
  return {
    ...t,
    birth: t.birthDate ? formatDate(t.birthDate) : t.birthYear ? String(t.birthYear) : '',
  };
}

const newContext = (req: Request) => ({ title: t(req.locale, 'trainees.newTrainee'), mode: 'new', action: '/trainees', ...choices });

async function editContext(req: Request) {
  const trainee = await getTrainee(actorOf(req), parse(idParam, req.params.id, req));
  return { title: t(req.locale, 'trainees.editTrainee'), mode: 'edit', action: `/trainees/${trainee.id}`, trainee, ...choices };
}

export function traineeRoutes(): Router {
  const router = Router();

  router.get('/trainees', staff, async (req, res) => {
    const actor = actorOf(req);
    const { q, page, sort, ...f } = parse(traineeListQuery, req.query, req);
    const search = q?.trim() ? await searchTrainees(actor, q) : null;
    const dir = f.dir ?? DEFAULT_DIR[sort];
    const list = search ? null : await findTrainees(actor, { name: f.name, unitCode: f.unit, birthYear: f.birthYear, gender: f.gender, partyStatus: f.party, sort, dir, page });
    const query = { name: f.name, unit: f.unit, birthYear: f.birthYear, gender: f.gender, party: f.party, sort: sort === 'newest' ? undefined : sort, dir: f.dir };
    res.render('trainees/index', {
      title: t(req.locale, 'trainees.title'),
      q: q ?? '',
      search,
      list,
      filter: f,
      query,
      filtered: Boolean(f.name || f.unit || f.birthYear || f.gender || f.party),
      sorts: sortHeaders('/trainees', query, SORT_FIRST, sort, dir),
      units: await traineeListUnits(actor),
      ...choices,
    });
  });

  router.get('/trainees/new', staff, (req, res) => {
    res.render('trainees/form', { ...newContext(req), values: {} });
  });

  router.post('/trainees', staff, withForm('trainees/form', newContext), async (req, res) => {
    const { confirmNew } = parse(confirmInput, req.body, req);
    const trainee = await createTrainee(actorOf(req), parse(traineePageFields, req.body, req), { confirmNew });
    flash(req, 'success', t(req.locale, 'trainees.created', { name: trainee.fullName }));
    res.redirect(303, `/trainees/${trainee.id}`);
  });

  router.get('/trainees/:id', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    // A duplicate merged into another record: its old links lead to the kept one (302: the merge can be undone).
    const kept = await mergedTarget(id);
    if (kept) return res.redirect(302, `/trainees/${kept}`);
    const trainee = await getTrainee(actorOf(req), id);
    res.render('trainees/show', { title: trainee.fullName, trainee, history: await historyOf('trainee', trainee.id, req.locale) });
  });

  router.get('/trainees/:id/edit', staff, async (req, res) => {
    const context = await editContext(req);
    res.render('trainees/form', { ...context, values: formValues(context.trainee) });
  });

  router.post('/trainees/:id', staff, withForm('trainees/form', editContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { lockVersion, ...input } = parse(traineeEditInput, req.body, req);
    await updateTrainee(actorOf(req), id, lockVersion, input);
    flash(req, 'success', t(req.locale, 'trainees.updated'));
    res.redirect(303, `/trainees/${id}`);
  });

  return router;
}
