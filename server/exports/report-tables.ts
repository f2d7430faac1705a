// Biểu 1 (by unit) and Biểu 2 (by program, grouped by category with subtotals) of the progress report as export
// tables: the figures of progressReport() — the same as the JSON and the dashboards — counts as numbers and rates
// as numbers formatted as percentages (a rate without a base stays empty, never 0%).
import { zeroFigures, type CategoryFigures, type Figures, type ProgressReport } from '../reports/index.js';
import { t } from '../i18n/index.js';
import { markedName, viewLine } from '../reports/unit-labels.js';
import type { ExportColumn, ExportTable } from './table.js';

export interface FigureRow {
  stt: string;
  name: string;
  figures: Figures;
  note: string;
}

const vi = (key: string) => t('vi', key);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const dmy = (iso: string) => iso.split('-').reverse().join('/');

function figureColumns(nameHeader: string): Array<ExportColumn<FigureRow>> {
  const f = (pick: (x: Figures) => number | null) => (r: FigureRow) => pick(r.figures);
  return [
    { header: 'STT', type: 'text', key: 'stt', width: 6 },
    { header: nameHeader, type: 'text', key: 'name', width: 44 },
    { header: 'KH số lớp', type: 'number', value: f((x) => x.plannedCourses), width: 9 },
    { header: 'TH số lớp', type: 'number', value: f((x) => x.courses), width: 9 },
    { header: 'KH số học viên', type: 'number', value: f((x) => x.plannedTrainees), width: 11 },
    { header: 'TH số học viên (lượt)', type: 'number', value: f((x) => x.enrolled), width: 11 },
    { header: 'Tỷ lệ % TH/KH', type: 'percent', value: f((x) => x.traineeFulfillment), decimals: 1, width: 10 },
    { header: 'Hoàn thành', type: 'number', value: f((x) => x.completed), width: 10 },
    { header: 'Xuất sắc', type: 'number', value: f((x) => x.grades.excellent), width: 9 },
    { header: 'Giỏi', type: 'number', value: f((x) => x.grades.good), width: 8 },
    { header: 'Khá', type: 'number', value: f((x) => x.grades.fair), width: 8 },
    { header: 'Trung bình', type: 'number', value: f((x) => x.grades.average), width: 10 },
    { header: 'Không đạt', type: 'number', value: f((x) => x.grades.fail), width: 10 },
    { header: 'Tỷ lệ khá–giỏi', type: 'percent', value: f((x) => x.goodRate), decimals: 1, width: 10 },
    { header: 'Ghi chú', type: 'text', key: 'note', width: 18 },
  ];
}

const noteFor = (f: Figures, unitRow: boolean) =>
  f.plannedTrainees === null && f.plannedCourses === null ? vi('documents.report.noteNoPlan') : unitRow && f.lagging ? vi('documents.report.noteLagging') : '';

function periodLine(report: ProgressReport): string {
  return `Từ ngày ${dmy(report.window.from)} đến ngày ${dmy(report.window.to)} (số liệu tính đến ngày ${dmy(report.asOf)})`;
}

/** The title's lines: the table's name, its dates, and, rolled up, that the units are the successor units. */
function titleLines(heading: string, report: ProgressReport): string[] {
  const view = viewLine(report);
  return view ? [heading, periodLine(report), view] : [heading, periodLine(report)];
}

export function byUnitTable(report: ProgressReport): ExportTable<FigureRow> {
  const rows: FigureRow[] = [
    ...report.units.map((u, i) => ({ stt: String(i + 1), name: markedName(u), figures: u as Figures, note: noteFor(u, true) })),
    { stt: '', name: 'Tổng cộng', figures: report.totals, note: '' },
  ];
  // Their enrollments are in the total's counts, not in its rate (issue #11.2): a line of their own.
  const u = report.unplanned;
  if (u && u.units.length > 0) {
    const figures: Figures = {
      ...zeroFigures(),
      courses: u.courses,
      enrolled: u.enrolled,
      finished: u.finished,
      completed: u.completed,
      grades: u.grades,
      completionRate: u.finished === 0 ? null : u.completed / u.finished,
    };
    rows.push({ stt: '', name: t('vi', 'documents.report.unplannedRow', { count: u.units.length }), figures, note: vi('documents.report.noteNoPlan') });
  }
  return {
    columns: figureColumns('Đơn vị'),
    rows,
    sheetName: 'Biểu 1 - Theo đơn vị',
    title: titleLines(`BIỂU 1. KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO ĐƠN VỊ NĂM ${report.year}`, report),
  };
}

export function byProgramTable(report: ProgressReport): ExportTable<FigureRow> {
  const rows: FigureRow[] = [];
  report.categories.forEach((c: CategoryFigures, ci) => {
    rows.push({ stt: ROMAN[ci] ?? String(ci + 1), name: vi(`common.categories.${c.category}`), figures: c, note: noteFor(c, false) });
    c.programs.forEach((p, pi) => rows.push({ stt: String(pi + 1), name: p.programName, figures: p, note: noteFor(p, false) }));
  });
  rows.push({ stt: '', name: 'Tổng cộng', figures: report.totals, note: '' });
  return {
    columns: figureColumns('Chương trình'),
    rows,
    sheetName: 'Biểu 2 - Theo chương trình',
    title: titleLines(`BIỂU 2. KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO CHƯƠNG TRÌNH NĂM ${report.year}`, report),
  };
}
