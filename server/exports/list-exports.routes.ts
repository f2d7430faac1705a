// Downloads of the lists, each next to its page and with the page's filters:
//   /courses.xlsx|csv?year=&program=&status=&unit=     the courses list
//   /courses/:id/roster.xlsx|csv                       a course's roster with results (imports back)
//   /trainees.xlsx|csv                                 the people the unit works with (the board: everyone)
//   /audit.xlsx|csv?entityType=&action=&…              the audit log (the board: all; a unit: its own part)
// Exports of people carry the full citizen ID and birth date: only staff in scope reach them, the file is the
// unit's working copy of its dossiers (and must import back), and each such download is written to the audit log.
import { Router } from 'express';
import { auditQuery } from '../audit/audit.routes.js';
import { audit } from '../audit/audit.service.js';
import { courseListQuery } from '../courses/courses.schema.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { sendTable, spreadsheetFormat } from './export-format.js';
import { auditTable, coursesTable, rosterTable, traineesTable } from './list-tables.js';

const staff = requireRole('admin', 'center');


export function listExportRoutes(): Router {
  const router = Router();

  router.get('/courses.:format', staff, spreadsheetFormat, async (req, res) => {
    const f = parse(courseListQuery, req.query, req);
    const table = await coursesTable(actorOf(req), { year: f.year, programCode: f.program, status: f.status, unitCode: f.unit });
    await sendTable(req, res, table, `danh-sach-lop${f.year ? `-${f.year}` : ''}`);
  });

  router.get('/courses/:id/roster.:format', staff, spreadsheetFormat, async (req, res) => {
    const actor = actorOf(req);
    const { course, table } = await rosterTable(actor, parse(idParam, req.params.id, req));
    await audit(actor, { action: 'export', entityType: 'course', entityId: course.id, unitId: course.unitId, after: { file: 'roster', format: req.params.format } });
    await sendTable(req, res, table, `lop-${course.id}-danh-sach-ket-qua`);
  });

  router.get('/trainees.:format', staff, spreadsheetFormat, async (req, res) => {
    const actor = actorOf(req);
    await audit(actor, { action: 'export', entityType: 'trainee', entityId: null, unitId: actor.unitId, after: { file: 'trainees', format: req.params.format } });
    await sendTable(req, res, await traineesTable(actor), 'danh-sach-hoc-vien');
  });

  router.get('/audit.:format', staff, spreadsheetFormat, async (req, res) => {
    const { page: _page, ...filter } = parse(auditQuery, req.query, req);
    await sendTable(req, res, auditTable(actorOf(req), filter), 'nhat-ky-thao-tac');
  });

  return router;
}
