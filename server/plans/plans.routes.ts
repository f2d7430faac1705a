// Plan pages: the list (a center's own plans; the board's status table of every unit for a year), the form,
// the plan's page with its versions and history, and the actions submit / approve / return / amend.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { historyOf } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { todayInVietnam } from '../lib/format.js';
import type { PageDeps } from '../http/page-deps.js';
import { listUnits } from '../units/units.service.js';
import { planComparison, type PlanComparison } from './plan-comparison.js';
import { draftPlan } from './plan-drafts.service.js';
import { formPrograms, formRows } from './plan-form.js';
import { planStatusTable } from './plan-status.js';
import { assertPlanInScope, getPlan, latestPlan, listPlans, planVersions, type PlanDetail } from './plans.queries.js';
import { actionForm, draftForm, planFormSchema, returnForm } from './plans.schema.js';
import { allowedActions, isEditable } from './plan-actions.js';
import { amendPlan, approvePlan, createPlan, returnPlan, submitPlan, updatePlan } from './plans.service.js';

const yearValue = z.coerce.number().int().min(2000).max(2100);
const listQuery = z.object({ year: yearValue.optional().catch(undefined) });
const newQuery = z.object({ year: yearValue.optional().catch(undefined), unitId: z.coerce.number().int().positive().optional().catch(undefined) });

const thisYear = () => Number(todayInVietnam().slice(0, 4));
/** Plans for next year are drafted in the last quarter. */
const yearToPlan = () => (Number(todayInVietnam().slice(5, 7)) >= 10 ? thisYear() + 1 : thisYear());

/**
 * The plan's id: from the path, or — when the error handler redraws a form, outside this router, where
 * req.params is empty again — from what `inScope` kept.
 */
const planId = (req: Request, res?: Response) => (res?.locals.planId as number | undefined) ?? parse(idParam, req.params.id, req);
/** Another unit's plan is not found, before its form could be redrawn with a validation error. */
const inScope = async (req: Request, res: Response, next: NextFunction) => {
  res.locals.planId = planId(req);
  await assertPlanInScope(actorOf(req), res.locals.planId as number);
  next();
};
const posted = (req: Request) => (req.method === 'POST' ? (req.body as Record<string, unknown>) : undefined);

/** "Last year" for the pages: the heading naming the year compared with, and the figures per program. */
function comparisonView(req: Request, c: PlanComparison | null, year: number) {
  if (!c) return null;
  return {
    ...c,
    heading: c.previousYear ? t(req.locale, 'plans.compare.heading', { year: c.year }) : t(req.locale, 'plans.compare.headingEarlier', { year: c.year, previous: year - 1 }),
  };
}

async function comparisonFor(req: Request, unitId: number | null | undefined, year: number) {
  return unitId ? comparisonView(req, await planComparison(actorOf(req), unitId, year), year) : null;
}

async function newContext(req: Request) {
  const actor = actorOf(req);
  const query = parse(newQuery, req.query, req);
  const programs = await formPrograms();
  const year = query.year ?? yearToPlan();
  const unitId = actor.role === 'center' ? actor.unitId : query.unitId;
  const comparison = await comparisonFor(req, unitId, year);
  return {
    title: t(req.locale, 'plans.newPlan'),
    mode: 'new',
    action: '/plans',
    units: actor.role === 'admin' ? await listUnits({ training: true, activeOn: todayInVietnam() }) : null,
    rows: formRows(programs, { body: posted(req), comparison }),
    comparison,
    draft: unitId ? { year, unitId: actor.role === 'admin' ? unitId : undefined } : null,
    values: { year, unitId: query.unitId },
  };
}

async function editContext(req: Request, res: Response) {
  const plan = await getPlan(actorOf(req), planId(req, res));
  const comparison = await comparisonFor(req, plan.unitId, plan.year);
  return {
    title: t(req.locale, 'plans.editPlan'),
    mode: 'edit',
    action: `/plans/${plan.id}`,
    plan,
    rows: formRows(await formPrograms(plan), { body: posted(req), plan, comparison }),
    comparison,
    values: { note: plan.note ?? '', lockVersion: plan.lockVersion },
  };
}

async function showContext(req: Request, res: Response) {
  const actor = actorOf(req);
  const plan = await getPlan(actor, planId(req, res));
  const versions = await planVersions(plan);
  const comparison = await comparisonFor(req, plan.unitId, plan.year);
  return {
    title: t(req.locale, 'plans.planOfYear', { year: plan.year }),
    plan,
    comparison,
    compared: compareRows(plan, comparison),
    versions,
    amendsVersion: versions.find((v) => v.id === plan.amendsPlanId)?.version ?? null,
    actions: allowedActions(actor, plan, versions),
    history: await historyOf('plan', plan.id, req.locale),
    values: {},
  };
}

