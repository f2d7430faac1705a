// The plan lifecycle (DOMAIN.md "Plan"): draft → submitted → approved, or returned with a reason → edited →
// submitted again. An approved plan is locked; an amendment is a new version (a draft copy) of the one in force.
// At most one version of a unit's plan for a year is open (draft, submitted or returned) at a time.
import type { Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, owningUnit } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Plan, PlanTarget, Program, Unit } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { announceAfterCommit } from '../notifications/index.js';
import { AppError } from '../http/errors.js';
import { updateVersioned } from '../lib/versioned.js';
import { EDITABLE } from './plan-actions.js';
import { latestPlan, openPlanOf, planDetail, type PlanDetail } from './plans.queries.js';
import { quarterColumns, quarterSumError, type PlanContent, type Quarters, type TargetInput } from './plans.schema.js';
import { todayInVietnam } from '../lib/format.js';
import { assertUnitOpen } from '../units/index.js';

export interface NewPlan extends PlanContent {
  year: number;
  /** Admin only, from a form; a center's own unit is always used. */
  unitId?: number;
  /** Admin only, from the API. */
  unitCode?: string;
}

export interface PlanEdit extends PlanContent {
  lockVersion: number;
}

const ENTITY = 'plan';

const db = () => Plan.sequelize!;

type Count = number | null;
interface TargetRow {
  programId: number;
  programCode: string;
  plannedCourses: number;
  plannedTrainees: number;
  q1Courses: Count;
  q2Courses: Count;
  q3Courses: Count;
  q4Courses: Count;
  q1Trainees: Count;
  q2Trainees: Count;
  q3Trainees: Count;
  q4Trainees: Count;
}

/** The unit a new plan belongs to: a center's own; for the board, the unit it names. Locked until commit. */
async function trainingUnit(actor: Actor, input: NewPlan, transaction: Transaction): Promise<Unit> {
  let requested = input.unitId ?? null;
  const unitField = 'unitCode' in input ? 'unitCode' : 'unitId';
  if (actor.role === 'admin' && !requested && input.unitCode) {
    const named = await Unit.findOne({ where: { code: input.unitCode.toUpperCase() }, transaction });
    if (!named) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitCode: 'users.unknownUnit' } });
    requested = named.id;
  }
  if (actor.role === 'admin' && !requested) throw new AppError('invalid', 'common.errors.invalid', { fields: { [unitField]: 'common.validation.required' } });
  // Locking the unit's row makes two simultaneous "new version" requests for it take turns.
  const unit = await Unit.findByPk(owningUnit(actor, requested), forUpdate(transaction));
  if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { [unitField]: 'users.unknownUnit' } });
  if (unit.kind === 'board') throw new AppError('invalid', 'common.errors.invalid', { fields: { [unitField]: 'plans.errors.notTrainingUnit' } });
  // No plan once the unit has ceased, nor for a year that starts after it ceases.
  const today = todayInVietnam();
  const yearStart = `${input.year}-01-01`;
  await assertUnitOpen(unit.id, yearStart > today ? yearStart : today, unitField, transaction);
  return unit;
}

/** Program codes → rows to store. Field errors name the API's paths (`targets.2.programCode`). */
async function resolveTargets(targets: TargetInput[], keptProgramIds: Set<number>, transaction: Transaction): Promise<TargetRow[]> {
  const codes = targets.map((t) => t.programCode.toUpperCase());
  const programs = codes.length ? await Program.findAll({ where: { code: codes }, transaction }) : [];
  const byCode = new Map(programs.map((p) => [p.code, p]));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  const rows: TargetRow[] = [];
  targets.forEach((target, i) => {
    const code = codes[i]!;
    const program = byCode.get(code);
    if (!program) fields[`targets.${i}.programCode`] = 'programs.unknown';
    else if (!program.active && !keptProgramIds.has(program.id)) fields[`targets.${i}.programCode`] = 'plans.errors.inactiveProgram';
    else if (seen.has(code)) fields[`targets.${i}.programCode`] = 'plans.errors.duplicateProgram';
    seen.add(code);
    const q = target.quarters ?? null;
    for (const part of ['courses', 'trainees'] as const) {
      if (!q) continue;
      const total = part === 'courses' ? target.plannedCourses : target.plannedTrainees;
      if (q[part].length !== 4) fields[`targets.${i}.quarters.${part}`] = 'plans.errors.quartersIncomplete';
      else if (quarterSumError(total, q[part])) fields[`targets.${i}.quarters.${part}`] = 'plans.errors.quartersMismatch';
    }
    if (!program) return;
    rows.push({
      programId: program.id,
      programCode: code,
      plannedCourses: target.plannedCourses,
      plannedTrainees: target.plannedTrainees,
      ...quarterColumns(q),
    });
  });
  if (Object.keys(fields).length) throw new AppError('invalid', 'common.errors.invalid', { fields });
  return rows;
}

