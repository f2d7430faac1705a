// /api/v1/corrections: trainees' correction requests, for their unit's staff (the board: all), as on the
// /corrections pages: the list, one request, and resolving it with a note.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/api.routes.js';
import { describeApi } from '../api/openapi.js';
import { idParam, optionalText } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { apiPage, pageFields, pageJson } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { unitByCode } from '../units/units.service.js';
import { CORRECTION_STATUSES } from './correction-request.model.js';
import { getForStaff, listForStaff, resolveRequest, type StaffRequestRow } from './corrections.service.js';
import { longText } from './portal.routes.js';

const TAG = 'Correction requests';
const listQuery = z.object({
  status: z.enum(CORRECTION_STATUSES).optional(),
  unitCode: optionalText(20).describe('The board only; a center token always reads its own unit’s'),
  page: apiPage(),
});
const resolveBody = z.object({ note: longText().describe('What was corrected, or why nothing was') });

const requestJson = z.object({
  id: z.number().int(),
  createdAt: z.string().describe('ISO 8601 timestamp'),
  traineeId: z.number().int(),
  traineeName: z.string(),
  birthYear: z.number().int().nullable(),
  unitName: z.string(),
  enrollmentId: z.number().int().nullable(),
  courseId: z.number().int().nullable(),
  courseName: z.string().nullable(),
  message: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolverName: z.string().nullable(),
  lockVersion: z.number().int(),
});
const one = z.object({ correctionRequest: requestJson });

describeApi({
  method: 'get',
  path: '/corrections',
  tag: TAG,
  summary: 'Correction requests sent by trainees (a center token: to its unit), open ones first, 50 a page',
  query: listQuery,
  responses: { 200: { description: 'Requests', schema: z.object({ correctionRequests: z.array(requestJson), openCount: z.number().int(), ...pageJson }) }, 403: { description: 'A trainee token' } },
});
describeApi({ method: 'get', path: '/corrections/:id', tag: TAG, summary: 'One correction request', responses: { 200: { description: 'The request', schema: one } } });
describeApi({
  method: 'post',
  path: '/corrections/:id/resolve',
  tag: TAG,
  summary: 'Mark an open request resolved, with a note the trainee reads',
  body: resolveBody,
  responses: { 200: { description: 'The resolved request', schema: one }, 409: { description: 'Already resolved' } },
});

const toJson = (r: StaffRequestRow): z.output<typeof requestJson> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
});

export function correctionsApi({ sequelize }: ApiDeps): Router {
  const router = Router();
  router.use('/corrections', requireRole('center', 'admin'));
  const id = (req: Request) => parse(idParam, req.params.id, req);

  router.get('/corrections', async (req, res) => {
    const { unitCode, ...filter } = parse(listQuery, req.query, req);
    const unitId = unitCode ? (await unitByCode(unitCode)).id : undefined;
    const { rows, pager, openCount } = await listForStaff(actorOf(req), { ...filter, unitId });
    res.json({ correctionRequests: rows.map(toJson), openCount, ...pageFields(pager) });
  });

  router.get('/corrections/:id', async (req, res) => {
    res.json({ correctionRequest: toJson(await getForStaff(actorOf(req), id(req))) });
  });

  router.post('/corrections/:id/resolve', async (req, res) => {
    const actor = actorOf(req);
    const requestId = id(req);
    // Another unit's request answers 404 before its body is looked at.
    await getForStaff(actor, requestId);
    const { note } = parse(resolveBody, req.body ?? {}, req);
    await resolveRequest(sequelize, actor, requestId, note);
    res.json({ correctionRequest: toJson(await getForStaff(actor, requestId)) });
  });

  return router;
}
