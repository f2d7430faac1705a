// Khóa sổ pages: units × years with their state, the board's close and reopen forms, the history of closings.
// A center reads its own unit's closed years; only the board closes and reopens (403 for anyone else).
import { Router, type Request } from 'express';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import type { PageDeps } from '../http/page-deps.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { closeYear, closingOverview, listClosings, reopenYear } from './closings.service.js';
import { closeInput, reopenInput } from './year-closing.schema.js';

async function pageContext(req: Request) {
  const actor = actorOf(req);
  const [overview, closings] = await Promise.all([closingOverview(actor), listClosings(actor)]);
  return {
    title: t(req.locale, 'yearClosing.title'),
    overview,
    closings,
    isBoard: actor.role === 'admin',
    unitName: actor.unitName,
  };
}

export function yearClosingRoutes(_deps: PageDeps): Router {
  const router = Router();
  router.use('/year-closings', requireRole('admin', 'center'));

  router.get('/year-closings', async (req, res) => {
    const context = await pageContext(req);
    res.render('year-closing/index', { ...context, values: { year: context.overview.closableYears[0] } });
  });

  router.post('/year-closings', requireRole('admin'), withForm('year-closing/index', pageContext), async (req, res) => {
    const input = parse(closeInput, req.body, req);
    const closing = await closeYear(actorOf(req), { unitId: input.unit === 'all' ? null : input.unit, year: input.year, decision: input.decision });
    const scope = closing.unitName ?? t(req.locale, 'yearClosing.history.province');
    flash(req, 'success', t(req.locale, 'yearClosing.close.done', { year: closing.year, scope }));
    res.redirect(303, '/year-closings');
  });

  router.post('/year-closings/:id/reopen', requireRole('admin'), withForm('year-closing/index', pageContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { lockVersion, reason } = parse(reopenInput, req.body, req);
    const closing = await reopenYear(actorOf(req), id, lockVersion, reason);
    flash(req, 'success', t(req.locale, 'yearClosing.reopen.done', { year: closing.year }));
    res.redirect(303, '/year-closings');
  });

  return router;
}
