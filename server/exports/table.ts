// A table to export: columns with a Vietnamese header and a type, and rows of plain objects. The type decides
// how a value is written: numbers stay numbers, dates become real dates in .xlsx and dd/mm/yyyy in CSV.
export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'percent';

/**
 * What a row may hold for a column:
 * - text: string (a number is written as its digits);
 * - number, percent: number, or a numeric string (DECIMAL columns arrive as strings); percent is a share 0–1;
 * - date: 'YYYY-MM-DD', a Date, or a bare year (number) for people whose birth date is known by year only;
 * - datetime: a Date or an ISO string, shown in Vietnam time.
 * null and undefined leave the cell empty.
 */
export type CellInput = string | number | Date | null | undefined;

export interface ExportColumn<R> {
  header: string;
  type: ColumnType;
  key?: keyof R & string;
  value?: (row: R) => CellInput;
  /** Digits after the decimal point for number and percent columns (default 0 and 1). */
  decimals?: number;
  /** Width in characters (.xlsx); by default from the header. */
  width?: number;
}

export interface ExportTable<R> {
  columns: ReadonlyArray<ExportColumn<R>>;
  rows: Iterable<R> | AsyncIterable<R>;
  /** Worksheet name (.xlsx). */
  sheetName?: string;
  /** Lines above the header (.xlsx only), e.g. the report's title. */
  title?: readonly string[];
}

export function cellInput<R>(column: ExportColumn<R>, row: R): CellInput {
  if (column.value) return column.value(row);
  return column.key ? (row[column.key] as CellInput) : null;
}

export function toNumber(v: CellInput): number | null {
  if (v === null || v === undefined || v === '' || v instanceof Date) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

export type DatePart = { year: number; month: number; day: number } | { year: number; month: null; day: null };

/** A calendar date (or a bare year); a Date is read in Vietnam time. */
export function toDatePart(v: CellInput): DatePart | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isInteger(v) ? { year: v, month: null, day: null } : null;
  if (v instanceof Date) {
    const p = vietnamParts(v);
    return p && { year: p.year, month: p.month, day: p.day };
  }
  if (/^\d{4}$/.test(v)) return { year: Number(v), month: null, day: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // Vietnam has kept UTC+7, without daylight saving, since 1975.

export function vietnamParts(v: CellInput): DateTimeParts | null {
  const date = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

export async function* eachRow<R>(rows: Iterable<R> | AsyncIterable<R>): AsyncIterable<R> {
  for await (const row of rows as AsyncIterable<R>) yield row;
}
