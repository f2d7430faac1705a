// Finding the header row and what each column holds. Real rosters often start with a title block
// ("DANH SÁCH HỌC VIÊN LỚP …") and may have a row of column numbers "(1) (2) (3)" under the header, or repeat the
// header on every printed page: the header is the first row (among the first 20) naming the full-name column,
// and the other two are skipped. A header may take two rows, as in printed tables: "Đảng viên" over "Ngày vào
// Đảng" and "Ngày chính thức", or "Ngày sinh" over "Nam" and "Nữ" (the birth date is written under one of them).
import { AppError } from '../http/errors.js';
import { cleanText } from '../lib/text.js';
import { canonicalHeader, fieldOfHeader, RESULT_FIELDS, type Field } from './columns.js';
import type { Issue } from './issues.js';
import { LIMITS } from './limits.js';
import type { CellValue, SheetRow } from './sheet.js';
import { isBlank } from './sheet.js';
import { wordKey } from './values.js';

export type ImportKind = 'roster' | 'results';

export interface MappedColumn {
  index: number;
  /** The header as written in the file (NFC, spaces collapsed): messages name the column by it. */
  header: string;
  field: Field | null;
}

export interface ColumnMap {
  headerRow: number;
  columns: MappedColumn[];
  at: Partial<Record<Field, MappedColumn>>;
}

export interface MappedSheet {
  map: ColumnMap | null;
  dataRows: SheetRow[];
  issues: Issue[];
}

const headerText = (v: CellValue | undefined): string => (typeof v === 'string' ? cleanText(v) : typeof v === 'number' ? String(v) : '');
const NAME_FIELDS: ReadonlySet<Field | null> = new Set<Field | null>(['fullName', 'familyMiddleName', 'givenName']);
const IDENTITY_FIELDS: ReadonlySet<Field> = new Set<Field>(['stt', 'fullName', 'familyMiddleName', 'givenName', 'birthDate', 'birthDateMale', 'birthDateFemale', 'nationalId']);
const RESULTS: ReadonlySet<Field> = new Set<Field>(RESULT_FIELDS);

function isHeaderRow(row: SheetRow, kind: ImportKind): boolean {
  return row.cells.some((c) => {
    const field = fieldOfHeader(headerText(c));
    return NAME_FIELDS.has(field) || (kind === 'results' && field === 'nationalId');
  });
}

const columnNumber = (v: CellValue) => isBlank(v) || /^\(?\d{1,3}\)?$/.test(headerText(v));

interface HeaderCell {
  index: number;
  header: string;
  field: Field | null;
}

/**
 * The header cells, taking a second header row into account when the row under the first holds only headers
 * (or "Nam"/"Nữ" under a birth-date header). Returns how many rows the header takes.
 */
function headerCells(top: SheetRow, below: SheetRow | undefined): { cells: HeaderCell[]; rows: number } {
  const single = (): HeaderCell[] =>
    top.cells.flatMap((c, index) => (headerText(c) ? [{ index, header: headerText(c), field: fieldOfHeader(headerText(c)) }] : []));
  if (!below || below.row !== top.row + 1 || below.cells.every(isBlank)) return { cells: single(), rows: 1 };
  const subs: HeaderCell[] = [];
  for (const [index, cell] of below.cells.entries()) {
    if (isBlank(cell)) continue;
    const text = headerText(cell);
    const field = fieldOfHeader(text);
    if (field) {
      subs.push({ index, header: text, field });
      continue;
    }
    // A merged header has its text in its first cell only: the one covering this column is the nearest on the left.
    const covering = [...top.cells.slice(0, index + 1)].reverse().find((c) => !isBlank(c));
    const sex = wordKey(text);
    if (covering !== undefined && fieldOfHeader(headerText(covering)) === 'birthDate' && (sex === 'nam' || sex === 'nu')) {
      subs.push({ index, header: `${headerText(covering)} (${text})`, field: sex === 'nam' ? 'birthDateMale' : 'birthDateFemale' });
      continue;
    }
    return { cells: single(), rows: 1 };
  }
  const replaced = new Set(subs.map((c) => c.index));
  return { cells: [...single().filter((c) => !replaced.has(c.index)), ...subs].sort((a, b) => a.index - b.index), rows: 2 };
}

