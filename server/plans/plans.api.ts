// /api/v1/plans: the same services and scoping as the pages. A center token works on its own unit only (a
// unitCode it sends is ignored); the board names the unit, and alone approves or returns.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api/api.routes.js';
import { describeApi } from '../api/openapi.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageJson, pageOfList } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { PLAN_STATUSES } from './plan.model.js';
import { assertPlanInScope, getPlan, listPlans } from './plans.queries.js';
import { actionApi, createPlanApi, listQuery, returnApi, updatePlanApi } from './plans.schema.js';
import { amendPlan, approvePlan, createPlan, returnPlan, submitPlan, updatePlan } from './plans.service.js';

const PLANS_PER_PAGE = 50;
const quartersJson = z.object({ courses: z.array(z.number()).length(4), trainees: z.array(z.number()).length(4) }).nullable();
const summaryJson = z.object({
  id: z.number(),
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  year: z.number(),
  version: z.number(),
  status: z.enum(PLAN_STATUSES),
  inForce: z.boolean().describe('The approved version with the highest number for its unit and year: the one reports use.'),
  amendsPlanId: z.number().nullable(),
  submittedAt: z.string().nullable().describe('ISO 8601 timestamp'),
  decidedAt: z.string().nullable().describe('When it was approved or returned'),
  updatedAt: z.string(),
  lockVersion: z.number().describe('Send it back with PUT (and optionally with the actions) to avoid lost updates.'),
  totals: z.object({ plannedCourses: z.number(), plannedTrainees: z.number(), quarters: quartersJson }),
});
const planJson = summaryJson.extend({
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  targets: z.array(
    z.object({
      programCode: z.string(),
      programName: z.string(),
      category: z.enum(['dao-tao', 'boi-duong-llct', 'boi-duong-nv']),
      plannedCourses: z.number(),
      plannedTrainees: z.number(),
      quarters: quartersJson,
    }),
  ),
});
const one = z.object({ plan: planJson });
const conflict = { description: 'Version conflict (`current` holds the plan as it is now) or a step not allowed in the plan’s status' };
const forbidden = { description: 'Only the provincial board (admin) approves or returns' };

describeApi({ method: 'get', path: '/plans', tag: 'Plans', summary: `Plans in your scope (a center: its own), newest year first, ${PLANS_PER_PAGE} a page`, query: listQuery, responses: { 200: { description: 'Plans', schema: z.object({ plans: z.array(summaryJson), ...pageJson }) } } });
describeApi({ method: 'post', path: '/plans', tag: 'Plans', summary: 'Draft a plan for a year (version 1); an admin names unitCode', body: createPlanApi, responses: { 201: { description: 'The new draft', schema: one }, 409: { description: 'The unit already has a plan for that year (amend the approved one instead)' } } });
describeApi({ method: 'get', path: '/plans/:id', tag: 'Plans', summary: 'One plan with its targets', responses: { 200: { description: 'The plan', schema: one } } });
describeApi({ method: 'put', path: '/plans/:id', tag: 'Plans', summary: 'Replace the note and all targets of a draft or returned plan', body: updatePlanApi, responses: { 200: { description: 'The saved plan', schema: one }, 409: conflict } });
describeApi({ method: 'post', path: '/plans/:id/submit', tag: 'Plans', summary: 'Submit a draft or returned plan to the board', body: actionApi, responses: { 200: { description: 'The submitted plan', schema: one }, 409: conflict } });
describeApi({ method: 'post', path: '/plans/:id/approve', tag: 'Plans', summary: 'Approve a submitted plan (admin); it is then locked', body: actionApi, responses: { 200: { description: 'The approved plan', schema: one }, 403: forbidden, 409: conflict } });
describeApi({ method: 'post', path: '/plans/:id/return', tag: 'Plans', summary: 'Return a submitted plan to its unit with a reason (admin)', body: returnApi, responses: { 200: { description: 'The returned plan', schema: one }, 403: forbidden, 409: conflict } });
describeApi({ method: 'post', path: '/plans/:id/amend', tag: 'Plans', summary: 'Start an amendment of the approved plan in force: a new draft version copying its targets', body: actionApi, responses: { 201: { description: 'The new draft version', schema: one }, 409: conflict } });

const body = (req: Request) => (req.body ?? {}) as unknown;
const planId = (req: Request) => parse(idParam, req.params.id, req);
/** Another unit's plan answers 404 before its request body is even looked at. */
async function scopedId(req: Request): Promise<number> {
  const id = planId(req);
  await assertPlanInScope(actorOf(req), id);
  return id;
}

export function plansApi(_deps: ApiDeps): Router {
  const router = Router();
  router.use('/plans', requireRole('admin', 'center'));

  router.get('/plans', async (req, res) => {
    const { page, ...filter } = parse(listQuery, req.query, req);
    const { rows, page: pager } = pageOfList(await listPlans(actorOf(req), filter), page, PLANS_PER_PAGE);
    res.json({ plans: rows, ...pager });
  });

  router.post('/plans', async (req, res) => {
    const input = parse(createPlanApi, body(req), req);
    const plan = await createPlan(actorOf(req), { year: input.year, unitCode: input.unitCode, note: input.note, targets: input.targets });
    res.status(201).location(`/api/v1/plans/${plan.id}`).json({ plan });
  });

  router.get('/plans/:id', async (req, res) => {
    res.json({ plan: await getPlan(actorOf(req), planId(req)) });
  });

  router.put('/plans/:id', async (req, res) => {
    const id = await scopedId(req);
    const input = parse(updatePlanApi, body(req), req);
    res.json({ plan: await updatePlan(actorOf(req), id, input) });
  });

  router.post('/plans/:id/submit', async (req, res) => {
    const id = await scopedId(req);
    res.json({ plan: await submitPlan(actorOf(req), id, parse(actionApi, body(req), req).lockVersion) });
  });

  router.post('/plans/:id/approve', async (req, res) => {
    const id = await scopedId(req);
    res.json({ plan: await approvePlan(actorOf(req), id, parse(actionApi, body(req), req).lockVersion) });
  });

  router.post('/plans/:id/return', async (req, res) => {
    const id = await scopedId(req);
    const { reason, lockVersion } = parse(returnApi, body(req), req);
    res.json({ plan: await returnPlan(actorOf(req), id, reason, lockVersion) });
  });

  router.post('/plans/:id/amend', async (req, res) => {
    const id = await scopedId(req);
    const plan = await amendPlan(actorOf(req), id, parse(actionApi, body(req), req).lockVersion);
    res.status(201).location(`/api/v1/plans/${plan.id}`).json({ plan });
  });

  return router;
}
