// /api/v1 issued reports: the register (with the page's filters), one entry with the figures it was printed
// from, and its PDF byte for byte. Read only: issuing is done on the page, where the issuer sees the paper.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/api.routes.js';
import { describeApi } from '../api/openapi.js';
import { sendPdf } from '../documents/index.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageFields, pageInfo, pageWindow } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { getIssued, issuedFigures, issuedPdf, listIssued, type IssuedRow } from './issued-reports.queries.js';
import { apiRegisterFilter, issuedListJson, issuedReportJson } from './issued-reports.schema.js';

const TAG = 'Issued reports';
const PER_PAGE = 50;

describeApi({
  method: 'get',
  path: '/issued-reports',
  tag: TAG,
  summary: `The register of issued reports (a center token: its own unit’s), newest first, ${PER_PAGE} a page; filters: the year of the number, the kind, the issuer’s code (unitCode)`,
  query: apiRegisterFilter,
  responses: { 200: { description: 'The register', schema: issuedListJson }, 403: { description: 'A trainee token' } },
});
describeApi({
  method: 'get',
  path: '/issued-reports/:id',
  tag: TAG,
  summary: 'One issued report, with the figures (the progress report JSON) its PDF was rendered from',
  responses: { 200: { description: 'The entry', schema: z.object({ issuedReport: issuedReportJson, figures: z.unknown() }) }, 403: { description: 'A trainee token' } },
});
describeApi({
  method: 'get',
  path: '/issued-reports/:id.pdf',
  tag: TAG,
  summary: 'The issued PDF, exactly as issued (its SHA-256 is in the entry)',
  responses: { 200: { description: 'application/pdf' }, 403: { description: 'A trainee token' } },
});

// The register's row as the API states it: the schema keeps its own fields and drops the page-only ones
// (title, unitId, replacesSymbol), so the shape lives in one place.
const toJson = (r: IssuedRow) => issuedReportJson.parse({ ...r, createdAt: r.createdAt.toISOString() });

export function issuedReportsApi(_deps: ApiDeps): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.get('/issued-reports', staff, async (req, res) => {
    const { unitCode, page, ...filter } = parse(apiRegisterFilter, req.query, req);
    const { rows, total } = await listIssued(actorOf(req), { ...filter, unit: unitCode }, pageWindow(page, PER_PAGE));
    res.json({ issuedReports: rows.map(toJson), ...pageFields(pageInfo(total, page, PER_PAGE)) });
  });

  router.get('/issued-reports/:id.pdf', staff, async (req, res) => {
    const { pdf, symbol, numberYear } = await issuedPdf(actorOf(req), parse(idParam, req.params.id, req));
    sendPdf(res, pdf, `bao-cao-so-${symbol}-${numberYear}.pdf`);
  });

  router.get('/issued-reports/:id', staff, async (req, res) => {
    const actor = actorOf(req);
    const id = parse(idParam, req.params.id, req);
    const [entry, figures] = await Promise.all([getIssued(actor, id), issuedFigures(actor, id)]);
    res.json({ issuedReport: toJson(entry), figures });
  });

  return router;
}
