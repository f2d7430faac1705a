// The dashboards' drill-down: a unit's programs and courses, a program's courses in a unit, each course
// counted with the same definitions as the report, so the course rows add up to the figures above them.
import type { Actor } from '../auth/actor.js';
import { scopeUnitIds, unitScopeSql } from '../auth/scope.js';
import { AppError } from '../http/errors.js';
import type { GradeCounts, ProgramFigures, UnitFigures } from './report.types.js';
import { completionRate, emptyGrades, goodRate, zeroFigures } from './figures.js';
import { courseList, dataYears, type CourseListRow } from './drilldown.queries.js';
import { database, reportDates } from './report-scope.js';
import { progressDetail, type ProgressDetail, type ProgressInput } from './reports.service.js';
import { todayInVietnam } from '../lib/format.js';

export interface CourseProgress {
  id: number;
  name: string;
  programCode: string;
  programName: string;
  startDate: string;
  endDate: string;
  place: string | null;
  status: string;
  /** Ended on or before the as-of date: its enrollments count as finished. */
  ended: boolean;
  enrolled: number;
  withdrawn: number;
  finished: number;
  completed: number;
  grades: GradeCounts;
  completionRate: number | null;
  goodRate: number | null;
}

export interface UnitProgress {
  detail: ProgressDetail;
  unit: UnitFigures;
  /** Courses counted in the figures (not cancelled), in start order. */
  courses: CourseProgress[];
  /** Cancelled courses of the window: listed, never counted. */
  cancelled: CourseProgress[];
}

export interface ProgramProgress extends UnitProgress {
  program: ProgramFigures;
}

function toCourseProgress(row: CourseListRow, asOf: string): CourseProgress {
  const ended = row.endDate <= asOf && row.status !== 'cancelled';
  const grades = ended ? { excellent: row.excellent, good: row.good, fair: row.fair, average: row.average, fail: row.fail } : emptyGrades();
  const counts = { finished: ended ? row.enrolled : 0, completed: ended ? row.completed : 0, scored: ended ? row.scored : 0, grades };
  return {
    id: row.id,
    name: row.name,
    programCode: row.programCode,
    programName: row.programName,
    startDate: row.startDate,
    endDate: row.endDate,
    place: row.place,
    status: row.status,
    ended,
    enrolled: row.enrolled,
    withdrawn: row.withdrawn,
    finished: counts.finished,
    completed: counts.completed,
    grades,
    completionRate: completionRate(counts),
    goodRate: goodRate(counts),
  };
}

async function courses(detail: ProgressDetail, unitCode: string, programCode: string | null) {
  const { report } = detail;
  const unitIds = detail.memberIds.get(unitCode)!;
  const programId = programCode === null ? null : detail.programs.get(programCode)!.id;
  const { dates } = reportDates(report.year, report.period, report.asOf);
  const rows = (await courseList(database(), unitIds, programId, dates)).map((r) => toCourseProgress(r, report.asOf));
  return { courses: rows.filter((c) => c.status !== 'cancelled'), cancelled: rows.filter((c) => c.status === 'cancelled') };
}

export async function unitProgress(actor: Actor, input: ProgressInput & { unitCode: string }): Promise<UnitProgress> {
  const detail = await progressDetail(actor, input);
  const unit = detail.report.units[0];
  if (!unit) throw new AppError('not_found', 'reports.unknownUnit');
  return { detail, unit, ...(await courses(detail, unit.unitCode, null)) };
}

export async function programProgress(actor: Actor, input: ProgressInput & { unitCode: string; programCode: string }): Promise<ProgramProgress> {
  const detail = await progressDetail(actor, input);
  const unit = detail.report.units[0];
  const programCode = input.programCode.trim().toUpperCase();
  const ref = detail.programs.get(programCode);
  if (!unit || !ref) throw new AppError('not_found', 'reports.unknownProgram');
  // A program with neither a target nor a course in the window has no row of its own: it is all zeros.
  const program: ProgramFigures = unit.programs.find((p) => p.programCode === programCode) ?? {
    ...zeroFigures(),
    programCode,
    programName: ref.name,
    category: ref.category,
    plannedCourses: unit.plannedCourses === null ? null : 0,
    plannedTrainees: unit.plannedTrainees === null ? null : 0,
  };
  return { detail, unit, program, ...(await courses(detail, unit.unitCode, programCode)) };
}

/** The year a report page opens on: see reportYears. */
export const defaultReportYear = (current: number, latestUpToCurrent: number | null, firstAfter: number | null): number =>
  latestUpToCurrent ?? firstAfter ?? current;

/**
 * The years the selector offers, and the one shown by default: this year when it has figures (a course or
 * an approved plan), else the latest year before it that has, else the first after it that has (a unit set
 * up for next year), else this year. Issue #11.3: the board and the units land on a year they can read,
 * every other year one click away.
 */
export async function reportYears(actor: Actor): Promise<{ years: number[]; defaultYear: number }> {
  const current = Number(todayInVietnam().slice(0, 4));
  const scope = {
    courses: unitScopeSql(actor, 'c.unit_id').sql,
    plans: unitScopeSql(actor, 'p.unit_id').sql,
    units: '',
    replacements: unitScopeSql(actor, 'c.unit_id').replacements,
    unitIds: actor.role === 'admin' ? null : scopeUnitIds(actor),
  };
  const { first, last, withFigures, nextWithFigures } = await dataYears(database(), scope, current);
  const from = Math.min(first ?? current, current);
  const to = Math.max(last ?? current, current);
  const years: number[] = [];
  for (let y = to; y >= from; y--) years.push(y);
  return { years, defaultYear: defaultReportYear(current, withFigures, nextWithFigures) };
}
