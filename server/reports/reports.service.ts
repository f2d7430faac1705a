// The progress report (DOMAIN.md "The numbers, defined once"): one service computes every figure, by unit ×
// program × period, for the JSON API, the dashboards and the printed reports. The database aggregates
// (reports.queries.ts, a fixed number of queries); figures.ts turns the counts into figures.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScopeSql } from '../auth/scope.js';
import { Course, Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { PROGRAM_CATEGORIES } from '../programs/program.model.js';
import { laggingThreshold } from '../settings/settings.service.js';
import {
  addTally,
  emptyTally,
  expectedTrainees,
  paceGap,
  periodWindow,
  resolveAsOf,
  sumTallies,
  toFigures,
  yearEnd,
  yearStart,
  ytdFulfillment,
  type Tally,
} from './figures.js';
import {
  courseCounts,
  distinctTrainees,
  loadPrograms,
  loadTargets,
  loadUnits,
  programSets,
  type SqlDates,
  type SqlScope,
  type TargetRow,
  type UnitRef,
} from './reports.queries.js';
import type { ProgramRef } from './reports.queries.js';
import type { CategoryFigures, Period, ProgramFigures, ProgressReport, UnitFigures } from './report.types.js';

export interface ProgressInput {
  year: number;
  /** 'YYYY-MM-DD'; default today in Vietnam. */
  asOf?: string;
  period?: Period;
  /** Limits the report to one unit. A center user may name only its own unit. */
  unitCode?: string;
}

/** Year-to-date progress against the expected pace, which the dashboards show and the JSON leaves out. */
export interface PaceInfo {
  /** Enrollments from 1/1 to D ÷ the year's trainee target. */
  ytdFulfillment: number | null;
  /** expectedPace − ytdFulfillment: how far behind (positive) or ahead (negative); null without a plan. */
  gap: number | null;
}

export interface ProgressDetail {
  report: ProgressReport;
  /** Keys: a unit code, "<unit code>/<program code>", "program:<code>", "category:<category>", "total". */
  pace: Map<string, PaceInfo>;
  /** By code, for the drill-down pages. */
  unitIds: Map<string, number>;
  programs: Map<string, ProgramRef>;
}

const TRAINING_KINDS = new Set(['center', 'committee']);

export function database(): Sequelize {
  const sequelize = Course.sequelize;
  if (!sequelize) throw new Error('The models are not registered with a database');
  return sequelize;
}

/** The SQL scope of a report: the actor's own unit for a center, else all units or the one asked for. */
export async function reportScope(actor: Actor, unitCode?: string): Promise<{ scope: SqlScope; unitId: number | null }> {
  const fragment = (column: string) => unitScopeSql(actor, column);
  const scope: SqlScope = {
    courses: fragment('c.unit_id').sql,
    plans: fragment('p.unit_id').sql,
    units: fragment('u.id').sql,
    replacements: { ...fragment('u.id').replacements },
  };
  if (unitCode === undefined) return { scope, unitId: actor.role === 'center' ? actor.unitId : null };
  const unit = await Unit.findOne({ where: { code: unitCode.trim().toUpperCase() } });
  if (!unit || !TRAINING_KINDS.has(unit.kind)) throw new AppError('not_found', 'reports.unknownUnit');
  // A center naming another unit learns nothing, not even that the unit exists.
  assertInScope(actor, unit.id);
  return {
    scope: {
      courses: `${scope.courses} AND c.unit_id = :unitFilter`,
      plans: `${scope.plans} AND p.unit_id = :unitFilter`,
      units: `${scope.units} AND u.id = :unitFilter`,
      replacements: { ...scope.replacements, unitFilter: unit.id },
    },
    unitId: unit.id,
  };
}

export function reportDates(year: number, period: Period, asOfAsked?: string): { asOf: string; window: { from: string; to: string }; dates: SqlDates } {
  const asOf = resolveAsOf(year, asOfAsked, todayInVietnam());
  const window = periodWindow(year, period, asOf);
  return { asOf, window, dates: { from: window.from, to: window.to, ytdFrom: yearStart(year), ytdTo: asOf, asOf } };
}

export async function progressReport(actor: Actor, input: ProgressInput): Promise<ProgressReport> {
  return (await progressDetail(actor, input)).report;
}

export async function progressDetail(actor: Actor, input: ProgressInput): Promise<ProgressDetail> {
  const { year } = input;
  const period = input.period ?? 'year';
  const { asOf, window, dates } = reportDates(year, period, input.asOf);
  const { scope } = await reportScope(actor, input.unitCode);
  const sequelize = database();

  const programs = await loadPrograms(sequelize);
  const [allUnits, targets, courses, distinct, sets, threshold] = await Promise.all([
    loadUnits(sequelize, scope),
    loadTargets(sequelize, year, scope),
    courseCounts(sequelize, dates, scope),
    distinctTrainees(sequelize, dates, scope),
    programSets(
      sequelize,
      programs.map((p) => p.id),
      dates,
      scope,
    ),
    laggingThreshold(),
  ]);

  // Plans: which units have an approved plan, and each (unit, program) target in it.
  const planned = new Set<number>();
  const targetOf = new Map<string, TargetRow>();
  for (const t of targets) {
    planned.add(t.unitId);
    if (t.programId !== null) targetOf.set(`${t.unitId}:${t.programId}`, t);
  }

  // Counts: course rows added into (unit, program) cells.
  const counted = new Map<string, Tally>();
  for (const c of courses) {
    const key = `${c.unitId}:${c.programId}`;
    const cell = counted.get(key) ?? emptyTally();
    counted.set(key, cell);
    cell.ytdEnrolled += c.enrolled;
    if (!c.inWindow) continue;
    cell.courses += 1;
    cell.enrolled += c.enrolled;
    if (!c.ended) continue;
    cell.finished += c.enrolled;
    cell.completed += c.completed;
    cell.scored += c.scored;
    cell.grades.excellent += c.excellent;
    cell.grades.good += c.good;
    cell.grades.fair += c.fair;
    cell.grades.average += c.average;
    cell.grades.fail += c.fail;
  }

  const withData = new Set<number>([...planned, ...courses.map((c) => c.unitId)]);
  const units = allUnits.filter((u) => withData.has(u.id) || (TRAINING_KINDS.has(u.kind) && validIn(u, year)));

  const cell = (unitId: number, programId: number): Tally => {
    const tally = { ...emptyTally(), ...counted.get(`${unitId}:${programId}`) };
    tally.grades = { ...tally.grades };
    if (planned.has(unitId)) {
      const target = targetOf.get(`${unitId}:${programId}`);
      tally.plannedCourses = target?.plannedCourses ?? 0;
      tally.plannedTrainees = target?.plannedTrainees ?? 0;
      tally.expectedTrainees = target ? expectedTrainees(target, year, asOf) : 0;
    }
    return tally;
  };

  const pace = new Map<string, PaceInfo>();
  const paceOf = (t: Tally): PaceInfo => ({ ytdFulfillment: ytdFulfillment(t), gap: paceGap(t) });

  const unitRows: UnitFigures[] = [];
  const unitTallies: Tally[] = [];
  const byProgram = new Map<number, Tally>(programs.map((p) => [p.id, emptyTally()]));
  for (const unit of units) {
    const cells = programs.map((p) => cell(unit.id, p.id));
    const unitTally = sumTallies(cells);
    unitTallies.push(unitTally);
    const programRows: ProgramFigures[] = [];
    programs.forEach((program, i) => {
      const c = cells[i]!;
      addTally(byProgram.get(program.id)!, c);
      if (!targetOf.has(`${unit.id}:${program.id}`) && c.courses === 0) return;
      programRows.push(programFigures(program, c, distinct.byUnitProgram.get(`${unit.id}:${program.id}`) ?? 0, threshold));
      pace.set(`${unit.code}/${program.code}`, paceOf(c));
    });
    unitRows.push({
      unitCode: unit.code,
      unitName: unit.name,
      ...toFigures(unitTally, distinct.byUnit.get(unit.id) ?? 0, threshold),
      programs: programRows,
    });
    pace.set(unit.code, paceOf(unitTally));
  }

  // Distinct trainees across units, from the program sets: per program, per category, in total.
  const programTrainees = new Map<number, number>();
  const categoryTrainees = new Map<string, number>();
  let totalTrainees = 0;
  for (const set of sets) {
    totalTrainees += set.trainees;
    const categories = new Set<string>();
    for (const index of set.programs) {
      const program = programs[index];
      if (!program) continue;
      programTrainees.set(program.id, (programTrainees.get(program.id) ?? 0) + set.trainees);
      categories.add(program.category);
    }
    for (const category of categories) categoryTrainees.set(category, (categoryTrainees.get(category) ?? 0) + set.trainees);
  }

  const targeted = new Set([...targetOf.values()].map((t) => t.programId));
  const categories: CategoryFigures[] = PROGRAM_CATEGORIES.map((category) => {
    const members = programs.filter((p) => p.category === category);
    const tally = sumTallies(members.map((p) => byProgram.get(p.id)!));
    const rows = members
      .filter((p) => p.active || targeted.has(p.id) || byProgram.get(p.id)!.courses > 0)
      .map((p) => {
        pace.set(`program:${p.code}`, paceOf(byProgram.get(p.id)!));
        return programFigures(p, byProgram.get(p.id)!, programTrainees.get(p.id) ?? 0, threshold);
      });
    pace.set(`category:${category}`, paceOf(tally));
    return { category, ...toFigures(tally, categoryTrainees.get(category) ?? 0, threshold), programs: rows };
  });

  const totalTally = sumTallies(unitTallies);
  pace.set('total', paceOf(totalTally));
  return {
    report: { year, asOf, period, window, units: unitRows, categories, totals: toFigures(totalTally, totalTrainees, threshold) },
    pace,
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    programs: new Map(programs.map((p) => [p.code, p])),
  };
}

function programFigures(program: ProgramRef, tally: Tally, trainees: number, threshold: number): ProgramFigures {
  return { programCode: program.code, programName: program.name, category: program.category, ...toFigures(tally, trainees, threshold) };
}

function validIn(unit: UnitRef, year: number): boolean {
  return unit.validFrom <= yearEnd(year) && (unit.validTo === null || unit.validTo >= yearStart(year));
}
