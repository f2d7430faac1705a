// The register of issued reports (sổ đăng ký văn bản đi): the list with its filters and its .xlsx/.csv, each
// entry's page, and its PDF — the stored bytes, exactly as issued. The board reads all of it; a unit's staff
// read their unit's entries (and those of the units whose records it took over); another unit's is a 404.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { Unit } from '../db/models.js';
import { sendPdf } from '../documents/index.js';
import { sendTable, spreadsheetFormat } from '../exports/index.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageInfo, pageWindow } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { ISSUED_KINDS } from './issued-report.model.js';
import { getIssued, issuedPdf, listIssued } from './issued-reports.queries.js';
import { registerFilter, registerQuery } from './issued-reports.schema.js';
import { registerTable } from './register-table.js';

const PAGE_SIZE = 50;
const staff = requireRole('admin', 'center');

/** A malformed id names no entry: 404, like one that does not exist. */
function idOf(req: Request): number {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success || parsed.data > 2_147_483_647) throw new AppError('not_found', 'common.errors.notFound');
  return parsed.data;
}

/** "/issued-reports/12" only: "new" and the like belong to other routes. */
function numericId(req: Request, _res: Response, next: NextFunction): void {
  if (!/^\d{1,10}$/.test(String(req.params.id))) return next('route');
  next();
}

async function registerContext(req: Request) {
  const actor = actorOf(req);
  const board = actor.role === 'admin';
  return {
    title: t(req.locale, 'issuedReports.register.title'),
    isBoard: board,
    scopeName: actor.unitName,
    kinds: ISSUED_KINDS,
    units: board ? (await Unit.findAll({ attributes: ['code', 'name'], order: [['sortOrder', 'ASC'], ['id', 'ASC']] })).map((u) => ({ code: u.code, name: u.name })) : [],
    filter: req.query,
    canIssueProvince: board,
    ownUnitCode: actor.role === 'center' && actor.unitId ? (await Unit.findByPk(actor.unitId, { attributes: ['code'] }))?.code ?? null : null,
  };
}

export function registerRoutes(): Router {
  const router = Router();

  router.get('/issued-reports', staff, withForm('issued-reports/index', registerContext), async (req, res) => {
    const { page, ...filter } = parse(registerQuery, req.query, req);
    const { rows, total } = await listIssued(actorOf(req), filter, pageWindow(page, PAGE_SIZE));
    const { page: _page, ...query } = req.query as Record<string, unknown>;
    res.render('issued-reports/index', { ...(await registerContext(req)), filter, rows, pager: pageInfo(total, page, PAGE_SIZE), query });
  });

  router.get('/issued-reports.:format', staff, spreadsheetFormat, async (req, res) => {
    const filter = parse(registerFilter, req.query, req);
    await sendTable(req, res, await registerTable(actorOf(req), filter), `so-van-ban-di${filter.year ? `-${filter.year}` : ''}`);
  });

  router.get('/issued-reports/:id.pdf', staff, async (req, res) => {
    const { pdf, symbol, numberYear } = await issuedPdf(actorOf(req), idOf(req));
    sendPdf(res, pdf, `bao-cao-so-${symbol}-${numberYear}.pdf`);
  });

  router.get('/issued-reports/:id', numericId, staff, async (req, res) => {
    const entry = await getIssued(actorOf(req), idOf(req));
    const replacement = new URLSearchParams({ year: String(entry.reportYear), period: entry.period, asOf: entry.asOf, view: entry.view, replacesId: String(entry.id) });
    const issuePath = entry.kind === 'province-progress' ? '/issued-reports/new' : `/issued-reports/new/${encodeURIComponent(entry.unitCode)}`;
    const actor = actorOf(req);
    const mayIssue = entry.kind === 'province-progress' ? actor.role === 'admin' : actor.role === 'center' && actor.unitId === entry.unitId;
    res.render('issued-reports/show', {
      title: t(req.locale, 'issuedReports.show.title', { symbol: entry.symbol }),
      entry,
      narrative: entry.narrative.map((p) => ({ ...p, label: t(req.locale, `issuedReports.issue.parts.${p.part}`) })),
      replacementUrl: mayIssue ? `${issuePath}?${replacement.toString()}` : null,
    });
  });

  return router;
}
