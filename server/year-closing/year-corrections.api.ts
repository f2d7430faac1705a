// /api/v1/year-corrections: requests to change a closed year's figures, as on the /year-corrections pages — the
// queue (the board: every unit's; a center token: its own), one request with its before and after, and the
// board's approval or refusal. Asking for one stays on the course and enrollment pages (their forms).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/api.routes.js';
import { describeApi } from '../api/openapi.js';
import { idParam, optionalText, requiredText } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { apiPage, pageFields, pageJson } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { approveCorrection, rejectCorrection } from './correction-decisions.js';
import { getCorrection, listCorrections, type CorrectionRow } from './correction-requests.js';
import { CORRECTION_STATUSES, CORRECTION_TARGETS } from './year-closing.model.js';

const TAG = 'Closed-year corrections';
const listQuery = z.object({
  status: z.enum(CORRECTION_STATUSES).optional(),
  courseId: z.coerce.number().int().positive().optional().describe('One course’s requests'),
  page: apiPage(),
});
const approveBody = z.object({ note: optionalText(2000).describe('Optional note for the unit') });
const rejectBody = z.object({ note: requiredText(2000).describe('Why the change is refused; the unit reads it') });

const value = z.union([z.string(), z.number(), z.null()]);
const requestJson = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int().describe('The closed year the change is about'),
  courseId: z.number().int(),
  courseName: z.string(),
  targetType: z.enum(CORRECTION_TARGETS),
  targetId: z.number().int().describe('The course’s or the enrollment’s id'),
  traineeName: z.string().nullable().describe('For an enrollment'),
  changeKind: z.enum(['update', 'cancel', 'withdraw']),
  changes: z.array(z.object({ field: z.string(), before: value, after: value })).describe('Each field asked to change, as stored: dates ISO, attendance 0–1, scores 0–10'),
  reason: z.string(),
  status: z.enum(CORRECTION_STATUSES).describe('pending, applied (approved and written) or rejected'),
  requestedByName: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601 timestamp'),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  lockVersion: z.number().int(),
});
const one = z.object({ yearCorrection: requestJson.extend({ targetChanged: z.boolean().describe('The record was saved again since: approving is refused') }) });

describeApi({
  method: 'get',
  path: '/year-corrections',
  tag: TAG,
  summary: 'Requests to correct a closed year (a center token: its unit’s), pending first, 50 a page',
  query: listQuery,
  responses: { 200: { description: 'Requests', schema: z.object({ yearCorrections: z.array(requestJson), pendingCount: z.number().int(), ...pageJson }) }, 403: { description: 'A trainee token' } },
});
describeApi({ method: 'get', path: '/year-corrections/:id', tag: TAG, summary: 'One request, with what it changes', responses: { 200: { description: 'The request', schema: one } } });
describeApi({
  method: 'post',
  path: '/year-corrections/:id/approve',
  tag: TAG,
  summary: 'The board approves: the change is written to the closed year, audited with the reason',
  body: approveBody,
  responses: { 200: { description: 'The applied request', schema: one }, 403: { description: 'Not the board' }, 409: { description: 'Decided already, or the record changed since the request' } },
});
describeApi({
  method: 'post',
  path: '/year-corrections/:id/reject',
  tag: TAG,
  summary: 'The board refuses, saying why; nothing changes',
  body: rejectBody,
  responses: { 200: { description: 'The rejected request', schema: one }, 403: { description: 'Not the board' }, 409: { description: 'Decided already' } },
});

const plain = (v: unknown): string | number | null => (typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));

const toJson = (r: CorrectionRow): z.output<typeof requestJson> => ({
  id: r.id,
  unitId: r.unitId,
  unitName: r.unitName,
  year: r.year,
  courseId: r.courseId,
  courseName: r.courseName,
  targetType: r.targetType,
  targetId: r.targetId,
  traineeName: r.traineeName,
  changeKind: r.changeKind,
  changes: r.changes.map((c) => ({ field: c.field, before: plain(c.before), after: plain(c.after) })),
  reason: r.reason,
  status: r.status,
  requestedByName: r.requestedByName,
  createdAt: r.createdAt.toISOString(),
  decidedByName: r.decidedByName,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionNote: r.decisionNote,
  lockVersion: r.lockVersion,
});

export function yearCorrectionsApi(_deps: ApiDeps): Router {
  const router = Router();
  router.use('/year-corrections', requireRole('center', 'admin'));
  const id = (req: Request) => parse(idParam, req.params.id, req);
  const shown = async (req: Request, requestId: number) => {
    const request = await getCorrection(actorOf(req), requestId);
    return { yearCorrection: { ...toJson(request), targetChanged: request.targetChanged } };
  };

  router.get('/year-corrections', async (req, res) => {
    const { status, courseId, page } = parse(listQuery, req.query, req);
    const { rows, pager, pendingCount } = await listCorrections(actorOf(req), { status, courseId, page });
    res.json({ yearCorrections: rows.map(toJson), pendingCount, ...pageFields(pager) });
  });

  router.get('/year-corrections/:id', async (req, res) => {
    res.json(await shown(req, id(req)));
  });

  router.post('/year-corrections/:id/approve', requireRole('admin'), async (req, res) => {
    const requestId = id(req);
    const { note } = parse(approveBody, req.body ?? {}, req);
    await approveCorrection(actorOf(req), requestId, note ?? null);
    res.json(await shown(req, requestId));
  });

  router.post('/year-corrections/:id/reject', requireRole('admin'), async (req, res) => {
    const requestId = id(req);
    const { note } = parse(rejectBody, req.body ?? {}, req);
    await rejectCorrection(actorOf(req), requestId, note);
    res.json(await shown(req, requestId));
  });

  return router;
}
