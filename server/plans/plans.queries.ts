// Reading plans: one plan with its targets, a unit's versions, and the plan in force (the approved version
// with the highest number) that reports measure progress against.
import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScope } from '../auth/scope.js';
import { Plan, PlanTarget, Program, Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { ProgramCategory } from '../programs/program.model.js';
import type { PlanStatus } from './plan.model.js';
import type { Quarters } from './plans.schema.js';

export interface PlanTargetView {
  programCode: string;
  programName: string;
  category: ProgramCategory;
  plannedCourses: number;
  plannedTrainees: number;
  quarters: Quarters | null;
}

export interface PlanTotals {
  plannedCourses: number;
  plannedTrainees: number;
  /** Quarter sums, only when every target of the plan is split by quarter. */
  quarters: Quarters | null;
}

export interface PlanSummary {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  year: number;
  version: number;
  status: PlanStatus;
  /** The approved version with the highest number for its unit and year: the one reports use. */
  inForce: boolean;
  amendsPlanId: number | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  updatedAt: Date;
  lockVersion: number;
  totals: PlanTotals;
}

export interface PlanDetail extends PlanSummary {
  note: string | null;
  returnReason: string | null;
  createdAt: Date;
  targets: PlanTargetView[];
}

/**
 * SQL condition true for the plan row in force, for a `plans` table under the given alias. For reports:
 * `JOIN plans p ON p.unit_id = u.id AND p.year = :year AND ${inForcePlanCondition('p')}`.
 */
export const inForcePlanCondition = (alias: string) =>
  `${alias}.status = 'approved' AND ${alias}.version = (SELECT MAX(ifp.version) FROM plans ifp ` +
  `WHERE ifp.unit_id = ${alias}.unit_id AND ifp.year = ${alias}.year AND ifp.status = 'approved')`;

export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const quartersOf = (row: Record<string, unknown>, prefix = ''): Quarters | null => {
  const courses = [1, 2, 3, 4].map((q) => num(row[`${prefix}q${q}Courses`]));
  const trainees = [1, 2, 3, 4].map((q) => num(row[`${prefix}q${q}Trainees`]));
  if ([...courses, ...trainees].some((n) => n === null)) return null;
  return { courses: courses as number[], trainees: trainees as number[] };
};

const QUARTER_SUMS = [1, 2, 3, 4]
  .flatMap((q) => [
    `CASE WHEN COUNT(*) = COUNT(q${q}_courses) THEN SUM(q${q}_courses) END AS "q${q}Courses"`,
    `CASE WHEN COUNT(*) = COUNT(q${q}_trainees) THEN SUM(q${q}_trainees) END AS "q${q}Trainees"`,
  ])
  .join(', ');

/** Totals per plan, summed by the database. */
export async function planTotals(planIds: number[], transaction?: Transaction): Promise<Map<number, PlanTotals>> {
  const totals = new Map<number, PlanTotals>();
  if (planIds.length === 0) return totals;
  const rows = await Plan.sequelize!.query<Record<string, unknown>>(
    `SELECT plan_id AS "planId", SUM(planned_courses) AS "courses", SUM(planned_trainees) AS "trainees", ${QUARTER_SUMS}
     FROM plan_targets WHERE plan_id IN (:planIds) GROUP BY plan_id`,
    { replacements: { planIds }, type: QueryTypes.SELECT, transaction },
  );
  for (const row of rows) {
    totals.set(Number(row.planId), { plannedCourses: Number(row.courses), plannedTrainees: Number(row.trainees), quarters: quartersOf(row) });
  }
  return totals;
}

const EMPTY_TOTALS: PlanTotals = { plannedCourses: 0, plannedTrainees: 0, quarters: null };

/** Of the given plans, the ids of those in force. */
async function inForceIds(planIds: number[], transaction?: Transaction): Promise<Set<number>> {
  if (planIds.length === 0) return new Set();
  const rows = await Plan.sequelize!.query<{ id: number }>(`SELECT p.id AS "id" FROM plans p WHERE p.id IN (:planIds) AND ${inForcePlanCondition('p')}`, {
    replacements: { planIds },
    type: QueryTypes.SELECT,
    transaction,
  });
  return new Set(rows.map((r) => Number(r.id)));
}

type PlanWithUnit = Plan & { unit?: Unit };

async function summaries(plans: PlanWithUnit[], transaction?: Transaction): Promise<PlanSummary[]> {
  const ids = plans.map((p) => p.id);
  const [totals, inForce] = await Promise.all([planTotals(ids, transaction), inForceIds(ids, transaction)]);
  return plans.map((p) => ({
    id: p.id,
    unitId: p.unitId,
    unitCode: p.unit?.code ?? '',
    unitName: p.unit?.name ?? '',
    year: p.year,
    version: p.version,
    status: p.status,
    inForce: inForce.has(p.id),
    amendsPlanId: p.amendsPlanId ?? null,
    submittedAt: p.submittedAt ?? null,
    decidedAt: p.decidedAt ?? null,
    updatedAt: p.updatedAt,
    lockVersion: p.lockVersion,
    totals: totals.get(p.id) ?? EMPTY_TOTALS,
  }));
}

const withUnit = { model: Unit, as: 'unit', attributes: ['id', 'code', 'name', 'sortOrder'] };

/** One plan with its targets, by id, without a scope check: callers check scope first. */
export async function planDetail(id: number, transaction?: Transaction): Promise<PlanDetail> {
  const plan = (await Plan.findByPk(id, { include: [withUnit], transaction })) as PlanWithUnit | null;
  if (!plan) throw new AppError('not_found', 'common.errors.notFound');
  const targets = (await PlanTarget.findAll({
    where: { planId: id },
    include: [{ model: Program, as: 'program', attributes: ['code', 'name', 'category', 'sortOrder'] }],
    order: [[{ model: Program, as: 'program' }, 'sortOrder', 'ASC']],
    transaction,
  })) as Array<PlanTarget & { program: Program }>;
  const [summary] = await summaries([plan], transaction);
  return {
    ...summary!,
    note: plan.note ?? null,
    returnReason: plan.returnReason ?? null,
    createdAt: plan.createdAt,
    targets: targets.map((t) => ({
      programCode: t.program.code,
      programName: t.program.name,
      category: t.program.category,
      plannedCourses: t.plannedCourses,
      plannedTrainees: t.plannedTrainees,
      quarters: quartersOf(t.get({ plain: true }) as Record<string, unknown>),
    })),
  };
}

/** Throws not_found unless the plan exists and the actor may see it. */
export async function assertPlanInScope(actor: Actor, id: number): Promise<void> {
  const plan = await Plan.findByPk(id, { attributes: ['id', 'unitId'] });
  if (!plan) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, plan.unitId);
}

