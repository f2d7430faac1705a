// Staff side of correction requests: a center's list (the board's: all) and resolving one with a note.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageQuery } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { CORRECTION_STATUSES } from './correction-request.model.js';
import { getForStaff, listForStaff, resolveRequest } from './corrections.service.js';
import { longText } from './portal.routes.js';

const listQuery = pageQuery.extend({ status: z.enum(CORRECTION_STATUSES).optional().catch(undefined) });
const resolveInput = z.object({ note: longText() });

export function correctionRoutes({ sequelize }: PageDeps): Router {
  const router = Router();
  router.use('/corrections', requireRole('center', 'admin'));

  router.get('/corrections', async (req, res) => {
    const filter = parse(listQuery, req.query, req);
    const { rows, pager, openCount } = await listForStaff(actorOf(req), filter);
    res.render('corrections/index', { title: t(req.locale, 'portal.corrections.title'), requests: rows, pager, openCount, status: filter.status, query: { status: filter.status } });
  });

  const showContext = async (req: Request) => {
    const request = await getForStaff(actorOf(req), Number(req.params.id));
    return { title: t(req.locale, 'portal.corrections.detail', { id: request.id }), request };
  };

  router.get('/corrections/:id', async (req, res) => {
    const request = await getForStaff(actorOf(req), parse(idParam, req.params.id, req));
    res.render('corrections/show', { title: t(req.locale, 'portal.corrections.detail', { id: request.id }), request, values: {} });
  });

  router.post('/corrections/:id/resolve', withForm('corrections/show', showContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { note } = parse(resolveInput, req.body, req);
    await resolveRequest(sequelize, actorOf(req), id, note);
    flash(req, 'success', t(req.locale, 'portal.corrections.resolved'));
    res.redirect(303, `/corrections/${id}`);
  });

  return router;
}
