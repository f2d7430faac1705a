// The board's merge of two records of one person: choose, preview side by side, merge; undo from the list.
import { Router, type Request } from 'express';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { recentMerges, undoMerge } from './merge-undo.service.js';
import { mergeTrainees, previewMerge } from './merge.service.js';
import { mergeInput, mergePreviewQuery } from './trainees.schema.js';

const board = requireRole('admin');

async function mergeContext(req: Request) {
  const actor = actorOf(req);
  const body = req.method === 'POST' ? (req.body as Record<string, unknown>) : req.query;
  const { keptId, duplicateId } = parse(mergePreviewQuery, { keptId: body.keptId, duplicateId: body.duplicateId }, req);
  const preview = keptId && duplicateId && keptId !== duplicateId ? await previewMerge(actor, keptId, duplicateId).catch(() => null) : null;
  return { title: t(req.locale, 'trainees.merge.title'), keptId, duplicateId, preview, merges: await recentMerges(actor) };
}

export function mergeRoutes(): Router {
  const router = Router();

  router.get('/trainees/merge', board, async (req, res) => {
    const actor = actorOf(req);
    const { keptId, duplicateId } = parse(mergePreviewQuery, req.query, req);
    // Asking for a preview of two records that cannot be merged (same id, unknown, already merged) says why.
    const preview = keptId && duplicateId ? await previewMerge(actor, keptId, duplicateId) : null;
    res.render('trainees/merge', { title: t(req.locale, 'trainees.merge.title'), keptId, duplicateId, preview, merges: await recentMerges(actor), values: {} });
  });

  router.post('/trainees/merge', board, withForm('trainees/merge', mergeContext), async (req, res) => {
    const { keptId, duplicateId } = parse(mergeInput, req.body, req);
    await mergeTrainees(actorOf(req), keptId, duplicateId);
    flash(req, 'success', t(req.locale, 'trainees.merge.done', { keptId, duplicateId }));
    res.redirect(303, `/trainees/${keptId}`);
  });

  router.post('/trainees/merges/:id/undo', board, withForm('trainees/merge', mergeContext), async (req, res) => {
    const { duplicateId } = await undoMerge(actorOf(req), parse(idParam, req.params.id, req));
    flash(req, 'success', t(req.locale, 'trainees.merge.undone', { duplicateId }));
    res.redirect(303, `/trainees/${duplicateId}`);
  });

  return router;
}
