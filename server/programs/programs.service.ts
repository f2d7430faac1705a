import { Program } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { GradingRules } from './grading.js';
import type { Assessment, CompletionRule, ProgramCategory } from './program.model.js';

export interface ProgramRow extends GradingRules {
  id: number;
  code: string;
  name: string;
  category: ProgramCategory;
  usualDays: number;
  minDays: number;
  maxDays: number;
  assessment: Assessment;
  completionRule: CompletionRule;
  credential: string | null;
  active: boolean;
}

export function toProgramRow(p: Program): ProgramRow {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    category: p.category,
    usualDays: p.usualDays,
    minDays: p.minDays,
    maxDays: p.maxDays,
    assessment: p.assessment,
    completionRule: p.completionRule,
    credential: p.credential,
    gradeExcellent: Number(p.gradeExcellent),
    gradeGood: Number(p.gradeGood),
    gradeFair: Number(p.gradeFair),
    gradePass: Number(p.gradePass),
    minAttendance: Number(p.minAttendance),
    active: p.active,
  };
}

export async function listPrograms(options: { activeOnly?: boolean } = {}): Promise<ProgramRow[]> {
  const programs = await Program.findAll({ where: options.activeOnly ? { active: true } : {}, order: [['sortOrder', 'ASC']] });
  return programs.map(toProgramRow);
}

export async function programByCode(code: string): Promise<ProgramRow> {
  const program = await Program.findOne({ where: { code: code.toUpperCase() } });
  if (!program) throw new AppError('invalid', 'common.errors.invalid', { fields: { programCode: 'programs.unknown' } });
  return toProgramRow(program);
}

export async function programById(id: number): Promise<ProgramRow> {
  const program = await Program.findByPk(id);
  if (!program) throw new AppError('not_found', 'common.errors.notFound');
  return toProgramRow(program);
}
