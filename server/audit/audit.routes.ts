// /audit: the audit log, filtered and paged. The board reads all of it; a unit's staff read their unit's part.
import { Router, type Request } from 'express';
import { optionalDate, optionalInteger, optionalText } from '../http/fields.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageQuery } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { auditFilterOptions, browseAuditLog } from './audit-log.service.js';

export const auditQuery = pageQuery
  .extend({
    entityType: optionalText(32),
    entityId: optionalInteger(1, 2_147_483_647),
    action: optionalText(32),
    username: optionalText(64),
    unitId: optionalInteger(1, 2_147_483_647),
    from: optionalDate(),
    to: optionalDate(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'audit.rangeOrder' });

async function pageContext(req: Request) {
  const actor = actorOf(req);
  return {
    title: t(req.locale, 'audit.title'),
    isBoard: actor.role === 'admin',
    scopeName: actor.unitName,
    options: await auditFilterOptions(actor),
    filter: req.query,
  };
}

export function auditRoutes(_deps: PageDeps): Router {
  const router = Router();

  // A bad filter (a date that is not one) redraws the page with the error beside the field.
  router.get('/audit', requireRole('admin', 'center'), withForm('audit/index', pageContext), async (req, res) => {
    const { page, ...filter } = parse(auditQuery, req.query, req);
    const { rows, pager } = await browseAuditLog(actorOf(req), filter, page, req.locale);
    const { page: _page, ...query } = req.query as Record<string, unknown>;
    res.render('audit/index', { ...(await pageContext(req)), filter, rows, pager, query });
  });

  return router;
}
