// The province's progress report (issue #5 part 4a): a Party report on A4 portrait, signed by the board, with
// Biểu 1 by unit and Biểu 2 by program attached on landscape pages.
import { PdfWriter, closing, documentTitle, drawTable, partyHeader } from '../pdf/index.js';
import type { ProgressReport } from '../reports/report.types.js';
import {
  BODY_SIZE,
  annexHeading,
  bullet,
  heading,
  legend,
  numberLine,
  onPlanNote,
  paragraph,
  quartersNote,
  viewNote,
  type ReportDocumentOptions,
} from './report-document.js';
import { draftStamp, narrativeSections, replacesNote, resultsIntro } from './report-narrative.js';
import { byProgramRows, byUnitRows, figureColumns, quarterColumns, quarterRows } from './report-tables.js';
import { categoryLine, laggingLines, reportSubject, summaryParagraph, unplannedLine } from './report-text.js';
import { say } from './words.js';
import { asPrintedOn, markedName } from '../reports/unit-labels.js';

export async function renderProgressReportPdf(asComputed: ProgressReport, options: ReportDocumentOptions): Promise<Buffer> {
  const report = asPrintedOn(asComputed, options.date);
  const subject = reportSubject(report);
  const { issuer } = options;
  const w = new PdfWriter({ title: `${say('report.type')} ${subject}`, author: issuer.fullName, creationDate: options.creationDate, stamp: draftStamp(options) });

  partyHeader(w, { parentBody: issuer.parentBody, headerName: issuer.headerName, numberLine: numberLine(options), place: issuer.place, date: options.date });
  documentTitle(w, say('report.type'), subject);
  viewNote(w, report);
  replacesNote(w, options);

  heading(w, say('report.results'));
  resultsIntro(w, options);
  heading(w, say('report.general'));
  paragraph(w, summaryParagraph(report, say('report.provinceScope'), report.totals));

  heading(w, say('report.byCategory'));
  if (report.categories.length === 0) paragraph(w, say('report.noCourses'));
  for (const c of report.categories) bullet(w, categoryLine(c));

  heading(w, say('report.lagging'));
  const lagging = laggingLines(report, report.units);
  const anyPlan = report.units.some((u) => u.plannedTrainees !== null);
  if (lagging.length === 0) paragraph(w, say(anyPlan ? 'report.laggingNone' : 'report.laggingNoPlan'));
  else {
    paragraph(w, say('report.laggingIntro', { count: lagging.length }));
    for (const line of lagging) bullet(w, line);
  }
  const unplanned = unplannedLine(report);
  if (unplanned) paragraph(w, unplanned);
  const quarters = quarterRows(report.units.map((u) => ({ name: markedName(u), figures: u })), report.totals);
  paragraph(w, say(quarters.length > 0 ? 'report.seeAnnexesQuarters' : 'report.seeAnnexes'), { style: 'italic' });
  narrativeSections(w, report, options);

  closing(w, { recipients: options.recipients, signer: issuer.signer, size: BODY_SIZE });

  w.addPage('landscape');
  annexHeading(w, 1, say('report.byUnitTitle'), report, options);
  drawTable(w, { columns: figureColumns(say('report.columns.unit')), rows: byUnitRows(report.units, report.totals, report.unplanned), size: 8, headerSize: 8, padding: 2 });
  legend(w, report);
  onPlanNote(w, report);

  w.addPage('landscape');
  annexHeading(w, 2, say('report.byProgramTitle'), report, options);
  drawTable(w, { columns: figureColumns(say('report.columns.program')), rows: byProgramRows(report.categories, report.totals), size: 8, headerSize: 8 });
  legend(w, report);

  if (quarters.length > 0) {
    w.addPage('landscape');
    annexHeading(w, 3, say('report.quartersTitle'), report, options);
    drawTable(w, { columns: quarterColumns(say('report.columns.unit')), rows: quarters, size: 8, headerSize: 8 });
    quartersNote(w, report);
  }

  return w.finish();
}
