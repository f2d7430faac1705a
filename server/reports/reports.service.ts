// The progress report (DOMAIN.md "The numbers, defined once"): one service computes every figure, by unit ×
// program × period, for the JSON API, the dashboards and the printed reports. The database aggregates
// (reports.queries.ts, a fixed number of queries); figures.ts turns the counts into figures.
import type { Actor } from '../auth/actor.js';
import { todayInVietnam } from '../lib/format.js';
import { loadSuccession, nextDay, rollupTargets, unitNamer, type Succession } from '../units/index.js';
import { TRAINING_KINDS, database, reportScope, resolveReportInput, type ReportInput } from './report-scope.js';
import { PROGRAM_CATEGORIES } from '../programs/program.model.js';
import { laggingThreshold } from '../settings/settings.service.js';
import {
  addTally,
  emptyQuarters,
  emptyTally,
  expectedTrainees,
  paceGap,
  sumTallies,
  toFigures,
  yearEnd,
  yearStart,
  ytdFulfillment,
  type QuarterTally,
  type Tally,
} from './figures.js';
import { personCounts } from './persons.queries.js';
import { courseCounts, loadPrograms, loadTargets, loadUnits, type TargetRow, type UnitRef } from './reports.queries.js';
import type { ProgramRef } from './reports.queries.js';
import type { CategoryFigures, ProgramFigures, ProgressReport, UnitFigures, UnitLabel } from './report.types.js';

export type ProgressInput = ReportInput;

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
  /** By row code: the units whose courses the row counts (itself; rolled up, its predecessors too). */
  memberIds: Map<string, number[]>;
  programs: Map<string, ProgramRef>;
}

export async function progressReport(actor: Actor, input: ProgressInput): Promise<ProgressReport> {
  return (await progressDetail(actor, input)).report;
}

