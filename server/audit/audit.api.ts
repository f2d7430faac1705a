// GET /api/v1/audit: the audit log as on its page, in the reader's language, scoped as the page is (the board
// reads all of it; a unit's staff their unit's part, whatever unitCode they send).
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { optionalDate, optionalInteger, optionalText } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { apiPage, pageFields, pageJson } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { unitByCode } from '../units/units.service.js';
import { AUDIT_PAGE_SIZE, browseAuditLog, type AuditLogRow } from './audit-log.service.js';

/** The log's filters under the API's names (the export takes them too, without the page). */
const filterShape = {
  entityType: optionalText(32).describe('course, enrollment, trainee, plan, certificate, unit, user, …'),
  entityId: optionalInteger(1, 2_147_483_647),
  action: optionalText(32).describe('create, update, delete, export, …'),
  username: optionalText(64),
  unitCode: optionalText(20).describe('The board only; a center token always reads its own unit’s part'),
  from: optionalDate().describe('YYYY-MM-DD, a day in Vietnam, included'),
  to: optionalDate().describe('YYYY-MM-DD, included'),
};
const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
export const auditApiFilter = z.object(filterShape).refine(rangeInOrder, { path: ['to'], message: 'audit.rangeOrder' });
const auditApiQuery = z.object({ ...filterShape, page: apiPage() }).refine(rangeInOrder, { path: ['to'], message: 'audit.rangeOrder' });

const entryJson = z.object({
  id: z.number().int(),
  at: z.string().describe('ISO 8601 timestamp'),
  userId: z.number().int().nullable(),
  who: z.string().nullable().describe('The person and username who acted'),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.number().int().nullable(),
  recordName: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })).describe('Labels and values formatted as on the pages'),
  requestId: z.string().nullable(),
});

describeApi({
  method: 'get',
  path: '/audit',
  tag: 'Audit log',
  summary: `The audit log, newest first, ${AUDIT_PAGE_SIZE} a page (a center token: its unit’s part)`,
  query: auditApiQuery,
  responses: { 200: { description: 'Entries', schema: z.object({ entries: z.array(entryJson), ...pageJson }) }, 403: { description: 'A trainee token' } },
});

const toJson = (r: AuditLogRow): z.output<typeof entryJson> => ({
  id: r.id,
  at: r.at.toISOString(),
  userId: r.userId,
  who: r.who,
  unitId: r.unitId,
  unitName: r.unitName,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  recordName: r.recordName,
  changes: r.changes,
  requestId: r.requestId,
});

export function auditApi(): Router {
  const router = Router();
  router.get('/audit', requireRole('admin', 'center'), async (req, res) => {
    const { page, unitCode, ...filter } = parse(auditApiQuery, req.query, req);
    const unitId = unitCode ? (await unitByCode(unitCode)).id : undefined;
    const { rows, pager } = await browseAuditLog(actorOf(req), { ...filter, unitId }, page, req.locale);
    res.json({ entries: rows.map(toJson), ...pageFields(pager) });
  });
  return router;
}