async function storedTargets(planId: number, transaction: Transaction): Promise<TargetRow[]> {
  const rows = (await PlanTarget.findAll({ where: { planId }, include: [{ model: Program, as: 'program', attributes: ['code'] }], transaction })) as Array<
    PlanTarget & { program: Program }
  >;
  return rows.map((r) => ({
    programId: r.programId,
    programCode: r.program.code,
    plannedCourses: r.plannedCourses,
    plannedTrainees: r.plannedTrainees,
    q1Courses: r.q1Courses ?? null,
    q2Courses: r.q2Courses ?? null,
    q3Courses: r.q3Courses ?? null,
    q4Courses: r.q4Courses ?? null,
    q1Trainees: r.q1Trainees ?? null,
    q2Trainees: r.q2Trainees ?? null,
    q3Trainees: r.q3Trainees ?? null,
    q4Trainees: r.q4Trainees ?? null,
  }));
}

async function writeTargets(planId: number, rows: TargetRow[], transaction: Transaction): Promise<void> {
  await PlanTarget.destroy({ where: { planId }, transaction });
  if (rows.length) await PlanTarget.bulkCreate(rows.map(({ programCode: _code, ...row }) => ({ ...row, planId })), { transaction });
}

/** Targets as the audit log keeps them: one readable value per program, "3 / 240 (Q: 1+1+1+0 / 60+60+60+60)". */
function auditTargets(rows: TargetRow[], allCodes: Iterable<string> = []): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const code of allCodes) out[`targets.${code}`] = null;
  for (const r of rows) {
    const quarters: Quarters | null =
      r.q1Courses === null || r.q1Courses === undefined
        ? null
        : { courses: [r.q1Courses, r.q2Courses, r.q3Courses, r.q4Courses] as number[], trainees: [r.q1Trainees, r.q2Trainees, r.q3Trainees, r.q4Trainees] as number[] };
    out[`targets.${r.programCode}`] =
      `${r.plannedCourses} / ${r.plannedTrainees}` + (quarters ? ` (Q: ${quarters.courses.join('+')} / ${quarters.trainees.join('+')})` : '');
  }
  return out;
}

/** Loads a plan for a change, locked until commit; another unit's plan is not found. */
async function lockPlan(actor: Actor, id: number, transaction: Transaction): Promise<Plan> {
  const plan = await Plan.findByPk(id, forUpdate(transaction));
  if (!plan) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, plan.unitId);
  return plan;
}

/** A change made from a stale page is refused with the plan as it is now, so nothing is overwritten unseen. */
async function assertFresh(plan: Plan, lockVersion: number | undefined, transaction: Transaction): Promise<void> {
  if (lockVersion === undefined || lockVersion === plan.lockVersion) return;
  throw new AppError('conflict', 'common.errors.stale', { details: await planDetail(plan.id, transaction) });
}

function assertBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'plans.errors.onlyBoardDecides');
}

async function assertNoOpenVersion(unitId: number, year: number, transaction: Transaction): Promise<void> {
  const open = await openPlanOf(unitId, year, transaction);
  if (open) throw new AppError('conflict', 'plans.errors.openExists', { params: { year, version: open.version } });
}

export async function createPlan(actor: Actor, input: NewPlan): Promise<PlanDetail> {
  const id = await inTransaction(db(), async (t) => {
    const unit = await trainingUnit(actor, input, t);
    await assertNoOpenVersion(unit.id, input.year, t);
    if (await latestPlan(unit.id, input.year, t)) throw new AppError('conflict', 'plans.errors.approvedExists', { params: { year: input.year } });
    const rows = await resolveTargets(input.targets, new Set(), t);
    const plan = await Plan.create({ unitId: unit.id, year: input.year, version: 1, status: 'draft', note: input.note ?? null, createdBy: actor.id }, { transaction: t });
    await writeTargets(plan.id, rows, t);
    await audit(actor, { action: 'create', entityType: ENTITY, entityId: plan.id, unitId: unit.id, after: { year: plan.year, version: 1, status: 'draft', ...(plan.note ? { note: plan.note } : {}), ...auditTargets(rows) } }, t);
    return plan.id;
  });
  return planDetail(id);
}

/** Replaces the note and every target of a draft or returned plan. */
export async function updatePlan(actor: Actor, id: number, input: PlanEdit): Promise<PlanDetail> {
  await inTransaction(db(), async (t) => {
    const plan = await lockPlan(actor, id, t);
    await assertFresh(plan, input.lockVersion, t);
    if (!EDITABLE.includes(plan.status)) throw new AppError('conflict', 'plans.errors.notEditable');
    const before = await storedTargets(plan.id, t);
    const rows = await resolveTargets(input.targets, new Set(before.map((r) => r.programId)), t);
    const note = input.note ?? null;
    await updateVersioned(Plan, plan.id, input.lockVersion, { note }, { transaction: t });
    await writeTargets(plan.id, rows, t);
    const codes = [...before, ...rows].map((r) => r.programCode);
    const changes = changedFields({ note: plan.note ?? null, ...auditTargets(before, codes) }, { note, ...auditTargets(rows, codes) });
    if (Object.keys(changes.after).length) await audit(actor, { action: 'update', entityType: ENTITY, entityId: plan.id, unitId: plan.unitId, ...changes }, t);
  });
  return planDetail(id);
}

