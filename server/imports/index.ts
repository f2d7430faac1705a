// The imports domain's public face: other domains (the course pages, the API) import from here only.
export { HEADERS, canonicalHeader, fieldOfHeader, headerKey, type Field } from './columns.js';
export { localizeIssues, type Issue, type LocalizedIssue } from './issues.js';
export { LIMITS } from './limits.js';
export { courseRoster, enrolledPeople, findTraineesByNationalIds } from './lookup.js';
export { readSpreadsheet, type SpreadsheetFile } from './read-file.js';
// Reading cells the importer's way, for other sheets (the needs survey's).
export { cellError, cellText } from './values.js';
export { isBlank, type CellValue, type SheetRow } from './sheet.js';
export { uploadedName } from './import-pages.routes.js';
export {
  buildResultsPreview,
  previewResults,
  type ResultRowData,
  type ResultsPreview,
  type ResultsPreviewOptions,
  type ResultsPreviewRow,
  type RosterEntry,
} from './results-preview.js';
export {
  buildRosterPreview,
  previewRoster,
  type ExistingPerson,
  type FindExisting,
  type RosterPreview,
  type RosterPreviewOptions,
  type RosterPreviewRow,
} from './roster-preview.js';
export { TEMPLATE_EXAMPLE, type RosterRowData, type TraineeFields } from './roster-row.js';
export { buildResultsTemplate, buildRosterTemplate, type TemplateRow } from './template.js';
// Phase 2: the commit.
export { previousBatch, type BatchInfo } from './batch.js';
export { commitResultsImport, previewResultsImport, type ResultsImportOutcome } from './results-import.js';
export { commitRosterImport, previewRosterImport, type CommitOptions, type CoursePreview, type RosterImportOutcome } from './roster-import.js';
export { dropUpload, keepUpload, loadUpload, MAX_UPLOADS_PER_USER, UPLOAD_TTL_MS, type KeptFile } from './uploads.js';