export async function progressDetail(actor: Actor, input: ProgressInput): Promise<ProgressDetail> {
  const { year, period, view, rolledUp, asOf, window, dates } = resolveReportInput(input);
  const sequelize = database();

  const [programs, succession] = await Promise.all([loadPrograms(sequelize), loadSuccession()]);
  const { scope } = await reportScope(actor, input.unitCode, rolledUp ? rollupTargets(succession) : undefined);
  const allUnits = await loadUnits(sequelize, scope);
  // Where each unit's figures go when rolled up. A unit whose successor lies outside the actor's scope keeps
  // its own row, so that nothing in scope is left out of the rows (and so of the totals).
  const carriers = carriersIn(succession, allUnits);
  const rollup = rolledUp ? carriers : new Map<number, number>();
  const rowOf = (unitId: number) => rollup.get(unitId) ?? unitId;

  const [targets, courses, distinct, threshold, namer] = await Promise.all([
    loadTargets(sequelize, year, scope),
    courseCounts(sequelize, dates, scope),
    personCounts(sequelize, programs, dates, scope, rollup),
    laggingThreshold(),
    unitNamer(),
  ]);
  // As they were: named as of D (a dissolved unit by its last name); rolled up: as the units are named today.
  const namesOn = rolledUp ? todayInVietnam() : asOf;
  const profileOf = (unitId: number) => namer(unitId, namesOn);

  // Plans: which units have an approved plan, and each (unit, program) target in it.
  const planned = new Set<number>();
  const targetOf = new Map<string, TargetRow>();
  for (const t of targets) {
    planned.add(t.unitId);
    if (t.programId !== null) targetOf.set(`${t.unitId}:${t.programId}`, t);
  }

  // Counts: course rows added into (unit, program) cells; each cell keeps its courses by quarter too.
  const counted = new Map<string, Tally>();
  const byQuarter = new Map<string, QuarterTally>();
  for (const c of courses) {
    const key = `${c.unitId}:${c.programId}`;
    const cell = counted.get(key) ?? emptyTally();
    counted.set(key, cell);
    cell.ytdEnrolled += c.enrolled;
    const quarters = byQuarter.get(key) ?? emptyQuarters();
    byQuarter.set(key, quarters);
    quarters.courses[c.quarter]! += 1;
    quarters.enrolled[c.quarter]! += c.enrolled;
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
  const existed = allUnits.filter((u) => withData.has(u.id) || (TRAINING_KINDS.has(u.kind) && validIn(u, year)));
  const units = rolledUp ? successorRows(existed, allUnits, succession, rowOf) : existed;
  // The units a row counts: itself and, rolled up, every unit whose figures it carries (in display order).
  const carried = new Map<number, number[]>();
  for (const u of allUnits) {
    const to = rollup.get(u.id);
    if (to === undefined || to === u.id) continue;
    const list = carried.get(to);
    if (list) list.push(u.id);
    else carried.set(to, [u.id]);
  }
  const memberIds = new Map(units.map((u) => [u.id, [u.id, ...(carried.get(u.id) ?? [])]]));

  // One unit's own cell. A row's cell adds its members' (rolled up, a row is planned when any member has an
  // approved plan: planned figures add with null as absent).
  const cells = new Map<string, Tally>();
  // Each cell is built once (the rows and the province's sums both read it) and never changed by its readers.
  const cell = (unitId: number, programId: number): Tally => {
    const key = `${unitId}:${programId}`;
    const made = cells.get(key);
    if (made) return made;
    // The counted tally itself becomes the cell: nothing else reads `counted`.
    const tally = counted.get(key) ?? emptyTally();
    if (planned.has(unitId)) {
      const target = targetOf.get(key);
      tally.plannedCourses = target?.plannedCourses ?? 0;
      tally.plannedTrainees = target?.plannedTrainees ?? 0;
      tally.expectedTrainees = target ? expectedTrainees(target, year, asOf) : 0;
      tally.onPlan = { courses: tally.courses, enrolled: tally.enrolled, ytdEnrolled: tally.ytdEnrolled };
      if (target && isSplit(target)) {
        const done = byQuarter.get(key) ?? emptyQuarters();
        tally.quarters = {
          plannedCourses: target.quarterCourses.map((q) => q ?? 0),
          plannedTrainees: target.quarters.map((q) => q ?? 0),
          courses: [...done.courses],
          enrolled: [...done.enrolled],
        };
      }
    }
    cells.set(key, tally);
    return tally;
  };
  const rowCell = (members: number[], programId: number): Tally =>
    members.length === 1 ? cell(members[0]!, programId) : sumTallies(members.map((id) => cell(id, programId)));

  const label = (unitId: number): UnitLabel => {
    const profile = profileOf(unitId);
    return { unitCode: profile?.code ?? '', unitName: profile?.name ?? '' };
  };
  const allCarriers = rollupTargets(succession);

  const pace = new Map<string, PaceInfo>();
  const paceOf = (t: Tally): PaceInfo => ({ ytdFulfillment: ytdFulfillment(t), gap: paceGap(t) });

  const unitRows: UnitFigures[] = [];
  for (const unit of units) {
    const members = memberIds.get(unit.id)!;
    const cells = programs.map((p) => rowCell(members, p.id));
    const unitTally = sumTallies(cells);
    const programRows: ProgramFigures[] = [];
    programs.forEach((program, i) => {
      const c = cells[i]!;
      if (!members.some((id) => targetOf.has(`${id}:${program.id}`)) && c.courses === 0) return;
      programRows.push(programFigures(program, c, distinct.byUnitProgram.get(`${unit.id}:${program.id}`) ?? 0, threshold));
      pace.set(`${unit.code}/${program.code}`, paceOf(c));
    });
    const carrier = allCarriers.get(unit.id);
    unitRows.push({
      unitCode: unit.code,
      unitName: profileOf(unit.id)?.name ?? unit.name,
      ...toFigures(unitTally, distinct.byUnit.get(unit.id) ?? 0, threshold),
      programs: programRows,
      validTo: unit.validTo,
      ended: ending(unit, succession, label),
      rolledInto: !rolledUp && carrier !== undefined ? label(carrier) : null,
      predecessors: members.slice(1).map(label),
    });
    pace.set(unit.code, paceOf(unitTally));
  }

  // The province's figures add the units' own cells in the same order whichever the view, so that the totals
  // and Biểu 2 are the same both ways to the last bit (floating-point sums depend on their order).
  const unitTallies = new Map<number, Tally>();
  const byProgram = new Map<number, Tally>(programs.map((p) => [p.id, emptyTally()]));
  for (const unit of existed) {
    const cells = programs.map((p) => cell(unit.id, p.id));
    programs.forEach((program, i) => addTally(byProgram.get(program.id)!, cells[i]!));
    unitTallies.set(unit.id, sumTallies(cells));
  }

  const targeted = new Set([...targetOf.values()].map((t) => t.programId));
  const categories: CategoryFigures[] = PROGRAM_CATEGORIES.map((category) => {
    const members = programs.filter((p) => p.category === category);
    const tally = sumTallies(members.map((p) => byProgram.get(p.id)!));
    const rows = members
      .filter((p) => p.active || targeted.has(p.id) || byProgram.get(p.id)!.courses > 0)
      .map((p) => {
        pace.set(`program:${p.code}`, paceOf(byProgram.get(p.id)!));
        return programFigures(p, byProgram.get(p.id)!, distinct.byProgram.get(p.id) ?? 0, threshold);
      });
    pace.set(`category:${category}`, paceOf(tally));
    return { category, ...toFigures(tally, distinct.byCategory.get(category) ?? 0, threshold), programs: rows };
  });

  const totalTally = sumTallies(unitTallies.values());
  pace.set('total', paceOf(totalTally));
  const unplannedUnits = existed.filter((u) => !planned.has(u.id));
  const unplannedTally = sumTallies(unplannedUnits.map((u) => unitTallies.get(u.id)!));
  const unplanned = {
    units: unplannedUnits.map((u) => ({ unitCode: u.code, unitName: namer(u.id, asOf)?.name ?? u.name })),
    courses: unplannedTally.courses,
    enrolled: unplannedTally.enrolled,
    finished: unplannedTally.finished,
    completed: unplannedTally.completed,
    grades: unplannedTally.grades,
  };
  return {
    report: { year, asOf, period, view, window, units: unitRows, categories, totals: toFigures(totalTally, distinct.total, threshold), unplanned },
    pace,
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    memberIds: new Map(units.map((u) => [u.code, memberIds.get(u.id)!])),
    programs: new Map(programs.map((p) => [p.code, p])),
  };
}

/**
 * Unit → the unit whose row carries its figures when rolled up (DOMAIN.md "Units change": the first
 * successor, down the chain), among the units in scope.
 */
function carriersIn(succession: Succession, units: UnitRef[]): Map<number, number> {
  const inScope = new Set(units.map((u) => u.id));
  return new Map([...rollupTargets(succession)].filter(([from, to]) => inScope.has(from) && inScope.has(to)));
}

/**
 * The rolled-up rows: the units at the end of the chains that start at the units of the period — the unit
 * that carries each one's figures, and a split's other successors, which start from zero — even when they
 * did not exist yet in the report's year; in display order.
 */
function successorRows(existed: UnitRef[], allUnits: UnitRef[], succession: Succession, rowOf: (id: number) => number): UnitRef[] {
  const rows = new Set<number>();
  const queue = existed.map((u) => u.id);
  const seen = new Set(queue);
  while (queue.length > 0) {
    const id = queue.shift()!;
    rows.add(rowOf(id));
    for (const next of succession.successors.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return allUnits.filter((u) => rows.has(u.id) && rowOf(u.id) === u.id);
}

function ending(unit: UnitRef, succession: Succession, label: (id: number) => UnitLabel): UnitFigures['ended'] {
  if (unit.validTo === null) return null;
  return {
    kind: unit.endedBy ?? 'dissolve',
    on: succession.endedOn.get(unit.id) ?? nextDay(unit.validTo),
    successors: (succession.successors.get(unit.id) ?? []).map(label).filter((s) => s.unitCode !== ''),
  };
}

function programFigures(program: ProgramRef, tally: Tally, trainees: number, threshold: number): ProgramFigures {
  return { programCode: program.code, programName: program.name, category: program.category, ...toFigures(tally, trainees, threshold) };
}

/** A target split by quarter: all four quarters of trainees given (the plan form asks for all eight or none). */
const isSplit = (target: TargetRow) => target.quarters.every((q) => q !== null);

function validIn(unit: UnitRef, year: number): boolean {
  return unit.validFrom <= yearEnd(year) && (unit.validTo === null || unit.validTo >= yearStart(year));
}
