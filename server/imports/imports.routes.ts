// Phase 1 pages of the imports domain: the two downloadable templates, for signed-in staff.
import { Router } from 'express';
import { sendSpreadsheet } from '../exports/send.js';
import { requireRole } from '../http/guards.js';
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

  return router;
}
