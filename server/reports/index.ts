// The reports domain as other domains see it: the progress report and its shape.
export { progressReport, type ProgressInput } from './reports.service.js';
export { reportYears } from './reports.drilldown.js';
export {
  PERIODS,
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
export { emptyQuarters, quarterFigures } from './figures.js';
