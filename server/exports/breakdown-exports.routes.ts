// The breakdowns (cơ cấu học viên) as .xlsx or .csv, with the dashboards' selection:
//   /reports/breakdowns.xlsx|csv?year=&period=&asOf=[&unit=][&view=][&dimension=gender|ethnicity|partyStatus|sendingOrg]
// .xlsx: one worksheet per dimension; .csv: the dimensions one under the other, a "Tiêu chí" column naming
// each row's. dimension= keeps one. A center gets its own unit; unit= another unit is 404, as on the pages.
import { Router } from 'express';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { todayInVietnam } from '../lib/format.js';
import { breakdownReport } from '../reports/breakdowns.js';
import { breakdownExportQuery } from '../reports/breakdowns.schema.js';
import { codeParam } from '../reports/reports.schema.js';
import { breakdownSheets, breakdownTable } from './breakdown-tables.js';
import { writeCsv } from './csv-write.js';
import { spreadsheetFormat } from './export-format.js';
import { sendSpreadsheet, type SpreadsheetFormat } from './send.js';
import { writeXlsxBook } from './xlsx-write.js';

const FILE_DIMENSIONS = { gender: 'gioi-tinh', ethnicity: 'dan-toc', partyStatus: 'dang-vien', sendingOrg: 'don-vi-cu-di-hoc' } as const;

export function breakdownExportRoutes(): Router {
  const router = Router();
  router.get('/reports/breakdowns.:format', requireRole('admin', 'center'), spreadsheetFormat, async (req, res) => {
    const query = parse(breakdownExportQuery, req.query, req);
    const unitCode = req.query.unit === undefined ? undefined : parse(codeParam, req.query.unit, req).toUpperCase();
    const year = query.year ?? Number(todayInVietnam().slice(0, 4));
    const report = await breakdownReport(actorOf(req), { year, asOf: query.asOf, period: query.period, unitCode, view: query.view });
    const format = req.params.format as SpreadsheetFormat;
    const buffer = format === 'xlsx' ? await writeXlsxBook(breakdownSheets(report, query.dimension)) : await writeCsv(breakdownTable(report, query.dimension));
    const name = [
      'co-cau-hoc-vien',
      String(year),
      ...(query.dimension ? [FILE_DIMENSIONS[query.dimension]] : []),
      ...(report.unit ? [report.unit.unitCode.toLowerCase()] : []),
      ...(query.view === 'rolled-up' ? ['don-vi-ke-tuc'] : []),
    ].join('-');
    sendSpreadsheet(res, { buffer, fileName: `${name}.${format}`, format });
  });
  return router;
}