interface Decision {
  action: 'submit' | 'approve' | 'return';
  changes: Partial<Pick<Plan, 'status' | 'submittedAt' | 'submittedBy' | 'decidedAt' | 'decidedBy' | 'returnReason'>>;
}

const MAIL_EVENT = { submitted: 'planSubmitted', approved: 'planApproved', returned: 'planReturned' } as const;

/** A status change: scope (404), then who may decide (403), then freshness (409), then the state rule. */
async function transition(
  actor: Actor,
  id: number,
  lockVersion: number | undefined,
  options: { boardOnly: boolean },
  decide: (plan: Plan, t: Transaction) => Promise<Decision>,
): Promise<PlanDetail> {
  await inTransaction(db(), async (t) => {
    const plan = await lockPlan(actor, id, t);
    if (options.boardOnly) assertBoard(actor);
    await assertFresh(plan, lockVersion, t);
    const { action, changes } = await decide(plan, t);
    await updateVersioned(Plan, plan.id, plan.lockVersion, changes, { transaction: t });
    const after: Record<string, unknown> = { status: changes.status };
    if (changes.returnReason) after.returnReason = changes.returnReason;
    await audit(actor, { action, entityType: ENTITY, entityId: plan.id, unitId: plan.unitId, before: { status: plan.status }, after }, t);
    // E-mail to those concerned once this commits (server/notifications).
    announceAfterCommit(t, { kind: MAIL_EVENT[changes.status as keyof typeof MAIL_EVENT], planId: plan.id });
  });
  return planDetail(id);
}

export function submitPlan(actor: Actor, id: number, lockVersion?: number): Promise<PlanDetail> {
  return transition(actor, id, lockVersion, { boardOnly: false }, async (plan, t) => {
    if (!EDITABLE.includes(plan.status)) throw new AppError('conflict', 'plans.errors.submitNeedsDraft');
    if ((await PlanTarget.count({ where: { planId: plan.id }, transaction: t })) === 0) throw new AppError('invalid', 'plans.errors.noTargets');
    return { action: 'submit', changes: { status: 'submitted', submittedAt: new Date(), submittedBy: actor.id } };
  });
}

export function approvePlan(actor: Actor, id: number, lockVersion?: number): Promise<PlanDetail> {
  return transition(actor, id, lockVersion, { boardOnly: true }, async (plan) => {
    if (plan.status !== 'submitted') throw new AppError('conflict', 'plans.errors.approveNeedsSubmitted');
    return { action: 'approve', changes: { status: 'approved', decidedAt: new Date(), decidedBy: actor.id } };
  });
}

export function returnPlan(actor: Actor, id: number, reason: string, lockVersion?: number): Promise<PlanDetail> {
  return transition(actor, id, lockVersion, { boardOnly: true }, async (plan) => {
    if (plan.status !== 'submitted') throw new AppError('conflict', 'plans.errors.returnNeedsSubmitted');
    return { action: 'return', changes: { status: 'returned', returnReason: reason, decidedAt: new Date(), decidedBy: actor.id } };
  });
}

/** A new draft version copying the targets of the approved version in force; that version stays as it is. */
export async function amendPlan(actor: Actor, id: number, lockVersion?: number): Promise<PlanDetail> {
  const newId = await inTransaction(db(), async (t) => {
    const source = await lockPlan(actor, id, t);
    await assertFresh(source, lockVersion, t);
    await Unit.findByPk(source.unitId, forUpdate(t));
    const latestApproved = await Plan.max<number, Plan>('version', { where: { unitId: source.unitId, year: source.year, status: 'approved' }, transaction: t });
    if (source.status !== 'approved' || source.version !== latestApproved) throw new AppError('conflict', 'plans.errors.amendNeedsInForce');
    await assertNoOpenVersion(source.unitId, source.year, t);
    const version = (await latestPlan(source.unitId, source.year, t))!.version + 1;
    const plan = await Plan.create(
      { unitId: source.unitId, year: source.year, version, status: 'draft', amendsPlanId: source.id, note: source.note ?? null, createdBy: actor.id },
      { transaction: t },
    );
    const rows = await storedTargets(source.id, t);
    await writeTargets(plan.id, rows, t);
    await audit(
      actor,
      { action: 'amend', entityType: ENTITY, entityId: plan.id, unitId: plan.unitId, after: { year: plan.year, version, status: 'draft', amendsPlanId: source.id, ...auditTargets(rows) } },
      t,
    );
    return plan.id;
  });
  return planDetail(newId);
}