/** A plan the actor may see; another unit's plan is not found. */
export async function getPlan(actor: Actor, id: number): Promise<PlanDetail> {
  await assertPlanInScope(actor, id);
  return planDetail(id);
}

export interface PlanFilter {
  year?: number;
  unitCode?: string;
  status?: PlanStatus;
}

/** Plans in the actor's scope, newest year first, then by unit and version. A center's unitCode is ignored. */
export async function listPlans(actor: Actor, filter: PlanFilter = {}): Promise<PlanSummary[]> {
  const where: Record<string, unknown> = { ...unitScope(actor) };
  if (filter.year) where.year = filter.year;
  if (filter.status) where.status = filter.status;
  const unitWhere = actor.role === 'admin' && filter.unitCode ? { code: filter.unitCode.toUpperCase() } : undefined;
  const plans = (await Plan.findAll({
    where: where as WhereOptions<Plan>,
    include: [{ ...withUnit, ...(unitWhere ? { where: unitWhere } : {}) }],
    order: [
      ['year', 'DESC'],
      [{ model: Unit, as: 'unit' }, 'sortOrder', 'ASC'],
      ['version', 'DESC'],
    ],
    limit: 1000,
  })) as PlanWithUnit[];
  return summaries(plans);
}

/** Every version of the plan's unit and year, newest first. */
export async function planVersions(plan: { unitId: number; year: number }): Promise<PlanSummary[]> {
  const plans = (await Plan.findAll({
    where: { unitId: plan.unitId, year: plan.year },
    include: [withUnit],
    order: [['version', 'DESC']],
  })) as PlanWithUnit[];
  return summaries(plans);
}

/** The newest version of a unit's plan for a year (any status), or null. */
export async function latestPlan(unitId: number, year: number, transaction?: Transaction): Promise<Plan | null> {
  return Plan.findOne({ where: { unitId, year }, order: [['version', 'DESC']], transaction });
}

/** The approved plan with the highest version for the unit and year — the one in force — or null. */
export async function planInForce(unitId: number, year: number): Promise<PlanDetail | null> {
  const plan = await Plan.findOne({ where: { unitId, year, status: 'approved' }, order: [['version', 'DESC']], attributes: ['id'] });
  return plan ? planDetail(plan.id) : null;
}

/** The open version (draft, submitted or returned) of a unit's plan for a year, if any: there is at most one. */
export async function openPlanOf(unitId: number, year: number, transaction: Transaction): Promise<Plan | null> {
  return Plan.findOne({ where: { unitId, year, status: { [Op.in]: ['draft', 'submitted', 'returned'] } }, order: [['version', 'DESC']], transaction });
}
