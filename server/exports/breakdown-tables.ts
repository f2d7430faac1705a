// The breakdowns (cơ cấu học viên) as export tables: one per dimension — a worksheet each in .xlsx — or all
// of them stacked in one CSV, a "Tiêu chí" column naming the dimension of each row. The figures are those of
// breakdownReport(), the same as the JSON and the dashboards; headers and labels in Vietnamese.
import { t } from '../i18n/index.js';
import type { Breakdown, BreakdownFigures, BreakdownReport } from '../reports/breakdowns.js';
import { rowLabel } from '../reports/breakdowns.view.js';
import { viewLine } from '../reports/unit-labels.js';
import type { ExportColumn, ExportTable } from './table.js';

export interface BreakdownExportRow {
  dimension: string;
  stt: string;
  name: string;
  figures: BreakdownFigures;
}

const vi = (key: string, params?: Record<string, unknown>) => t('vi', key, params);
const dmy = (iso: string) => iso.split('-').reverse().join('/');

function columns(nameHeader: string, withDimension: boolean): Array<ExportColumn<BreakdownExportRow>> {
  const f = (pick: (x: BreakdownFigures) => number | null) => (r: BreakdownExportRow) => pick(r.figures);
  return [
    ...(withDimension ? [{ header: vi('breakdowns.columns.dimension'), type: 'text', key: 'dimension', width: 18 } as const] : []),
    { header: vi('breakdowns.columns.no'), type: 'text', key: 'stt', width: 6 },
    { header: nameHeader, type: 'text', key: 'name', width: 44 },
    { header: vi('breakdowns.columns.enrolled'), type: 'number', value: f((x) => x.enrolled), width: 11 },
    { header: vi('breakdowns.columns.share'), type: 'percent', value: f((x) => x.share), decimals: 1, width: 11 },
    { header: vi('breakdowns.columns.trainees'), type: 'number', value: f((x) => x.trainees), width: 10 },
    { header: vi('breakdowns.columns.finished'), type: 'number', value: f((x) => x.finished), width: 11 },
    { header: vi('breakdowns.columns.completed'), type: 'number', value: f((x) => x.completed), width: 11 },
    { header: vi('breakdowns.columns.completionRate'), type: 'percent', value: f((x) => x.completionRate), decimals: 1, width: 11 },
  ];
}

function rowsOf(b: Breakdown, totals: BreakdownFigures): BreakdownExportRow[] {
  const dimension = vi(`breakdowns.headers.${b.dimension}`);
  return [
    ...b.rows.map((r, i) => ({ dimension, stt: String(i + 1), name: rowLabel(b.dimension, r), figures: r })),
    { dimension, stt: '', name: vi('breakdowns.total'), figures: totals },
  ];
}

function titleLines(report: BreakdownReport, dimension: string): string[] {
  const lines = [vi('breakdowns.sheetTitle', { dimension: vi(`breakdowns.titleDimensions.${dimension}`), year: report.year })];
  if (report.unit) lines.push(report.unit.unitName);
  lines.push(`Các lớp khai giảng từ ngày ${dmy(report.window.from)} đến ngày ${dmy(report.window.to)} (số liệu tính đến ngày ${dmy(report.asOf)})`);
  const view = viewLine({ view: report.view });
  if (view) lines.push(view);
  return lines;
}

/** One table per dimension (all, or only the one asked), for the worksheets of the .xlsx. */
export function breakdownSheets(report: BreakdownReport, only?: Breakdown['dimension']): Array<ExportTable<BreakdownExportRow>> {
  return report.dimensions
    .filter((b) => only === undefined || b.dimension === only)
    .map((b) => ({
      columns: columns(vi(`breakdowns.headers.${b.dimension}`), false),
      rows: rowsOf(b, report.totals),
      sheetName: vi(`breakdowns.sheetNames.${b.dimension}`),
      title: titleLines(report, b.dimension),
    }));
}

/** Every dimension (or the one asked) in one table, each ending with its total row: what the CSV holds. */
export function breakdownTable(report: BreakdownReport, only?: Breakdown['dimension']): ExportTable<BreakdownExportRow> {
  const dimensions = report.dimensions.filter((b) => only === undefined || b.dimension === only);
  return {
    columns: columns(vi('breakdowns.columns.value'), true),
    rows: dimensions.flatMap((b) => rowsOf(b, report.totals)),
    sheetName: vi('breakdowns.title'),
    title: titleLines(report, only ?? 'all'),
  };
}
