// GET /api/v1/reports/breakdowns: the progress report's enrollments by gender, ethnicity, Party status and
// sending organisation, as JSON.
import { Router } from 'express';
import { describeApi } from '../api/openapi.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { breakdownReport } from './breakdowns.js';
import { breakdownQuery, breakdownReportJson } from './breakdowns.schema.js';

describeApi({
  method: 'get',
  path: '/reports/breakdowns',
  tag: 'Reports',
  summary:
    'Enrollments, persons and completion by gender, ethnicity, Party status and sending organisation, with the scope and window of the progress report (a center sees its own unit only)',
  query: breakdownQuery,
  responses: { 200: { description: 'The breakdowns', schema: breakdownReportJson } },
});

export function breakdownsApi(): Router {
  const router = Router();
  router.get('/reports/breakdowns', requireRole('admin', 'center'), async (req, res) => {
    const { year, asOf, period, unitCode, view } = parse(breakdownQuery, req.query, req);
    res.json(await breakdownReport(actorOf(req), { year, asOf, period, unitCode, view }));
  });
  return router;
}
