// GET /reports/progress.pdf (the board) and /reports/units/:code/progress.pdf (a unit's staff or the board):
// the same selectors as the dashboards, plus the clerk's document number and date.
import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { documentDefaults, documentQuery, sendPdf } from '../documents/index.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { reportYears } from './reports.drilldown.js';
import { codeParam, reportPageQuery } from './reports.schema.js';
import { progressDetail, progressReport } from './reports.service.js';
import { provinceReportPdf, unitReportPdf } from './report-pdf.js';

const pdfQuery = reportPageQuery.extend(documentQuery.shape);

async function selection(req: Request) {
  const actor = actorOf(req);
  const query = parse(pdfQuery, req.query, req);
  const year = query.year ?? (await reportYears(actor)).defaultYear;
  return { actor, query, year, document: documentDefaults(query) };
}

export function reportPdfRoutes({ sequelize }: { sequelize: Sequelize }): Router {
  const router = Router();

  router.get('/reports/progress.pdf', requireRole('admin'), async (req, res) => {
    const { actor, query, year, document } = await selection(req);
    const report = await progressReport(actor, { year, asOf: query.asOf, period: query.period, view: query.view });
    const suffix = query.view === 'rolled-up' ? '-don-vi-ke-tuc' : '';
    sendPdf(res, await provinceReportPdf(report, document), `bao-cao-tien-do-${year}-${query.period}${suffix}.pdf`);
  });

  router.get('/reports/units/:code/progress.pdf', requireRole('admin', 'center'), async (req, res) => {
    const { actor, query, year, document } = await selection(req);
    const code = parse(codeParam, req.params.code, req).toUpperCase();
    const detail = await progressDetail(actor, { year, asOf: query.asOf, period: query.period, unitCode: code, view: query.view });
    const members = detail.memberIds.get(code) ?? [];
    sendPdf(res, await unitReportPdf(sequelize, actor, detail.report, code, document, members), `bao-cao-tien-do-${code}-${year}.pdf`);
  });

  return router;
}
