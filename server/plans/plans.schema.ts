// Plan input, at the edge: the JSON API's `targets` array and the page form's one-line-per-program fields
// both end as the same PlanContent; the quarter rule is checked here so each error names its own field.
import { z } from 'zod';
import { integer, optionalInteger, optionalText, requiredText } from '../http/fields.js';
import { apiPage } from '../http/pagination.js';
import { PLAN_STATUSES } from './plan.model.js';

export const MAX_COURSES = 1_000;
export const MAX_TRAINEES = 100_000;
export const QUARTERS = [1, 2, 3, 4] as const;

export interface Quarters {
  courses: number[];
  trainees: number[];
}

/** A quarterly split as the plan_targets columns hold it; no split leaves all eight null. */
export function quarterColumns(q: Quarters | null | undefined) {
  return {
    q1Courses: q?.courses[0] ?? null,
    q2Courses: q?.courses[1] ?? null,
    q3Courses: q?.courses[2] ?? null,
    q4Courses: q?.courses[3] ?? null,
    q1Trainees: q?.trainees[0] ?? null,
    q2Trainees: q?.trainees[1] ?? null,
    q3Trainees: q?.trainees[2] ?? null,
    q4Trainees: q?.trainees[3] ?? null,
  };
}

export interface TargetInput {
  programCode: string;
  plannedCourses: number;
  plannedTrainees: number;
  quarters?: Quarters | null;
}

export interface PlanContent {
  note?: string | null;
  targets: TargetInput[];
}

type Ctx = z.core.$RefinementCtx;

/** A custom issue whose message is a catalog key; extra values fill its {placeholders}. */
function issue(ctx: Ctx, path: PropertyKey[], message: string, params: Record<string, number> = {}): void {
  ctx.addIssue({ code: 'custom', message, path, input: undefined, ...params } as z.core.$ZodRawIssue);
}

/** The quarter rule for one figure: null when the four quarters add up to the year, else the issue. */
export function quarterSumError(total: number, quarters: number[]): { message: string; params: Record<string, number> } | null {
  const sum = quarters.reduce((a, b) => a + b, 0);
  return sum === total ? null : { message: 'plans.errors.quartersSum', params: { sum, total } };
}

export const planYear = () => integer(2000, 2100);

const notNumber = { error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'common.validation.notNumber' : undefined) };
const courseCount = () => z.number(notNumber).int('common.validation.notInteger').min(0).max(MAX_COURSES);
const traineeCount = () => z.number(notNumber).int('common.validation.notInteger').min(0).max(MAX_TRAINEES);

const quartersInput = z.object({
  courses: z.array(courseCount()).length(4, 'plans.errors.quartersIncomplete'),
  trainees: z.array(traineeCount()).length(4, 'plans.errors.quartersIncomplete'),
});

export const targetInput = z
  .object({
    programCode: z.string().trim().toUpperCase().min(1).max(20),
    plannedCourses: courseCount(),
    plannedTrainees: traineeCount(),
    quarters: quartersInput.nullable().optional().describe('Optional split by quarter: [Q1, Q2, Q3, Q4] for courses and for trainees, each adding up to the year figure.'),
  })
  .superRefine((target, ctx) => {
    if (!target.quarters) return;
    for (const part of ['courses', 'trainees'] as const) {
      const total = part === 'courses' ? target.plannedCourses : target.plannedTrainees;
      const error = quarterSumError(total, target.quarters[part]);
      if (error) issue(ctx, ['quarters', part], error.message, error.params);
    }
  });

const targetList = z
  .array(targetInput)
  .max(50)
  .superRefine((targets, ctx) => {
    const seen = new Set<string>();
    targets.forEach((target, index) => {
      if (seen.has(target.programCode)) issue(ctx, [index, 'programCode'], 'plans.errors.duplicateProgram');
      seen.add(target.programCode);
    });
  });

const note = () => optionalText(2000).nullable();

export const createPlanApi = z.object({
  year: planYear(),
  unitCode: optionalText(20).describe('Admin only: the unit the plan is drafted for. Ignored for a center token (its own unit).'),
  note: note(),
  targets: targetList.default([]),
});

export const updatePlanApi = z.object({
  lockVersion: integer(0, 1_000_000_000).describe('The lockVersion you read; a stale one answers 409 with `current`.'),
  note: note(),
  targets: targetList,
});

export const actionApi = z.object({
  lockVersion: optionalInteger(0, 1_000_000_000).describe('Optional: when given, the action is refused (409) if the plan changed since.'),
});

