// Writing lists and report tables as .xlsx and CSV. Other domains define their columns and call these.
export { writeCsv, type CsvOptions } from './csv-write.js';
export { guardCsvText, startsLikeFormula } from './escape.js';
export { numbered, rosterColumns, type RosterColumnOptions, type RosterExportRow } from './roster-columns.js';
export { CONTENT_TYPES, sendSpreadsheet, type SpreadsheetFormat } from './send.js';
export type { CellInput, ColumnType, ExportColumn, ExportTable } from './table.js';
export { streamXlsx, streamXlsxBook, writeXlsx, writeXlsxBook } from './xlsx-write.js';
export { sendTable, spreadsheetFormat } from './export-format.js';
