// What the report pages show, prepared from a ProgressReport: rows with their progress bar, the lagging
// units first with how far behind they are, and the charts' data (the tables beside them hold the same).
import { t, type Locale } from '../i18n/index.js';
import { formatDate, formatNumber, formatPercent } from '../lib/format.js';
import { PERIODS, REPORT_VIEWS, type CategoryFigures, type Figures, type Period, type ProgramFigures, type ProgressReport, type ReportView, type UnitFigures } from './report.types.js';
import type { PaceInfo, ProgressDetail } from './reports.service.js';
import { endedMark, includesLine } from './unit-labels.js';

export interface Bar {
  /** 0–100, capped: what is drawn. */
  fill: number;
  /** Where the expected-pace mark goes, 0–99.4, or null without a plan. */
  mark: number | null;
  lagging: boolean;
  /** The same in words, for screen readers and for anyone without the picture. */
  text: string;
  /** "69,5% · dự kiến 100,0%", shown under the bar. */
  short: string;
}

/** A row of figures as the pages show it. */
export interface FiguresView {
  figures: Figures;
  bar: Bar;
  /** "Chậm 18,3 điểm %", "Vượt 2,0 điểm %", "Chưa có kế hoạch", or null. */
  note: string | null;
  gap: number | null;
}

const percentValue = (rate: number | null) => (rate === null ? 0 : Math.max(0, Math.min(100, Math.round(rate * 1000) / 10)));

export function figuresView(figures: Figures, pace: PaceInfo | undefined, locale: Locale): FiguresView {
  const gap = pace?.gap ?? null;
  let note: string | null = null;
  if (figures.plannedTrainees === null) note = t(locale, 'reports.noPlan');
  else if (gap !== null && gap >= 0.0005) note = t(locale, 'reports.behind', { points: formatNumber(gap * 100, locale, 1) });
  else if (gap !== null && gap <= -0.0005) note = t(locale, 'reports.ahead', { points: formatNumber(-gap * 100, locale, 1) });
  const ytd = pace?.ytdFulfillment ?? figures.traineeFulfillment;
  return {
    figures,
    gap,
    note,
    bar: {
      fill: percentValue(ytd),
      mark: figures.expectedPace === null ? null : Math.min(99.4, percentValue(figures.expectedPace)),
      lagging: figures.lagging,
      text: t(locale, 'reports.bar', { fulfillment: formatPercent(ytd, locale), pace: formatPercent(figures.expectedPace, locale) }),
      short: t(locale, 'reports.barShort', { fulfillment: formatPercent(ytd, locale), pace: formatPercent(figures.expectedPace, locale) }),
    },
  };
}

export interface UnitRowView extends FiguresView {
  unitCode: string;
  unitName: string;
  /** "đã giải thể từ 01/07/2025" for a unit that no longer exists, else null. */
  mark: string | null;
  /** Rolled up: "Gồm số liệu của: …" when the row carries other units' figures ("includes" is a view helper). */
  carries: string | null;
}

/** What the pages say about a unit that changed: its mark and, rolled up, whose figures it carries. */
export function unitChange(unit: UnitFigures, locale: Locale): { mark: string | null; carries: string | null } {
  return { mark: endedMark(unit, locale), carries: includesLine(unit, locale) };
}

/** Biểu 1's rows for the board: lagging units first, the furthest behind at the top, then the rest in order. */
export function unitRowsView(detail: ProgressDetail, locale: Locale): UnitRowView[] {
  const rows = detail.report.units.map((u) => ({
    unitCode: u.unitCode,
    unitName: u.unitName,
    ...unitChange(u, locale),
    ...figuresView(u, detail.pace.get(u.unitCode), locale),
  }));
  const lagging = rows.filter((r) => r.figures.lagging).sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0));
  return [...lagging, ...rows.filter((r) => !r.figures.lagging)];
}

export interface ProgramRowView extends FiguresView {
  programCode: string;
  programName: string;
}

export function programRowsView(programs: ProgramFigures[], paceKey: (code: string) => string, detail: ProgressDetail, locale: Locale): ProgramRowView[] {
  return programs.map((p) => ({ programCode: p.programCode, programName: p.programName, ...figuresView(p, detail.pace.get(paceKey(p.programCode)), locale) }));
}

export interface CategoryView extends FiguresView {
  category: string;
  programs: ProgramRowView[];
}

export function categoriesView(categories: CategoryFigures[], detail: ProgressDetail, locale: Locale): CategoryView[] {
  return categories.map((c) => ({
    category: c.category,
    ...figuresView(c, detail.pace.get(`category:${c.category}`), locale),
    programs: programRowsView(c.programs, (code) => `program:${code}`, detail, locale),
  }));
}

/** Long program names as several short lines, which Chart.js draws one under the other. */
export function wrapLabel(label: string, width = 32): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A bar chart's data, put into a data- attribute (no inline script under the CSP). */
export function chartJson(labels: string[], rows: Figures[], locale: Locale): string {
  return JSON.stringify({
    locale: locale === 'vi' ? 'vi-VN' : 'en-GB',
    labels: labels.map((l) => wrapLabel(l)),
    series: [
      { label: t(locale, 'reports.charts.planned'), data: rows.map((r) => r.plannedTrainees ?? 0), color: '#6c757d' },
      { label: t(locale, 'reports.charts.enrolled'), data: rows.map((r) => r.enrolled), color: '#a50f15' },
    ],
  });
}

