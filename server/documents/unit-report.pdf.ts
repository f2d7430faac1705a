// One unit's progress report (issue #5 part 4b): the same Party report, issued and signed by the unit, with
// its figures by program (Biểu 1) and the list of its courses (Biểu 2).
import { AppError } from '../http/errors.js';
import { PdfWriter, closing, documentTitle, drawTable, partyHeader } from '../pdf/index.js';
import { PROGRAM_CATEGORIES } from '../programs/program.model.js';
import type { ProgressReport, UnitFigures } from '../reports/report.types.js';
import {
  BODY_SIZE,
  annexHeading,
  bullet,
  heading,
  legend,
  quartersNote,
  numberLine,
  paragraph,
  viewNote,
  type ReportDocumentOptions,
} from './report-document.js';
import { asPrintedOn, includesLine } from '../reports/unit-labels.js';
import { sumFigures } from './report-figures.js';
import { draftStamp, replacesNote } from './report-narrative.js';
import { byProgramRows, courseListColumns, courseListRows, figureColumns, quarterColumns, quarterRows } from './report-tables.js';
import { categoryLine, reportSubject, summaryParagraph, unitPaceLine } from './report-text.js';
import type { CourseListRow } from './unit-report.data.js';
import { say } from './words.js';

/** The unit's programs grouped by category, each group with its subtotal. */
export function unitCategories(unit: UnitFigures) {
  return PROGRAM_CATEGORIES.map((category) => {
    const programs = unit.programs.filter((p) => p.category === category);
    return { ...sumFigures(programs), category, programs };
  }).filter((c) => c.programs.length > 0);
}

export async function renderUnitReportPdf(
  asComputed: ProgressReport,
  unitCode: string,
  courses: CourseListRow[],
  options: ReportDocumentOptions,
): Promise<Buffer> {
  const report = asPrintedOn(asComputed, options.date);
  const unit = report.units.find((u) => u.unitCode === unitCode);
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  const subject = reportSubject(report);
  const { issuer } = options;
  const categories = unitCategories(unit);
  const w = new PdfWriter({ title: `${say('report.type')} ${subject}`, author: issuer.fullName, creationDate: options.creationDate, stamp: draftStamp(options) });

  partyHeader(w, { parentBody: issuer.parentBody, headerName: issuer.headerName, numberLine: numberLine(options), place: issuer.place, date: options.date });
  documentTitle(w, say('report.type'), subject);
  viewNote(w, report);
  replacesNote(w, options);

  heading(w, say('report.results'));
  heading(w, say('report.general'));
  paragraph(w, summaryParagraph(report, unit.unitName, unit));
  const includes = includesLine(unit);
  if (includes) paragraph(w, `${includes}.`, { style: 'italic' });

  heading(w, say('report.byCategory'));
  if (categories.length === 0) paragraph(w, say('report.noCourses'));
  for (const c of categories) bullet(w, categoryLine(c));

  heading(w, say('report.unitPace'));
  paragraph(w, unitPaceLine(report, unit));

  heading(w, say('report.courses'));
  paragraph(w, say('report.coursesSeeAnnex', { count: courses.length }));
  paragraph(w, say('report.seeAnnex'), { style: 'italic' });

  closing(w, { recipients: options.recipients, signer: issuer.signer, size: BODY_SIZE });

  w.addPage('landscape');
  annexHeading(w, 1, say('report.byProgramTitle'), report, options);
  drawTable(w, { columns: figureColumns(say('report.columns.program')), rows: byProgramRows(categories, unit), size: 8, headerSize: 8 });
  legend(w, report);

  w.addPage('landscape');
  annexHeading(w, 2, say('report.courseListTitle'), report, options);
  drawTable(w, { columns: courseListColumns(), rows: courseListRows(courses), size: 8.5, headerSize: 8.5 });

  const quarters = quarterRows(unit.programs.map((p) => ({ name: p.programName, figures: p })), unit);
  if (quarters.length > 0) {
    w.addPage('landscape');
    annexHeading(w, 3, say('report.quartersTitle'), report, options);
    drawTable(w, { columns: quarterColumns(say('report.columns.program')), rows: quarters, size: 8, headerSize: 8 });
    quartersNote(w, report);
  }

  return w.finish();
}
