// The plan form's lines: one per program, with the names of its ten inputs and the values to show — those just
// typed when the form comes back with errors, else the plan's own.
import { listPrograms } from '../programs/programs.service.js';
import type { ProgramCategory } from '../programs/program.model.js';
import type { ComparisonLine, PlanComparison } from './plan-comparison.js';
import type { PlanDetail } from './plans.queries.js';
import { fieldName, QUARTERS, type Part } from './plans.schema.js';

export interface FormProgram {
  code: string;
  name: string;
  category: ProgramCategory;
}

interface Cell {
  name: string;
  value: string;
}

export interface FormRow extends FormProgram {
  courses: Cell;
  trainees: Cell;
  quarters: Array<{ n: number; courses: Cell; trainees: Cell }>;
  /** Show the quarter inputs open: the line has quarter figures. */
  split: boolean;
  /** Last year's plan target and actuals for the program (plan-comparison.ts), when shown. */
  last: ComparisonLine | null;
}

/** The programs a plan's form lists: every program in use, plus any the plan already has a target for. */
export async function formPrograms(plan?: PlanDetail | null): Promise<FormProgram[]> {
  const programs: FormProgram[] = (await listPrograms({ activeOnly: true })).map(({ code, name, category }) => ({ code, name, category }));
  for (const target of plan?.targets ?? []) {
    if (!programs.some((p) => p.code === target.programCode)) {
      programs.push({ code: target.programCode, name: target.programName, category: target.category });
    }
  }
  return programs;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function formRows(programs: FormProgram[], source: { body?: Record<string, unknown>; plan?: PlanDetail | null; comparison?: PlanComparison | null }): FormRow[] {
  return programs.map((program) => {
    const target = source.plan?.targets.find((t) => t.programCode === program.code);
    const cell = (part: Part, quarter?: number): Cell => {
      const name = fieldName(program.code, part, quarter);
      if (source.body) return { name, value: text(source.body[name]) };
      if (!target) return { name, value: '' };
      if (!quarter) return { name, value: text(part === 'courses' ? target.plannedCourses : target.plannedTrainees) };
      return { name, value: text(target.quarters?.[part][quarter - 1]) };
    };
    const quarters = QUARTERS.map((n) => ({ n, courses: cell('courses', n), trainees: cell('trainees', n) }));
    return {
      ...program,
      courses: cell('courses'),
      trainees: cell('trainees'),
      quarters,
      split: quarters.some((q) => q.courses.value.trim() !== '' || q.trainees.value.trim() !== ''),
      last: source.comparison ? (source.comparison.byProgram[program.code] ?? { plannedCourses: null, plannedTrainees: null, courses: 0, enrolled: 0 }) : null,
    };
  });
}