/** The units without an approved plan, as the dashboard says it (issue #11.3); null when every unit has one. */
export interface UnplannedView {
  heading: string;
  counts: string;
  line: string;
  footnote: string;
  units: Array<{ unitCode: string; unitName: string }>;
  courses: number;
  enrolled: number;
  completed: number;
  completionRate: number | null;
}

export function unplannedView(report: ProgressReport, locale: Locale): UnplannedView | null {
  const u = report.unplanned;
  if (!u || u.units.length === 0) return null;
  const count = formatNumber(u.units.length, locale);
  return {
    heading: t(locale, 'reports.unplanned.heading', { count, year: report.year }),
    counts: t(locale, 'reports.unplanned.counts', { courses: formatNumber(u.courses, locale), enrolled: formatNumber(u.enrolled, locale) }),
    line: t(locale, 'reports.unplanned.line', { count }),
    footnote: t(locale, 'reports.unplanned.footnote', {
      courses: formatNumber(report.totals.coursesOnPlan, locale),
      enrolled: formatNumber(report.totals.enrolledOnPlan, locale),
    }),
    units: u.units,
    courses: u.courses,
    enrolled: u.enrolled,
    completed: u.completed,
    completionRate: u.finished === 0 ? null : u.completed / u.finished,
  };
}

/** What the lagging panel says when nobody lags: among how many planned units — or that none has a plan. */
export function laggingNone(report: ProgressReport, threshold: string, locale: Locale): string {
  const planned = report.units.filter((u) => u.plannedTrainees !== null).length;
  if (planned === 0) return t(locale, 'reports.lagging.noneNoPlan', { year: report.year });
  return t(locale, 'reports.lagging.none', { planned: formatNumber(planned, locale), threshold });
}

export interface QuarterCellView {
  quarter: number;
  courses: string;
  trainees: string;
  rate: string;
  /** The quarter has ended by the as-of date with fewer trainees than its target. */
  short: boolean;
}

export interface QuarterRowView {
  key: string;
  label: string;
  cells: QuarterCellView[];
}

/** Rows of the quarter table: those with a split, each quarter as "done/planned" for courses and trainees. */
export function quarterRowsView(rows: Array<{ key: string; label: string; figures: Figures }>, asOf: string, locale: Locale): QuarterRowView[] {
  const year = asOf.slice(0, 4);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return rows
    .filter((r) => r.figures.quarters)
    .map((r) => ({
      key: r.key,
      label: r.label,
      cells: r.figures.quarters!.map((q) => ({
        quarter: q.quarter,
        courses: `${formatNumber(q.courses, locale)}/${formatNumber(q.plannedCourses, locale)}`,
        trainees: `${formatNumber(q.enrolled, locale)}/${formatNumber(q.plannedTrainees, locale)}`,
        rate: formatPercent(q.traineeFulfillment, locale),
        short: asOf >= `${year}-${ends[q.quarter - 1]}` && q.enrolled < q.plannedTrainees,
      })),
    }));
}

export interface FilterView {
  action: string;
  years: Array<{ value: number; selected: boolean }>;
  /** The same years as links (every year one click away), keeping period and view. */
  yearLinks: Array<{ value: number; selected: boolean; href: string }>;
  periods: Array<{ value: Period; label: string; selected: boolean }>;
  views: Array<{ value: ReportView; label: string; selected: boolean }>;
  asOf: string;
  /** The query string that keeps the same selection on the drill-down links. */
  query: Record<string, string>;
}

export interface Selection {
  year: number;
  period: Period;
  asOf?: string;
  view?: ReportView;
}

/** The query string every link keeps; the default view stays out of it, so as-was links read as before. */
export function selectionQuery({ year, period, asOf, view }: Selection): Record<string, string> {
  return { year: String(year), period, ...(asOf ? { asOf } : {}), ...(view && view !== 'as-was' ? { view } : {}) };
}

/** The selectors, and the query string of the selection. */
export function filterView(action: string, years: number[], selection: Selection, locale: Locale): FilterView {
  const { year, period, asOf: asOfAsked } = selection;
  const view = selection.view ?? 'as-was';
  const list = years.includes(year) ? years : [...years, year].sort((a, b) => b - a);
  return {
    action,
    years: list.map((value) => ({ value, selected: value === year })),
    yearLinks: list.map((value) => ({
      value,
      selected: value === year,
      // The as-of date belongs to the year it was chosen in: another year starts from its own default.
      href: `${action}?${new URLSearchParams(selectionQuery({ year: value, period, view })).toString()}`,
    })),
    periods: PERIODS.map((value) => ({ value, label: t(locale, `reports.periods.${value}`), selected: value === period })),
    views: REPORT_VIEWS.map((value) => ({ value, label: t(locale, `reports.views.${value}`), selected: value === view })),
    asOf: asOfAsked ?? '',
    query: selectionQuery(selection),
  };
}

/** "Cả năm: số liệu các lớp khai giảng từ 01/01/2024 đến 31/12/2024; kết quả tính đến ngày 31/12/2024." */
export function windowText(detail: ProgressDetail, locale: Locale): { text: string; empty: boolean } {
  const { report } = detail;
  const empty = report.window.to < report.window.from;
  if (empty) return { empty, text: t(locale, 'reports.emptyWindow', { asOf: formatDate(report.asOf) }) };
  return {
    empty,
    text: t(locale, 'reports.window', {
      period: t(locale, `reports.periods.${report.period}`),
      from: formatDate(report.window.from),
      to: formatDate(report.window.to),
      asOf: formatDate(report.asOf),
    }),
  };
}
