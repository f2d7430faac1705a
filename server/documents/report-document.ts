// What the province's and a unit's progress reports share: the options a caller passes, the body's headings
// and paragraphs, and the heading of each attached table (Biểu).
import type { DocumentIssuer, PdfWriter } from '../pdf/index.js';
import type { ReportNarrative } from './report-narrative.js';
import { documentNumber, upper } from '../pdf/index.js';
import type { ProgressReport } from '../reports/report.types.js';
import { viewLine } from '../reports/unit-labels.js';
import { periodPhrase } from './report-text.js';
import { date, num, say } from './words.js';

export interface ReportDocumentOptions {
  /** The body that issues and signs the report: the board for the province, the unit for its own report. */
  issuer: DocumentIssuer;
  /** "Nơi nhận:", in order; the last is usually the archive ("Lưu Văn phòng Ban"). */
  recipients: string[];
  /** The number the clerk gives the report ("123" → "Số 123-BC/BTGTU"); blank leaves room to write it by hand. */
  number?: string | null;
  /** The report's date, 'YYYY-MM-DD', printed in the place-and-date line. */
  date: string;
  /** Fixes the PDF's creation and modification dates, so the same data gives the same bytes. */
  creationDate?: Date;
  /** The board's own text for the province report's sections (report-narrative.ts); none prints the report as generated. */
  narrative?: ReportNarrative | null;
  /** "Báo cáo số 12-BC/BTGTU ngày 15/12/2024": the issued report this one replaces, printed under the title. */
  replaces?: { symbol: string; date: string } | null;
  /** A preview: "DỰ THẢO" stamped on every page. */
  draft?: boolean;
}

export const BODY_SIZE = 11;
export const INDENT = 28;

export const numberLine = (options: ReportDocumentOptions) => documentNumber(options.number, say('report.typeCode'), options.issuer.symbol);

export function heading(w: PdfWriter, text: string): void {
  w.y += 4;
  // A heading never ends a page: it keeps at least two lines of what follows.
  w.ensureSpace(w.heightOf(text, { width: w.width, style: 'bold', size: BODY_SIZE }) + 36);
  w.block(text, { style: 'bold', size: BODY_SIZE, gapAfter: 4, x: w.left + INDENT, width: w.width - INDENT });
}

export function paragraph(w: PdfWriter, text: string, options: { style?: 'regular' | 'italic' } = {}): void {
  w.block(text, { size: BODY_SIZE, align: 'justify', indent: INDENT, lineGap: 2.5, gapAfter: 5, style: options.style });
}

export function bullet(w: PdfWriter, text: string): void {
  paragraph(w, `- ${text}`);
}

/** The top of an attached table: "Biểu 1", its title, what report it belongs to and the dates it covers. */
export function annexHeading(w: PdfWriter, n: number, title: string, report: ProgressReport, options: ReportDocumentOptions): void {
  w.block(say('report.annex', { n }), { align: 'right', style: 'bold', size: 10, gapAfter: 2 });
  w.block(`${title} ${upper(periodPhrase(report))}`, { align: 'center', style: 'bold', size: 12, gapAfter: 3 });
  const line = numberLine(options);
  w.block(
    say('report.annexOf', { number: line.charAt(0).toLocaleLowerCase('vi-VN') + line.slice(1), date: date(options.date), issuer: options.issuer.fullName }),
    { align: 'center', style: 'italic', size: 9.5, gapAfter: 1 },
  );
  const view = viewLine(report);
  w.block(say('report.annexWindow', { from: date(report.window.from), to: date(report.window.to) }), {
    align: 'center',
    style: 'italic',
    size: 9.5,
    gapAfter: view ? 1 : 10,
  });
  if (view) w.block(view, { align: 'center', style: 'italic', size: 9.5, gapAfter: 10 });
}

/** Under the title of a report rolled up into successor units: "Số liệu theo đơn vị kế tục (sau sắp xếp)". */
export function viewNote(w: PdfWriter, report: ProgressReport): void {
  const view = viewLine(report);
  if (view) w.block(view, { align: 'center', style: 'italic', size: BODY_SIZE, gapAfter: 8 });
}

export function legend(w: PdfWriter, report: ProgressReport): void {
  w.y += 4;
  w.block(say('report.legend', { asOf: date(report.asOf) }), { style: 'italic', size: 8 });
}

/** Under Biểu 1 when some unit has no approved plan: what the total's rate divides (issue #11.2). */
export function onPlanNote(w: PdfWriter, report: ProgressReport): void {
  if (!report.unplanned || report.unplanned.units.length === 0) return;
  w.block(say('report.onPlanNote', { enrolled: num(report.totals.enrolledOnPlan) }), { style: 'italic', size: 8 });
}

export function quartersNote(w: PdfWriter, report: ProgressReport): void {
  w.y += 4;
  w.block(say('report.quartersNote', { asOf: date(report.asOf) }), { style: 'italic', size: 8 });
}
