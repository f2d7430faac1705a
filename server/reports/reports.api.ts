// GET /api/v1/reports/progress: the progress report as JSON, rates as fractions or null.
import { Router } from 'express';
import { describeApi } from '../api/openapi.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import type { ApiDeps } from '../api/api.routes.js';
import { pdfQuery, reportPdfRoutes } from './report-pdf.routes.js';
import { progressQuery, progressReportJson } from './reports.schema.js';
import { progressReport } from './reports.service.js';

describeApi({
  method: 'get',
  path: '/reports/progress',
  tag: 'Reports',
  summary:
    'Progress against the year plans, by unit, program and category, with totals (a center sees its own unit only); units as they were or rolled up into their successors',
  query: progressQuery,
  responses: { 200: { description: 'The progress report', schema: progressReportJson } },
});

describeApi({
  method: 'get',
  path: '/reports/progress.pdf',
  tag: 'Reports',
  summary: 'The province’s progress report as a PDF working copy (admin), the selection of the dashboard',
  query: pdfQuery,
  responses: { 200: { description: 'application/pdf' }, 303: { description: 'The number asked for was issued: its issued copy' }, 403: { description: 'Not the board' } },
});
describeApi({
  method: 'get',
  path: '/reports/units/:code/progress.pdf',
  tag: 'Reports',
  summary: 'A unit’s progress report as a PDF working copy (a center: its own unit)',
  query: pdfQuery,
  responses: { 200: { description: 'application/pdf' }, 303: { description: 'The number asked for was issued: its issued copy' } },
});

export function reportsApi(deps: ApiDeps): Router {
  const router = Router();
  // The PDFs of the pages, with their scope: the same routes, reached with a bearer token.
  router.use(reportPdfRoutes(deps));
  router.get('/reports/progress', requireRole('admin', 'center'), async (req, res) => {
    const { year, asOf, period, unitCode, view } = parse(progressQuery, req.query, req);
    res.json(await progressReport(actorOf(req), { year, asOf, period, unitCode, view }));
  });
  return router;
}
