// Raw query values as both databases return them: SQLite gives 'YYYY-MM-DD' strings and numbers, MariaDB may
// give Date objects and numeric strings.

export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

export const count = (value: unknown) => Number(value ?? 0) || 0;

export const decimal = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** A DATETIME as SQLite ('2024-05-01 10:00:00.000 +00:00') or MariaDB (a Date) returns it. */
export function timestamp(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  const text = String(value).trim().replace(' ', 'T').replace(/\s*\+00:00$/, 'Z');
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