export const returnApi = actionApi.extend({ reason: requiredText(1000) });

export const listQuery = z.object({
  year: optionalInteger(2000, 2100),
  unitCode: optionalText(20).describe('Admin only; ignored for a center token.'),
  status: z.enum(PLAN_STATUSES).optional(),
  page: apiPage(),
});

// ---- The page form: one line per program, named <CODE>_courses, <CODE>_q1_trainees, …

export type Part = 'courses' | 'trainees';
export const fieldName = (code: string, part: Part, quarter?: number) => (quarter ? `${code}_q${quarter}_${part}` : `${code}_${part}`);

const formCount = (part: Part) => optionalInteger(0, part === 'courses' ? MAX_COURSES : MAX_TRAINEES);

export interface PlanForm extends PlanContent {
  year?: number;
  unitId?: number;
  lockVersion?: number;
}

/**
 * The form schema for the given program codes (the programs listed on the page). A new plan names its year;
 * an edit carries the lockVersion it was read at.
 */
export function planFormSchema(codes: string[], mode: 'new' | 'edit') {
  const shape: Record<string, z.ZodType> = {
    year: mode === 'new' ? planYear() : optionalInteger(2000, 2100),
    unitId: optionalInteger(1),
    lockVersion: mode === 'edit' ? integer(0, 1_000_000_000) : optionalInteger(0, 1_000_000_000),
    note: optionalText(2000),
  };
  for (const code of codes) {
    for (const part of ['courses', 'trainees'] as const) {
      shape[fieldName(code, part)] = formCount(part);
      for (const q of QUARTERS) shape[fieldName(code, part, q)] = formCount(part);
    }
  }
  return z
    .object(shape)
    .superRefine((raw, ctx) => {
      const v = raw as Record<string, number | undefined>;
      for (const code of codes) {
        const year = { courses: v[fieldName(code, 'courses')], trainees: v[fieldName(code, 'trainees')] };
        const quarterNames = (['courses', 'trainees'] as const).flatMap((part) => QUARTERS.map((q) => fieldName(code, part, q)));
        const anyQuarter = quarterNames.some((name) => v[name] !== undefined);
        if (year.courses === undefined && year.trainees === undefined && !anyQuarter) continue;
        for (const part of ['courses', 'trainees'] as const) {
          if (year[part] === undefined) issue(ctx, [fieldName(code, part)], 'plans.errors.pairRequired');
        }
        if (!anyQuarter) continue;
        for (const name of quarterNames) if (v[name] === undefined) issue(ctx, [name], 'plans.errors.quartersIncomplete');
        for (const part of ['courses', 'trainees'] as const) {
          const quarters = QUARTERS.map((q) => v[fieldName(code, part, q)]);
          if (year[part] === undefined || quarters.some((n) => n === undefined)) continue;
          const error = quarterSumError(year[part]!, quarters as number[]);
          if (error) issue(ctx, [fieldName(code, part)], error.message, error.params);
        }
      }
    })
    .transform((raw): PlanForm => {
      const v = raw as Record<string, number | string | undefined>;
      const targets: TargetInput[] = [];
      for (const code of codes) {
        const courses = v[fieldName(code, 'courses')] as number | undefined;
        const trainees = v[fieldName(code, 'trainees')] as number | undefined;
        if (courses === undefined || trainees === undefined) continue;
        const split = v[fieldName(code, 'courses', 1)] !== undefined;
        targets.push({
          programCode: code,
          plannedCourses: courses,
          plannedTrainees: trainees,
          quarters: split
            ? { courses: QUARTERS.map((q) => v[fieldName(code, 'courses', q)] as number), trainees: QUARTERS.map((q) => v[fieldName(code, 'trainees', q)] as number) }
            : null,
        });
      }
      return {
        year: v.year as number | undefined,
        unitId: v.unitId as number | undefined,
        lockVersion: v.lockVersion as number | undefined,
        note: (v.note as string | undefined) ?? null,
        targets,
      };
    });
}

export const returnForm = z.object({ reason: requiredText(1000), lockVersion: optionalInteger(0, 1_000_000_000) });
export const actionForm = z.object({ lockVersion: optionalInteger(0, 1_000_000_000) });

/** POST /plans/draft: the year, where to start from, and (the board) the unit. */
export const draftForm = z.object({ year: integer(2000, 2300), source: z.enum(['survey', 'copy']), unitId: optionalInteger(1) });
