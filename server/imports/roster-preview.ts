// The roster preview: what committing this file to a course would do, row by row, before anything is written.
// Matching against people already in the system is injected (`findExisting`), so this stays testable without a
// database and the commit (phase 2) can run the very same function inside its transaction.
import { todayInVietnam } from '../lib/format.js';
import { canonicalHeader, type Field } from './columns.js';
import { findDuplicates } from './duplicates.js';
import { mapColumns, type ColumnMap, type MappedColumn } from './header.js';
import { byRow, type Issue } from './issues.js';
import { readSpreadsheet, type SpreadsheetFile } from './read-file.js';
import { validateRosterRow, type RosterRowData } from './roster-row.js';
import { cellText } from './values.js';

/** A person already in the system. Only what matching needs: the preview never shows another unit's data. */
export interface ExistingPerson {
  traineeId: number;
  nationalId: string | null;
  searchName: string;
  birthDate: string | null;
  birthYear: number | null;
}

export type FindExisting = (nationalIds: string[]) => Promise<Map<string, ExistingPerson>>;

export interface RosterPreviewOptions {
  /** People with these citizen IDs, wherever they were entered: one citizen ID is one person nationwide. */
  findExisting: FindExisting;
  /** People already enrolled in the target course: their rows are skipped ('already'). */
  currentRoster?: readonly ExistingPerson[];
  today?: string;
}

/**
 * - create: a new trainee and their enrollment;
 * - match: an enrollment of the trainee who already has this citizen ID;
 * - already: the person is enrolled in the course already, nothing to do;
 * - error: the row cannot be imported (and so the file cannot be committed).
 */
export type RosterAction = 'create' | 'match' | 'already' | 'error';

export interface RosterPreviewRow {
  row: number;
  action: RosterAction;
  data: RosterRowData | null;
  traineeId: number | null;
  /** The row's cells as text, by field, for showing the row next to its messages. */
  values: Partial<Record<Field, string>>;
}

export interface PreviewFile {
  name: string;
  format: SpreadsheetFile['format'];
  sha256: string;
  bytes: number;
  sheetName: string | null;
  delimiter: SpreadsheetFile['delimiter'];
}

export interface RosterPreview {
  kind: 'roster';
  file: PreviewFile;
  headerRow: number | null;
  columns: MappedColumn[];
  rows: RosterPreviewRow[];
  errors: Issue[];
  warnings: Issue[];
  counts: { rows: number; create: number; match: number; already: number; error: number; warnings: number };
  /** No errors and at least one row: the commit may go ahead. */
  canCommit: boolean;
}

export const fileInfo = (file: SpreadsheetFile): PreviewFile => ({
  name: file.fileName,
  format: file.format,
  sha256: file.sha256,
  bytes: file.bytes,
  sheetName: file.sheetName,
  delimiter: file.delimiter,
});

export function rowValues(cells: readonly unknown[], map: ColumnMap): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (const [field, column] of Object.entries(map.at) as Array<[Field, MappedColumn]>) {
    const text = cellText(cells[column.index] as never);
    if (text !== null) values[field] = text;
  }
  return values;
}

export function splitIssues(issues: Issue[]): { errors: Issue[]; warnings: Issue[] } {
  const sorted = [...issues].sort(byRow);
  return { errors: sorted.filter((i) => i.level === 'error'), warnings: sorted.filter((i) => i.level === 'warning') };
}

export async function buildRosterPreview(buffer: Buffer, fileName: string, options: RosterPreviewOptions): Promise<RosterPreview> {
  return previewRoster(await readSpreadsheet(buffer, fileName), options);
}

export async function previewRoster(file: SpreadsheetFile, options: RosterPreviewOptions): Promise<RosterPreview> {
  const today = options.today ?? todayInVietnam();
  const mapped = mapColumns(file.rows, 'roster');
  const issues: Issue[] = [...mapped.issues];
  const rows: RosterPreviewRow[] = [];
  const map = mapped.map;

  if (map) {
    for (const sheetRow of mapped.dataRows) {
      const { data, issues: rowIssues } = validateRosterRow(sheetRow, map, { today });
      issues.push(...rowIssues);
      rows.push({ row: sheetRow.row, action: data ? 'create' : 'error', data, traineeId: null, values: rowValues(sheetRow.cells, map) });
    }
    const valid = rows.filter((r) => r.data);
    const duplicates = findDuplicates(
      valid.map((r) => ({ row: r.row, ...r.data!.trainee })),
      { nationalId: map.at.nationalId?.header ?? canonicalHeader('nationalId'), name: (map.at.fullName ?? map.at.givenName)?.header ?? canonicalHeader('fullName') },
    );
    issues.push(...duplicates);
    markErrors(rows, duplicates);
    await matchExisting(rows, issues, options, map);
  }

  const { errors, warnings } = splitIssues(issues);
  const count = (action: RosterAction) => rows.filter((r) => r.action === action).length;
  return {
    kind: 'roster',
    file: fileInfo(file),
    headerRow: mapped.map?.headerRow ?? null,
    columns: mapped.map?.columns ?? [],
    rows,
    errors,
    warnings,
    counts: { rows: rows.length, create: count('create'), match: count('match'), already: count('already'), error: count('error'), warnings: warnings.length },
    canCommit: errors.length === 0 && rows.length > 0,
  };
}

export function markErrors(rows: Array<{ row: number; action: string }>, issues: readonly Issue[]): void {
  const bad = new Set(issues.filter((i) => i.level === 'error').map((i) => i.row));
  for (const r of rows) if (bad.has(r.row)) r.action = 'error';
}

async function matchExisting(rows: RosterPreviewRow[], issues: Issue[], options: RosterPreviewOptions, map: ColumnMap): Promise<void> {
  const candidates = rows.filter((r) => r.action !== 'error' && r.data!.trainee.nationalId);
  const existing = candidates.length ? await options.findExisting(candidates.map((r) => r.data!.trainee.nationalId!)) : new Map<string, ExistingPerson>();
  const enrolled = options.currentRoster ?? [];
  const enrolledIds = new Set(enrolled.map((p) => p.traineeId));
  const enrolledByPerson = new Map(enrolled.filter((p) => p.birthDate).map((p) => [`${p.searchName}|${p.birthDate}`, p]));
  const idColumn = map.at.nationalId?.header ?? '';
  const found: Issue[] = [];

  for (const r of rows) {
    if (r.action === 'error') continue;
    const t = r.data!.trainee;
    const person = t.nationalId ? existing.get(t.nationalId) : undefined;
    if (person) {
      if (person.searchName !== t.searchName) {
        found.push({ level: 'error', row: r.row, column: idColumn, key: 'imports.row.idOtherPerson' });
        continue;
      }
      if (person.birthDate && t.birthDate ? person.birthDate !== t.birthDate : person.birthYear !== null && person.birthYear !== t.birthYear) {
        found.push({ level: 'warning', row: r.row, column: idColumn, key: 'imports.row.idOtherBirth' });
      }
      r.traineeId = person.traineeId;
      r.action = enrolledIds.has(person.traineeId) ? 'already' : 'match';
      continue;
    }
    // Without a citizen ID (or one not yet known), someone of the same name and birth date in this course.
    const inCourse = t.birthDate ? enrolledByPerson.get(`${t.searchName}|${t.birthDate}`) : undefined;
    if (inCourse && (!t.nationalId || !inCourse.nationalId)) {
      r.traineeId = inCourse.traineeId;
      r.action = 'already';
    }
  }
  issues.push(...found);
  markErrors(rows, found);
}
