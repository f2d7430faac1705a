// Downloads of the lists, each next to its page and with the page's filters:
//   /courses.xlsx|csv?year=&program=&status=&unit=     the courses list
//   /courses/:id/roster.xlsx|csv                       a course's roster with results (imports back)
//   /trainees.xlsx|csv                                 the people the unit works with (the board: everyone)
//   /audit.xlsx|csv?entityType=&action=&…              the audit log (the board: all; a unit: its own part)
// Exports of people carry the full citizen ID and birth date: only staff in scope reach them, the file is the
// unit's working copy of its dossiers (and must import back), and each such download is written to the audit log.
import { Router, type Request, type Response } from 'express';
import { auditQuery } from '../audit/audit.routes.js';
import { courseListQuery } from '../courses/courses.schema.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { formatOf, sendTable, spreadsheetFormat } from './export-format.js';
import { rosterDownload, traineesDownload } from './list-downloads.js';
import { auditTable, coursesTable } from './list-tables.js';

const staff = requireRole('admin', 'center');

/** A course's roster as a file, audited: the same handler behind the page's link and the API. */
export async function rosterFile(req: Request, res: Response): Promise<void> {
  const { table, baseName } = await rosterDownload(actorOf(req), parse(idParam, req.params.id, req), formatOf(req));
  await sendTable(req, res, table, baseName);
}

/** The people the unit works with as a file, audited: the same handler behind the page's link and the API. */
export async function traineesFile(req: Request, res: Response): Promise<void> {
  const { table, baseName } = await traineesDownload(actorOf(req), formatOf(req));
  await sendTable(req, res, table, baseName);
}

export function listExportRoutes(): Router {
  const router = Router();

  router.get('/courses.:format', staff, spreadsheetFormat, async (req, res) => {
    const f = parse(courseListQuery, req.query, req);
    const table = await coursesTable(actorOf(req), { year: f.year, programCode: f.program, status: f.status, unitCode: f.unit, q: f.q });
    await sendTable(req, res, table, `danh-sach-lop${f.year ? `-${f.year}` : ''}`);
  });

  router.get('/courses/:id/roster.:format', staff, spreadsheetFormat, rosterFile);
  router.get('/trainees.:format', staff, spreadsheetFormat, traineesFile);

  router.get('/audit.:format', staff, spreadsheetFormat, async (req, res) => {
    const { page: _page, ...filter } = parse(auditQuery, req.query, req);
    await sendTable(req, res, auditTable(actorOf(req), filter), 'nhat-ky-thao-tac');
  });

  return router;
}
