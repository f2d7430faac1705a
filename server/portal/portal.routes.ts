// The trainee's own pages: "Hồ sơ của tôi" and reporting a mistake in it. Trainees only; staff have their
// own pages for trainee records.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { optionalInteger } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { Unit } from '../db/models.js';
import { requestCounts, todoList } from '../todo/index.js';
import { createRequest } from './corrections.service.js';
import { myRecord } from './portal.service.js';

/** Free text kept as typed (line breaks too), NFC, at most 2,000 characters. */
export const longText = (max = 2000) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.normalize('NFC').replace(/\r\n?/g, '\n').trim() : v),
    z.string({ message: 'common.validation.required' }).min(1, 'common.validation.required').max(max),
  );

const reportQuery = z.object({ enrollmentId: optionalInteger(1).catch(undefined) });
const reportInput = z.object({ enrollmentId: optionalInteger(1), message: longText() });

export function portalRoutes({ sequelize }: PageDeps): Router {
  const router = Router();
  router.use('/me', requireRole('trainee'));

  router.get('/me', async (req, res) => {
    const record = await myRecord(actorOf(req));
    // The trainee's to-do (issue #13 item 2): new certificates and answers, counted once with the menu badge.
    const todo = await todoList(sequelize, actorOf(req), { counts: (await requestCounts(sequelize, req, res)) ?? undefined });
    res.render('portal/me', { title: t(req.locale, 'portal.title'), ...record, todo });
  });

  const reportContext = async (req: Request) => {
    const record = await myRecord(actorOf(req));
    return { title: t(req.locale, 'portal.report.title'), subjects: record.subjects };
  };

  router.get('/me/corrections/new', async (req, res) => {
    const { enrollmentId } = parse(reportQuery, req.query, req);
    const context = await reportContext(req);
    // An enrollment that is not the trainee's own is not offered: the form falls back to personal data.
    const known = context.subjects.some((s) => s.id === enrollmentId);
    res.render('portal/report', { ...context, values: { enrollmentId: known ? String(enrollmentId) : '' } });
  });

  router.post('/me/corrections', withForm('portal/report', reportContext), async (req, res) => {
    const input = parse(reportInput, req.body, req);
    const { unitId } = await createRequest(sequelize, actorOf(req), input);
    const unit = await Unit.findByPk(unitId, { attributes: ['name'] });
    flash(req, 'success', t(req.locale, 'portal.report.sent', { unit: unit?.name ?? '' }));
    res.redirect(303, '/me#requests');
  });

  return router;
}
