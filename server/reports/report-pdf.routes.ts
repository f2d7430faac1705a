// GET /reports/progress.pdf (the board) and /reports/units/:code/progress.pdf (a unit's staff or the board):
// the same selectors as the dashboards, plus the date. These are working copies: they print no number
// ("Số      -BC/…"), since a number is given only by issuing the report (server/issued-reports). A number
// asked for that has been issued sends the reader to the issued copy; any other is not printed.
import { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { documentDefaults, documentQuery, sendPdf } from '../documents/index.js';
import { issuedByNumber } from '../issued-reports/index.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { reportYears } from './reports.drilldown.js';
import { codeParam, reportPageQuery } from './reports.schema.js';
import { progressDetail, progressReport } from './reports.service.js';
import { provinceReportPdf, unitReportPdf } from './report-pdf.js';

export const pdfQuery = reportPageQuery.extend(documentQuery.shape);

async function selection(req: Request) {
  const actor = actorOf(req);
  const query = parse(pdfQuery, req.query, req);
  const year = query.year ?? (await reportYears(actor)).defaultYear;
  return { actor, query, year, document: { ...documentDefaults(query), number: null } };
}

/** The issued copy a number asked for belongs to, if the reader may see it. */
async function issuedCopy({ actor, query, document }: Awaited<ReturnType<typeof selection>>, unitCode?: string): Promise<string | null> {
  const number = /^\d{1,5}$/.test(query.number ?? '') ? Number(query.number) : null;
  if (number === null) return null;
  const kind = unitCode ? 'unit-progress' : 'province-progress';
  const id = await issuedByNumber(actor, { kind, unitCode, number, numberYear: Number(document.date.slice(0, 4)) });
  return id === null ? null : `/issued-reports/${id}.pdf`;
}

export function reportPdfRoutes({ sequelize }: { sequelize: Sequelize }): Router {
  const router = Router();

  router.get('/reports/progress.pdf', requireRole('admin'), async (req, res) => {
    const selected = await selection(req);
    const issued = await issuedCopy(selected);
    if (issued) return res.redirect(303, issued);
    const { actor, query, year, document } = selected;
    const report = await progressReport(actor, { year, asOf: query.asOf, period: query.period, view: query.view });
    const suffix = query.view === 'rolled-up' ? '-don-vi-ke-tuc' : '';
    sendPdf(res, await provinceReportPdf(report, document), `bao-cao-tien-do-${year}-${query.period}${suffix}.pdf`);
  });

  router.get('/reports/units/:code/progress.pdf', requireRole('admin', 'center'), async (req, res) => {
    const selected = await selection(req);
    const { actor, query, year, document } = selected;
    const code = parse(codeParam, req.params.code, req).toUpperCase();
    const issued = await issuedCopy(selected, code);
    if (issued) return res.redirect(303, issued);
    const detail = await progressDetail(actor, { year, asOf: query.asOf, period: query.period, unitCode: code, view: query.view });
    const members = detail.memberIds.get(code) ?? [];
    sendPdf(res, await unitReportPdf(sequelize, actor, detail.report, code, document, members), `bao-cao-tien-do-${code}-${year}.pdf`);
  });

  return router;
}
