// Plan factories and helpers. Plans tests take their years from 2071 on, one fresh year per unit and call, so
// they never meet each other's plans (nor those of the report tests, which start at 2041).
import { AuditLog, Plan, PlanTarget } from '../../server/db/models.js';
import type { PlanStatus } from '../../server/plans/plan.model.js';
import { quarterColumns } from '../../server/plans/plans.schema.js';
import { programByCode, unitByCode } from './factories.js';

const usedYears = new Map<string, number>();

/** A year in which the unit has no plan yet. 2070 is kept for the board's status table test. */
export function freshYear(unitCode: string): number {
  const next = (usedYears.get(unitCode) ?? 2070) + 1;
  if (next > 2100) throw new Error(`No fresh plan year left for ${unitCode}`);
  usedYears.set(unitCode, next);
  return next;
}

export interface TargetSpec {
  programCode: string;
  plannedCourses: number;
  plannedTrainees: number;
  quarters?: { courses: number[]; trainees: number[] } | null;
}

export const DEFAULT_TARGETS: TargetSpec[] = [
  { programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 1], trainees: [80, 80, 80, 80] } },
  { programCode: 'CNKT', plannedCourses: 2, plannedTrainees: 150 },
];

/** A plan stored directly, in any status, for tests that start mid-lifecycle. */
export async function makePlan(
  options: { unitCode?: string; year?: number; status?: PlanStatus; version?: number; amendsPlanId?: number | null; targets?: TargetSpec[]; note?: string | null } = {},
): Promise<Plan> {
  const unitCode = options.unitCode ?? 'TTCTVL';
  const unit = await unitByCode(unitCode);
  const status = options.status ?? 'draft';
  const decided = status === 'approved' || status === 'returned';
  const plan = await Plan.create({
    unitId: unit.id,
    year: options.year ?? freshYear(unitCode),
    version: options.version ?? 1,
    status,
    amendsPlanId: options.amendsPlanId ?? null,
    note: options.note ?? null,
    returnReason: status === 'returned' ? 'Số học viên chưa sát thực tế' : null,
    submittedAt: status === 'draft' ? null : new Date(),
    decidedAt: decided ? new Date() : null,
  });
  for (const target of options.targets ?? DEFAULT_TARGETS) {
    const program = await programByCode(target.programCode);
    const q = target.quarters ?? null;
    await PlanTarget.create({
      planId: plan.id,
      programId: program.id,
      plannedCourses: target.plannedCourses,
      plannedTrainees: target.plannedTrainees,
      ...quarterColumns(q),
    });
  }
  return plan;
}

/** The stored targets of a plan, by program code, as plain numbers. */
export async function targetsOf(planId: number): Promise<Record<string, { courses: number; trainees: number; quarters: Array<number | null> }>> {
  const rows = await PlanTarget.findAll({ where: { planId }, include: ['program'] });
  const out: Record<string, { courses: number; trainees: number; quarters: Array<number | null> }> = {};
  for (const row of rows as Array<PlanTarget & { program: { code: string } }>) {
    out[row.program.code] = {
      courses: row.plannedCourses,
      trainees: row.plannedTrainees,
      quarters: [row.q1Courses, row.q2Courses, row.q3Courses, row.q4Courses, row.q1Trainees, row.q2Trainees, row.q3Trainees, row.q4Trainees].map((v) => v ?? null),
    };
  }
  return out;
}

/** The audit actions recorded for a plan, oldest first. */
export async function auditActions(entityId: number, entityType = 'plan'): Promise<string[]> {
  const rows = await AuditLog.findAll({ where: { entityType, entityId }, order: [['id', 'ASC']] });
  return rows.map((r) => r.action);
}

/** Form fields for a plan's targets, as the page sends them (blank lines for the other programs). */
export function targetFields(targets: TargetSpec[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const code of ['NTVD', 'DVM', 'SCLLCT', 'LSD', 'CDHCM', 'NVCTD', 'NVMTDT', 'CNKT']) {
    const target = targets.find((t) => t.programCode === code);
    fields[`${code}_courses`] = target ? String(target.plannedCourses) : '';
    fields[`${code}_trainees`] = target ? String(target.plannedTrainees) : '';
    for (const q of [1, 2, 3, 4]) {
      fields[`${code}_q${q}_courses`] = target?.quarters ? String(target.quarters.courses[q - 1]) : '';
      fields[`${code}_q${q}_trainees`] = target?.quarters ? String(target.quarters.trainees[q - 1]) : '';
    }
  }
  return fields;
}
