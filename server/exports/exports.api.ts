// The lists' downloads through the API (a bearer token), with the API's filter names: the same tables, the
// same scope and the same audit entries as the downloads next to the pages (list-exports.routes.ts).
import { Router } from 'express';
import { describeApi } from '../api/openapi.js';
import { apiCourseListQuery } from '../courses/courses.schema.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { auditApiFilter } from '../audit/audit.api.js';
import { unitByCode } from '../units/units.service.js';
import { sendTable, spreadsheetFormat } from './export-format.js';
import { rosterFile, traineesFile } from './list-exports.routes.js';
import { auditTable, coursesTable } from './list-tables.js';

const TAG = 'Downloads';
const file = { 200: { description: 'The file: .xlsx (Excel) or .csv (UTF-8 with BOM), as the path ends' }, 403: { description: 'A trainee token' } };
const coursesQuery = apiCourseListQuery.omit({ page: true });
const auditQuery = auditApiFilter;

describeApi({ method: 'get', path: '/courses.:format', tag: TAG, summary: 'The courses list as a spreadsheet, with the filters of GET /courses (every page)', query: coursesQuery, responses: file });
describeApi({ method: 'get', path: '/courses/:id/roster.:format', tag: TAG, summary: 'A course’s roster with results, full citizen IDs and birth dates (it imports back); written to the audit log', responses: file });
describeApi({ method: 'get', path: '/trainees.:format', tag: TAG, summary: 'The people your unit works with (the board: everyone), in full; written to the audit log', responses: file });
describeApi({ method: 'get', path: '/audit.:format', tag: TAG, summary: 'The audit log with the filters of GET /audit (every page)', query: auditQuery, responses: file });

export function exportsApi(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.get('/courses.:format', staff, spreadsheetFormat, async (req, res) => {
    const { year, programCode, status, unitCode } = parse(coursesQuery, req.query, req);
    await sendTable(req, res, await coursesTable(actorOf(req), { year, programCode, status, unitCode }), `danh-sach-lop${year ? `-${year}` : ''}`);
  });

  router.get('/courses/:id/roster.:format', staff, spreadsheetFormat, rosterFile);
  router.get('/trainees.:format', staff, spreadsheetFormat, traineesFile);

  router.get('/audit.:format', staff, spreadsheetFormat, async (req, res) => {
    const { unitCode, ...filter } = parse(auditQuery, req.query, req);
    const unitId = unitCode ? (await unitByCode(unitCode)).id : undefined;
    await sendTable(req, res, auditTable(actorOf(req), { ...filter, unitId }), 'nhat-ky-thao-tac');
  });

  return router;
}
