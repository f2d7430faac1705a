// The error file: the uploaded sheet as it was read, with an added last column "Lỗi" naming each row's errors,
// so a long file is fixed in the file itself rather than by reading the preview row by row. Every row keeps its
// number (rows the reader skipped as empty come back empty), so "dòng 812" in the preview is row 812 here too.
// Errors of the header and of the whole file sit on the header row, as in the preview. Written with the
// exports' writers (.xlsx; .csv too for a CSV upload); every cell as text, as read.
import type { ExportColumn, ExportTable } from '../exports/index.js';
import { formatDate } from '../lib/format.js';
import { t, type Locale } from '../i18n/index.js';
import type { Issue } from './issues.js';
import { LIMITS } from './limits.js';
import { isCellError, type CellValue, type SheetData } from './sheet.js';

type Line = readonly string[];

/** Past this row number, empty rows are not written back (the limits allow 10,100 rows that are not empty). */
const MAX_NUMBERED_ROWS = 2 * (LIMITS.maxDataRows + LIMITS.maxExtraRows);

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value.toISOString().slice(0, 10));
  if (isCellError(value)) return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * The sheet's first row becomes the table's header line and every later row a line, so row numbers stay those
 * of the uploaded file in either format. The "Lỗi" cell of a row holds its errors, one after another.
 */
export function errorFileTable(sheet: SheetData, errors: readonly Issue[], locale: Locale): ExportTable<Line> {
  const errorColumn = t(locale, 'imports.page.errorColumn');
  const messages = new Map<number, string[]>();
  for (const e of errors) messages.set(e.row, [...(messages.get(e.row) ?? []), t(locale, e.key, e.params)]);
  const byNumber = new Map(sheet.rows.map((r) => [r.row, r]));
  const width = Math.min(LIMITS.maxColumns, Math.max(0, ...sheet.rows.map((r) => r.cells.length)));
  const lastRow = Math.max(1, ...sheet.rows.map((r) => r.row), ...errors.map((e) => e.row));
  // A stray cell a million rows down would make a million empty lines: then only the rows read are written.
  const keepNumbers = lastRow <= MAX_NUMBERED_ROWS;
  const numbers = keepNumbers ? null : sheet.rows.map((r) => r.row).filter((n) => n > 1);
  const lineOf = (n: number): Line => {
    const cells = byNumber.get(n)?.cells ?? [];
    return [...Array.from({ length: width }, (_, i) => cellText(cells[i])), (messages.get(n) ?? []).join(' ')];
  };
  const first = lineOf(1);
  const firstErrors = first[width]!;
  const columns: Array<ExportColumn<Line>> = [
    ...Array.from({ length: width }, (_, i): ExportColumn<Line> => ({ header: first[i]!, type: 'text', value: (line) => line[i] ?? '', width: 18 })),
    { header: firstErrors ? `${errorColumn}: ${firstErrors}` : errorColumn, type: 'text', value: (line) => line[width] ?? '', width: 60 },
  ];
  function* lines(): Iterable<Line> {
    if (numbers) for (const n of numbers) yield lineOf(n);
    else for (let n = 2; n <= lastRow; n++) yield lineOf(n);
  }
  return { columns, rows: lines(), sheetName: sheet.sheetName ?? 'Sheet1' };
}
