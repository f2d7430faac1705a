// The board's tables (DOMAIN.md "Printed reports"): Biểu 1 by unit, Biểu 2 by program grouped by category,
// and a unit's list of courses. Each builds columns and rows for the table engine; the renderers place them.
import type { CategoryFigures, Figures, ProgramFigures, UnitFigures, UnplannedFigures } from '../reports/report.types.js';
import type { Column, TableRow } from '../pdf/index.js';
import { roman } from '../pdf/index.js';
import { markedName } from '../reports/unit-labels.js';
import { scoredCount } from './report-figures.js';
import type { CourseListRow } from './unit-report.data.js';
import { DASH, common, date, num, pct, say } from './words.js';

const col = (key: string) => say(`report.columns.${key}`);

export function figureColumns(nameHeader: string): Column[] {
  const trainees = col('trainees');
  const courses = col('courses');
  const results = col('results');
  return [
    { header: col('index'), width: 3.6, align: 'center' },
    { header: nameHeader, width: 17, align: 'left' },
    { header: col('planned'), group: courses, width: 4.4, align: 'right', fit: true },
    { header: col('actual'), group: courses, width: 4.4, align: 'right', fit: true },
    { header: col('planned'), group: trainees, width: 5.6, align: 'right', fit: true },
    { header: col('actual'), group: trainees, width: 5.6, align: 'right', fit: true },
    { header: col('rate'), group: trainees, width: 8, align: 'right', fit: true },
    { header: col('completed'), group: results, width: 6.4, align: 'right', fit: true },
    { header: common('grades.excellent'), group: results, width: 5.4, align: 'right', fit: true },
    { header: common('grades.good'), group: results, width: 5.4, align: 'right', fit: true },
    { header: common('grades.fair'), group: results, width: 5.4, align: 'right', fit: true },
    { header: common('grades.average'), group: results, width: 5.8, align: 'right', fit: true },
    { header: common('grades.fail'), group: results, width: 5.8, align: 'right', fit: true },
    { header: col('goodRate'), width: 6.6, align: 'right', fit: true },
    { header: col('note'), width: 8.2, align: 'center' },
  ];
}

const planned = (value: number | null) => (value === null ? DASH : num(value));

function figureCells(f: Figures, note: string) {
  // A row with no scored result (an unassessed program, or nothing finished yet) has no grades to count.
  const grade = (n: number) => (scoredCount(f.grades) === 0 ? DASH : num(n));
  return [
    planned(f.plannedCourses),
    num(f.courses),
    planned(f.plannedTrainees),
    num(f.enrolled),
    { text: pct(f.traineeFulfillment), bar: f.traineeFulfillment, mark: f.expectedPace },
    num(f.completed),
    grade(f.grades.excellent),
    grade(f.grades.good),
    grade(f.grades.fair),
    grade(f.grades.average),
    grade(f.grades.fail),
    pct(f.goodRate),
    note,
  ];
}

const noteFor = (f: Figures, unitRow: boolean) =>
  f.plannedTrainees === null && f.plannedCourses === null ? say('report.noteNoPlan') : unitRow && f.lagging ? say('report.noteLagging') : '';

export function byUnitRows(units: UnitFigures[], totals: Figures, unplanned?: UnplannedFigures): TableRow[] {
  const rows: TableRow[] = [
    ...units.map((u, i): TableRow => ({ cells: [String(i + 1), markedName(u), ...figureCells(u, noteFor(u, true))] })),
    { kind: 'total', cells: ['', say('report.total'), ...figureCells(totals, '')] },
  ];
  // Their enrollments are in the total's counts, not in its rate: the line says how many (issue #11.2).
  if (unplanned && unplanned.units.length > 0) {
    const u = unplanned;
    rows.push({
      cells: ['', say('report.unplannedRow', { count: u.units.length }), DASH, num(u.courses), DASH, num(u.enrolled), DASH, num(u.completed), DASH, DASH, DASH, DASH, DASH, DASH, say('report.noteNoPlan')],
    });
  }
  return rows;
}

/** Biểu 3: each quarter's targets against its courses — planned and done, courses and trainees. */
export function quarterColumns(nameHeader: string): Column[] {
  const columns: Column[] = [
    { header: col('index'), width: 3.6, align: 'center' },
    { header: nameHeader, width: 19, align: 'left' },
  ];
  for (let q = 1; q <= 4; q++) {
    const group = say('report.quarter', { n: q });
    columns.push(
      { header: `${col('planned')} ${col('coursesShort')}`, group, width: 4.6, align: 'right', fit: true },
      { header: `${col('actual')} ${col('coursesShort')}`, group, width: 4.6, align: 'right', fit: true },
      { header: `${col('planned')} ${col('traineesShort')}`, group, width: 5.2, align: 'right', fit: true },
      { header: `${col('actual')} ${col('traineesShort')}`, group, width: 5.2, align: 'right', fit: true },
    );
  }
  return columns;
}

/** Rows with a quarterly split only, then the total's; nothing when no target is split. */
export function quarterRows(rows: Array<{ name: string; figures: Figures }>, totals: Figures): TableRow[] {
  const cells = (f: Figures) => (f.quarters ?? []).flatMap((q) => [num(q.plannedCourses), num(q.courses), num(q.plannedTrainees), num(q.enrolled)]);
  const split = rows.filter((r) => r.figures.quarters);
  if (split.length === 0 || !totals.quarters) return [];
  return [
    ...split.map((r, i): TableRow => ({ cells: [String(i + 1), r.name, ...cells(r.figures)] })),
    { kind: 'total', cells: ['', say('report.total'), ...cells(totals)] },
  ];
}

export function byProgramRows(categories: Array<CategoryFigures | (Figures & { category: CategoryFigures['category']; programs: ProgramFigures[] })>, totals: Figures): TableRow[] {
  const rows: TableRow[] = [];
  categories.forEach((c, ci) => {
    rows.push({ kind: 'group', cells: [roman(ci + 1), common(`categories.${c.category}`), ...figureCells(c, noteFor(c, false))] });
    c.programs.forEach((p, pi) => rows.push({ cells: [String(pi + 1), p.programName, ...figureCells(p, noteFor(p, false))] }));
  });
  rows.push({ kind: 'total', cells: ['', say('report.total'), ...figureCells(totals, '')] });
  return rows;
}

export function courseListColumns(): Column[] {
  const counts = col('counts');
  return [
    { header: col('index'), width: 4, align: 'center' },
    { header: col('course'), width: 31, align: 'left' },
    { header: col('dates'), width: 12, align: 'center' },
    { header: col('place'), width: 27, align: 'left' },
    { header: col('summoned'), group: counts, width: 7, align: 'right', fit: true },
    { header: col('present'), group: counts, width: 7, align: 'right', fit: true },
    { header: col('completed'), group: counts, width: 7, align: 'right', fit: true },
    { header: col('note'), width: 9, align: 'center' },
  ];
}

export function courseListRows(courses: CourseListRow[]): TableRow[] {
  const sum = (pick: (c: CourseListRow) => number) => num(courses.reduce((s, c) => s + pick(c), 0));
  return [
    ...courses.map((c, i): TableRow => ({
      cells: [
        String(i + 1),
        c.name,
        `${date(c.startDate)} – ${date(c.endDate)}`,
        c.place ?? '',
        num(c.summoned),
        num(c.present),
        num(c.completed),
        c.status === 'finished' ? '' : common(`courseStatus.${c.status}`),
      ],
    })),
    { kind: 'total', cells: ['', say('report.total'), '', '', sum((c) => c.summoned), sum((c) => c.present), sum((c) => c.completed), ''] },
  ];
}