/** The plan's targets with last year's figures beside them, and the programs of last year it has no target for. */
function compareRows(plan: PlanDetail, comparison: PlanComparison | null) {
  const rows = plan.targets.map((target) => ({ ...target, hasTarget: true, last: comparison?.byProgram[target.programCode] ?? null }));
  for (const p of comparison?.programs ?? []) {
    if (plan.targets.some((target) => target.programCode === p.code)) continue;
    rows.push({ programCode: p.code, programName: p.name, hasTarget: false, last: comparison!.byProgram[p.code] ?? null } as (typeof rows)[number]);
  }
  return rows;
}

export function planRoutes(_deps: PageDeps): Router {
  const router = Router();
  router.use('/plans', requireRole('admin', 'center'));

  router.get('/plans', async (req, res) => {
    const actor = actorOf(req);
    const { year } = parse(listQuery, req.query, req);
    if (actor.role === 'admin') {
      const shown = year ?? yearToPlan();
      const table = await planStatusTable(actor, shown);
      return res.render('plans/status', {
        title: t(req.locale, 'plans.statusTitle', { year: shown }),
        table: { ...table, units: table.units.map((unit, i) => ({ ...unit, no: i + 1 })) },
        years: [shown - 2, shown - 1, shown, shown + 1],
      });
    }
    res.render('plans/index', { title: t(req.locale, 'plans.myPlans'), plans: await listPlans(actor, { year }), year: yearToPlan() });
  });

  router.get('/plans/new', async (req, res) => {
    const actor = actorOf(req);
    const query = parse(newQuery, req.query, req);
    const unitId = actor.role === 'center' ? actor.unitId : query.unitId;
    const year = query.year ?? yearToPlan();
    const existing = unitId ? await latestPlan(unitId, year) : null;
    if (existing) {
      flash(req, 'info', t(req.locale, 'plans.done.exists', { year }));
      return res.redirect(303, `/plans/${existing.id}`);
    }
    res.render('plans/form', await newContext(req));
  });

  // Start from the survey's answer or a copy of last year's plan: a draft, then its form to check and edit.
  router.post('/plans/draft', async (req, res) => {
    const input = parse(draftForm, req.body, req);
    const plan = await draftPlan(actorOf(req), input);
    flash(req, 'success', t(req.locale, 'plans.drafts.created', { year: plan.year }));
    res.redirect(303, `/plans/${plan.id}/edit`);
  });

  router.post('/plans', withForm('plans/form', newContext), async (req, res) => {
    const programs = await formPrograms();
    const input = parse(planFormSchema(programs.map((p) => p.code), 'new'), req.body, req);
    const plan = await createPlan(actorOf(req), { year: input.year!, unitId: input.unitId, note: input.note, targets: input.targets });
    flash(req, 'success', t(req.locale, 'plans.done.created', { year: plan.year }));
    res.redirect(303, `/plans/${plan.id}`);
  });

  router.get('/plans/:id', async (req, res) => {
    res.render('plans/show', await showContext(req, res));
  });

  router.get('/plans/:id/edit', async (req, res) => {
    const context = await editContext(req, res);
    if (!isEditable(context.plan.status)) throw new AppError('conflict', 'plans.errors.notEditable');
    res.render('plans/form', context);
  });

  router.post('/plans/:id', inScope, withForm('plans/form', editContext), async (req, res) => {
    const id = planId(req);
    const programs = await formPrograms(await getPlan(actorOf(req), id));
    const input = parse(planFormSchema(programs.map((p) => p.code), 'edit'), req.body, req);
    await updatePlan(actorOf(req), id, { lockVersion: input.lockVersion!, note: input.note, targets: input.targets });
    flash(req, 'success', t(req.locale, 'plans.done.saved'));
    res.redirect(303, `/plans/${id}`);
  });

  const onShow = withForm('plans/show', showContext);

  router.post('/plans/:id/submit', inScope, onShow, async (req, res) => {
    const { lockVersion } = parse(actionForm, req.body, req);
    await submitPlan(actorOf(req), planId(req), lockVersion);
    flash(req, 'success', t(req.locale, 'plans.done.submitted'));
    res.redirect(303, `/plans/${planId(req)}`);
  });

  router.post('/plans/:id/approve', inScope, onShow, async (req, res) => {
    const { lockVersion } = parse(actionForm, req.body, req);
    await approvePlan(actorOf(req), planId(req), lockVersion);
    flash(req, 'success', t(req.locale, 'plans.done.approved'));
    res.redirect(303, `/plans/${planId(req)}`);
  });

  router.post('/plans/:id/return', inScope, onShow, async (req, res) => {
    const { reason, lockVersion } = parse(returnForm, req.body, req);
    await returnPlan(actorOf(req), planId(req), reason, lockVersion);
    flash(req, 'success', t(req.locale, 'plans.done.returned'));
    res.redirect(303, `/plans/${planId(req)}`);
  });

  router.post('/plans/:id/amend', inScope, onShow, async (req, res) => {
    const { lockVersion } = parse(actionForm, req.body, req);
    const amendment = await amendPlan(actorOf(req), planId(req), lockVersion);
    flash(req, 'success', t(req.locale, 'plans.done.amended', { version: amendment.version }));
    res.redirect(303, `/plans/${amendment.id}/edit`);
  });

  return router;
}
