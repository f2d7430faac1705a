// The imports domain's pages: the two downloadable templates (and a results template listing a course's people),
// and the import pages under a course (import-pages.routes.ts).
import { Router } from 'express';
import { resultsGrid } from '../enrollments/index.js';
import { sendSpreadsheet } from '../exports/send.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { importPageRoutes } from './import-pages.routes.js';
import { buildResultsTemplate, buildRosterTemplate } from './template.js';

// The templates never change while the app runs: built once, on first request.
let rosterTemplate: Promise<Buffer> | null = null;
let resultsTemplate: Promise<Buffer> | null = null;

export function importRoutes(): Router {
  const router = Router();
  router.use('/imports', requireRole('admin', 'center'));

  router.get('/imports/template.xlsx', async (_req, res) => {
    rosterTemplate ??= buildRosterTemplate().catch((err: unknown) => {
      rosterTemplate = null;
      throw err;
    });
    sendSpreadsheet(res, { buffer: await rosterTemplate, fileName: 'mau-danh-sach-hoc-vien.xlsx', format: 'xlsx' });
  });

  router.get('/imports/results-template.xlsx', async (_req, res) => {
    resultsTemplate ??= buildResultsTemplate().catch((err: unknown) => {
      resultsTemplate = null;
      throw err;
    });
    sendSpreadsheet(res, { buffer: await resultsTemplate, fileName: 'mau-ket-qua-hoc-tap.xlsx', format: 'xlsx' });
  });

  // The results template filled with the course's people (not withdrawn), ready for scores.
  router.get('/courses/:id/results-template.xlsx', requireRole('admin', 'center'), async (req, res) => {
    const { course, rows } = await resultsGrid(actorOf(req), parse(idParam, req.params.id, req));
    const buffer = await buildResultsTemplate(rows.map((r) => ({ fullName: r.fullName, birthDate: r.birthDate, birthYear: r.birthYear, nationalId: r.nationalId })));
    sendSpreadsheet(res, { buffer, fileName: `ket-qua-lop-${course.id}.xlsx`, format: 'xlsx' });
  });

  router.use(importPageRoutes());
  return router;
}