export function mapColumns(rows: readonly SheetRow[], kind: ImportKind): MappedSheet {
  const issues: Issue[] = [];
  const headerIndex = rows.slice(0, LIMITS.headerScanRows).findIndex((r) => isHeaderRow(r, kind));
  if (headerIndex < 0) {
    const key = rows.length === 0 ? 'imports.rows.none' : 'imports.header.notFound';
    return { map: null, dataRows: [], issues: [{ level: 'error', row: rows[0]?.row ?? 1, column: '', key, params: { rows: LIMITS.headerScanRows } }] };
  }
  const headerRow = rows[headerIndex]!;
  const warn = (column: string, key: string) => issues.push({ level: 'warning', row: headerRow.row, column, key, params: { column } });

  const { cells: headers, rows: headerRows } = headerCells(headerRow, rows[headerIndex + 1]);
  const columns: MappedColumn[] = [];
  const at: Partial<Record<Field, MappedColumn>> = {};
  for (const { index, header, field: found } of headers) {
    let field = found;
    if (field && at[field]) {
      warn(header, 'imports.header.duplicate');
      field = null;
    } else if (field && kind === 'roster' && RESULTS.has(field)) {
      warn(header, 'imports.header.resultsIgnored');
      field = null;
    } else if (field && kind === 'results' && !IDENTITY_FIELDS.has(field) && !RESULTS.has(field)) {
      field = null; // a roster column in a results file (e.g. a roster export with results): known, not needed
    } else if (!field) {
      warn(header, 'imports.header.unknown');
    }
    const column = { index, header, field };
    columns.push(column);
    if (field) at[field] = column;
  }

  // "Tên" alone, with no "Họ và tên đệm" beside it, is the whole name.
  if (at.givenName && !at.familyMiddleName && !at.fullName) {
    at.fullName = { ...at.givenName, field: 'fullName' };
    delete at.givenName;
  }
  if (at.fullName) {
    delete at.familyMiddleName;
    delete at.givenName;
  }

  const missing = (field: Field) => issues.push({ level: 'error', row: headerRow.row, column: canonicalHeader(field), key: 'imports.header.missing', params: { column: canonicalHeader(field) } });
  if (!at.fullName) {
    if (at.familyMiddleName && !at.givenName) missing('givenName');
    else if (at.givenName && !at.familyMiddleName) missing('familyMiddleName');
    else if (!at.familyMiddleName && kind === 'roster') missing('fullName');
  }
  if (kind === 'roster' && !at.birthDate && !at.birthDateMale && !at.birthDateFemale) missing('birthDate');
  if (kind === 'results') {
    if (!at.fullName && !at.familyMiddleName && !at.nationalId) missing('fullName');
    if (!at.score && !at.attendance && !at.result) {
      issues.push({ level: 'error', row: headerRow.row, column: canonicalHeader('score'), key: 'imports.header.noResultColumn' });
    }
  }

  const map: ColumnMap = { headerRow: headerRow.row, columns, at };
  const nameColumn = (at.fullName ?? at.givenName)?.index;
  let dataRows = rows.slice(headerIndex + headerRows);
  if (dataRows[0] && dataRows[0].cells.every(columnNumber) && nameColumn !== undefined && !isBlank(dataRows[0].cells[nameColumn])) {
    dataRows = dataRows.slice(1);
  }
  // A header repeated on a later page of a printed list.
  dataRows = dataRows.filter((r) => nameColumn === undefined || !NAME_FIELDS.has(fieldOfHeader(headerText(r.cells[nameColumn]))));
  if (dataRows.length > LIMITS.maxDataRows) {
    throw new AppError('too_large', 'imports.file.tooManyRows', { params: { max: LIMITS.maxDataRows } });
  }
  if (dataRows.length === 0 && !issues.some((i) => i.level === 'error')) {
    issues.push({ level: 'error', row: headerRow.row, column: '', key: 'imports.rows.none' });
  }
  return { map: issues.some((i) => i.level === 'error') ? null : map, dataRows, issues };
}

/**
 * The birth-date cell of a row: the "Ngày sinh" column, or whichever of the "Nam" / "Nữ" columns is filled,
 * which then also gives the gender. `both` when both are filled.
 */
export function birthCell(map: ColumnMap, cells: readonly CellValue[]): { field: Field; value: CellValue | undefined; gender: 'male' | 'female' | null; both: boolean } {
  if (map.at.birthDate) return { field: 'birthDate', value: cells[map.at.birthDate.index], gender: null, both: false };
  const male = map.at.birthDateMale ? cells[map.at.birthDateMale.index] : undefined;
  const female = map.at.birthDateFemale ? cells[map.at.birthDateFemale.index] : undefined;
  if (!isBlank(female) && female !== undefined) return { field: 'birthDateFemale', value: female, gender: 'female', both: !isBlank(male) && male !== undefined };
  return { field: map.at.birthDateMale ? 'birthDateMale' : 'birthDate', value: male, gender: isBlank(male) || male === undefined ? null : 'male', both: false };
}
