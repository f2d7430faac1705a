// "Last year" beside each target of a plan: the targets of the unit's previous plan in force and what the unit
// actually did that year (courses, and enrollments in lượt as targets count them), from the progress report —
// one call, the same figures as Biểu 1. Last year is Y−1; when Y−1 has no approved plan, the latest earlier
// year that has one stands in, and the page names it. No earlier plan at all: Y−1, with actuals only.
import { Op } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Plan, Unit } from '../db/models.js';
import { progressReport } from '../reports/index.js';
import { planDetail } from './plans.queries.js';

export interface ComparisonLine {
  /** The earlier plan's targets; null when it has none for the program (or there is no earlier plan). */
  plannedCourses: number | null;
  plannedTrainees: number | null;
  /** What the comparison year's courses count (as of 31/12: the courses scheduled for its rest included). */
  courses: number;
  enrolled: number;
}

export interface PlanComparison {
  /** The year compared with: Y−1, or the latest earlier year with a plan in force. */
  year: number;
  /** False when Y−1 had no approved plan and an earlier year stands in. */
  previousYear: boolean;
  /** The earlier plan in force compared with, if any. */
  planId: number | null;
  planVersion: number | null;
  byProgram: Record<string, ComparisonLine>;
  /** The programs of the earlier plan or of its year's courses, in report order, with their names. */
  programs: Array<{ code: string; name: string }>;
  totals: ComparisonLine;
}

const empty = (): ComparisonLine => ({ plannedCourses: null, plannedTrainees: null, courses: 0, enrolled: 0 });

/** The comparison for a plan of `year` of the unit. The caller has checked the actor may see the unit. */
export async function planComparison(actor: Actor, unitId: number, year: number): Promise<PlanComparison> {
  const [unit, earlier] = await Promise.all([
    Unit.findByPk(unitId, { attributes: ['id', 'code', 'kind'] }),
    Plan.findOne({ where: { unitId, year: { [Op.lt]: year }, status: 'approved' }, order: [['year', 'DESC'], ['version', 'DESC']], attributes: ['id', 'year', 'version'] }),
  ]);
  const compareYear = earlier?.year ?? year - 1;
  const byProgram: Record<string, ComparisonLine> = {};
  const names = new Map<string, string>();
  const totals = empty();
  if (earlier) {
    const plan = await planDetail(earlier.id);
    for (const target of plan.targets) {
      byProgram[target.programCode] = { ...empty(), plannedCourses: target.plannedCourses, plannedTrainees: target.plannedTrainees };
      names.set(target.programCode, target.programName);
    }
    totals.plannedCourses = plan.totals.plannedCourses;
    totals.plannedTrainees = plan.totals.plannedTrainees;
  }
  if (unit && unit.kind !== 'board') {
    // As of 31/12: the whole year's courses, those already scheduled for its last weeks included — a plan for
    // next year is drafted in the last quarter, when that is the year's likely outcome (ước thực hiện cả năm).
    const report = await progressReport(actor, { year: compareYear, unitCode: unit.code, asOf: `${compareYear}-12-31` });
    const row = report.units.find((u) => u.unitCode === unit.code);
    for (const p of row?.programs ?? []) {
      const line = (byProgram[p.programCode] ??= empty());
      line.courses = p.courses;
      line.enrolled = p.enrolled;
      names.set(p.programCode, p.programName);
    }
    totals.courses = row?.courses ?? 0;
    totals.enrolled = row?.enrolled ?? 0;
  }
  return {
    year: compareYear,
    previousYear: compareYear === year - 1,
    planId: earlier?.id ?? null,
    planVersion: earlier?.version ?? null,
    byProgram,
    programs: [...names].map(([code, name]) => ({ code, name })),
    totals,
  };
}
