// The reports domain as other domains see it: the progress report and its shape.
export { progressDetail, progressReport, type ProgressDetail, type ProgressInput } from './reports.service.js';
export { provinceReportPdf, unitReportPdf, type ReportPaper } from './report-pdf.js';
export { reportYears } from './reports.drilldown.js';
export { codeParam, reportPageQuery } from './reports.schema.js';
export {
  PERIODS,
  REPORT_VIEWS,
  type ReportView,
  type CategoryFigures,
  type Figures,
  type GradeCounts,
  type Period,
  type ProgramFigures,
  type ProgressReport,
  type QuarterFigures,
  type UnitFigures,
  type UnplannedFigures,
} from './report.types.js';
export { emptyQuarters, quarterFigures, zeroFigures } from './figures.js';
