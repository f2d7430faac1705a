// Starting next year's plan from something (issue #13 item 5): from the unit's answer to that year's needs
// survey — trainees per program = the people it counted, courses = ceil(trainees ÷ the program's usual class
// size) — or by copying the targets of its last plan in force (Y−1, or the latest earlier one). Either way the
// result is an ordinary draft (createPlan: same checks, same audit), which the unit then edits and submits.
import { Op } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { owningUnit } from '../auth/scope.js';
import { Plan, Program } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { surveyTotalsFor } from '../surveys/index.js';
import { planDetail, type PlanDetail } from './plans.queries.js';
import type { TargetInput } from './plans.schema.js';
import { createPlan } from './plans.service.js';

export type DraftSource = 'survey' | 'copy';

export interface DraftInput {
  year: number;
  source: DraftSource;
  /** The board only: the unit drafted for. A center's own unit is always used. */
  unitId?: number;
}

/** Courses suggested for a number of trainees: whole classes of the program's usual size (at least 1). */
export const suggestedCourses = (trainees: number, classSize: number) => (trainees > 0 ? Math.ceil(trainees / Math.max(1, classSize)) : 0);

async function fromSurvey(unitId: number, year: number): Promise<{ targets: TargetInput[]; note: string }> {
  const totals = await surveyTotalsFor(unitId, year);
  if (!totals || totals.byProgram.size === 0) throw new AppError('conflict', 'plans.drafts.noSurveyAnswer', { params: { year } });
  const programs = await Program.findAll({ where: { code: [...totals.byProgram.keys()], active: true }, order: [['sortOrder', 'ASC']] });
  const targets = programs.map((p) => {
    const trainees = totals.byProgram.get(p.code)!;
    return { programCode: p.code, plannedTrainees: trainees, plannedCourses: suggestedCourses(trainees, p.usualClassSize), quarters: null };
  });
  return { targets, note: `Lập từ kết quả rà soát nhu cầu đào tạo, bồi dưỡng năm ${year}.` };
}

async function fromLastPlan(unitId: number, year: number): Promise<{ targets: TargetInput[]; note: string }> {
  const earlier = await Plan.findOne({ where: { unitId, year: { [Op.lt]: year }, status: 'approved' }, order: [['year', 'DESC'], ['version', 'DESC']], attributes: ['id'] });
  if (!earlier) throw new AppError('conflict', 'plans.drafts.nothingToCopy', { params: { year } });
  const plan = await planDetail(earlier.id);
  const active = new Set((await Program.findAll({ where: { active: true }, attributes: ['code'] })).map((p) => p.code));
  const targets = plan.targets
    .filter((t) => active.has(t.programCode))
    .map((t) => ({ programCode: t.programCode, plannedCourses: t.plannedCourses, plannedTrainees: t.plannedTrainees, quarters: t.quarters }));
  return { targets, note: `Sao chép từ kế hoạch năm ${plan.year} (phiên bản ${plan.version}).` };
}

export async function draftPlan(actor: Actor, input: DraftInput): Promise<PlanDetail> {
  const unitId = owningUnit(actor, input.unitId ?? null);
  const { targets, note } = input.source === 'survey' ? await fromSurvey(unitId, input.year) : await fromLastPlan(unitId, input.year);
  return createPlan(actor, { year: input.year, unitId, note, targets });
}
