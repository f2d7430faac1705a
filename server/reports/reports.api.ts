// GET /api/v1/reports/progress: the progress report as JSON, rates as fractions or null.
import { Router } from 'express';
import { describeApi } from '../api/openapi.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
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

export function reportsApi(): Router {
  const router = Router();
  router.get('/reports/progress', requireRole('admin', 'center'), async (req, res) => {
    const { year, asOf, period, unit, view } = parse(progressQuery, req.query, req);
    res.json(await progressReport(actorOf(req), { year, asOf, period, unitCode: unit, view }));
  });
  return router;
}
