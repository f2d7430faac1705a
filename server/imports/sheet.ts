// What the file readers hand on: the non-empty rows of one sheet, each with its row number as the user sees it
// (the spreadsheet's row, or the CSV record counted from 1), cells from column A.
export interface CellError {
  error: string;
}
export type CellValue = string | number | boolean | Date | CellError | null;

export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export type FileFormat = 'xlsx' | 'csv';

export interface SheetData {
  format: FileFormat;
  /** The worksheet read (xlsx only). */
  sheetName: string | null;
  /** The delimiter found (CSV only). */
  delimiter: ',' | ';' | null;
  rows: SheetRow[];
}

export const isCellError = (v: CellValue): v is CellError => typeof v === 'object' && v !== null && !(v instanceof Date);

/** A cell counts as empty when it holds nothing but whitespace. */
export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
