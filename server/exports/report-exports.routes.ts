// Biểu 1 and Biểu 2 of the progress report as .xlsx or .csv, with the dashboards' selection (year, period, as-of):
//   /reports/bieu-1.xlsx|csv?year=&period=&asOf=[&unit=][&view=]   by unit (a center: its own unit; unit= one unit)
//   /reports/bieu-2.xlsx|csv?year=&period=&asOf=[&view=]     by program, grouped by category
// view=rolled-up counts the units in their successors (same columns; the title says so).
// Kept apart from reports.routes.ts (the dashboards and the PDFs).
import { Router } from 'express';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { todayInVietnam } from '../lib/format.js';
import { progressReport } from '../reports/index.js';
import { codeParam, reportPageQuery } from '../reports/reports.schema.js';
import { sendTable, spreadsheetFormat } from './export-format.js';
import { byProgramTable, byUnitTable } from './report-tables.js';

export function reportExportRoutes(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  for (const [path, build, name] of [
    ['/reports/bieu-1.:format', byUnitTable, 'bieu-1-theo-don-vi'],
    ['/reports/bieu-2.:format', byProgramTable, 'bieu-2-theo-chuong-trinh'],
  ] as const) {
    router.get(path, staff, spreadsheetFormat, async (req, res) => {
      const query = parse(reportPageQuery, req.query, req);
      const unitCode = req.query.unit === undefined ? undefined : parse(codeParam, req.query.unit, req).toUpperCase();
      const year = query.year ?? Number(todayInVietnam().slice(0, 4));
      const report = await progressReport(actorOf(req), { year, asOf: query.asOf, period: query.period, unitCode, view: query.view });
      await sendTable(req, res, build(report), `${name}-${year}${query.view === 'rolled-up' ? '-don-vi-ke-tuc' : ''}`);
    });
  }
  return router;
}
