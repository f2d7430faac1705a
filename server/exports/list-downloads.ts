// The lists' downloads that carry people's full citizen ID and birth date, each written to the audit log as
// it is read: one function per download, so the page and the API record the same thing.
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { rosterTable, traineesTable } from './list-tables.js';
import type { SpreadsheetFormat } from './send.js';

export async function rosterDownload(actor: Actor, courseId: number, format: SpreadsheetFormat) {
  const { course, table } = await rosterTable(actor, courseId);
  await audit(actor, { action: 'export', entityType: 'course', entityId: course.id, unitId: course.unitId, after: { file: 'roster', format } });
  return { table, baseName: `lop-${course.id}-danh-sach-ket-qua` };
}

export async function traineesDownload(actor: Actor, format: SpreadsheetFormat) {
  await audit(actor, { action: 'export', entityType: 'trainee', entityId: null, unitId: actor.unitId, after: { file: 'trainees', format } });
  return { table: await traineesTable(actor), baseName: 'danh-sach-hoc-vien' };
}
