// The results preview: attendance, score and outcome for people already enrolled in the course. Each row is
// matched to an enrollment by citizen ID, else by name and birth date; never by name alone. A blank cell leaves the
// stored value as it is. Grade and status are computed by the program's rules (programs/grading.ts); a Xếp loại
// or Kết quả in the file that disagrees with them is a warning, so a mistyped score shows up before the commit.
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import { t } from '../i18n/index.js';
import { formatNumber } from '../lib/format.js';
import { gradeFor, resultNote, resultOf, type GradingRules } from '../programs/grading.js';
import type { Field } from './columns.js';
import { birthCell, mapColumns, type ColumnMap, type MappedColumn } from './header.js';
import type { Issue, Problem } from './issues.js';
import { readSpreadsheet, type SpreadsheetFile } from './read-file.js';
import { TEMPLATE_EXAMPLE } from './roster-row.js';
import { fileInfo, markErrors, rowValues, splitIssues, type PreviewFile } from './roster-preview.js';
import type { CellValue, SheetRow } from './sheet.js';
import { cellText, parseAttendance, parseDate, parseGrade, parseNationalId, parseOutcome, parseScore, type Parsed } from './values.js';
import { searchKey } from '../lib/text.js';

/** One enrollment of the course, as the commit will find it (numbers as numbers: DECIMAL columns arrive as strings). */
export interface RosterEntry {
  enrollmentId: number;
  traineeId: number;
  nationalId: string | null;
  searchName: string;
  birthDate: string | null;
  birthYear: number | null;
  score: number | null;
  attendance: number | null;
  status: EnrollmentStatus;
  grade: Grade | null;
}

export interface ResultsPreviewOptions {
  roster: readonly RosterEntry[];
  rules: GradingRules;
  /** Whether the course has ended: attendance below the required share fails only then. */
  courseEnded: boolean;
}

export interface ResultRowData {
  enrollmentId: number;
  score: number | null;
  attendance: number | null;
  withdrawn: boolean;
  grade: Grade | null;
  status: EnrollmentStatus;
}

export type ResultsAction = 'update' | 'unchanged' | 'error';

export interface ResultsPreviewRow {
  row: number;
  action: ResultsAction;
  data: ResultRowData | null;
  values: Partial<Record<Field, string>>;
}

export interface ResultsPreview {
  kind: 'results';
  file: PreviewFile;
  headerRow: number | null;
  columns: MappedColumn[];
  rows: ResultsPreviewRow[];
  errors: Issue[];
  warnings: Issue[];
  counts: { rows: number; update: number; unchanged: number; error: number; warnings: number; notInFile: number };
  canCommit: boolean;
}

export async function buildResultsPreview(buffer: Buffer, fileName: string, options: ResultsPreviewOptions): Promise<ResultsPreview> {
  return previewResults(await readSpreadsheet(buffer, fileName), options);
}

export function previewResults(file: SpreadsheetFile, options: ResultsPreviewOptions): ResultsPreview {
  const mapped = mapColumns(file.rows, 'results');
  const issues: Issue[] = [...mapped.issues];
  const rows: ResultsPreviewRow[] = [];
  const map = mapped.map;
  if (map) {
    const seen = new Map<number, number>();
    const index = indexRoster(options.roster);
    for (const sheetRow of mapped.dataRows) {
      const result = resultsRow(sheetRow, map, options, index);
      issues.push(...result.issues);
      if (result.data) {
        const first = seen.get(result.data.enrollmentId);
        if (first !== undefined) {
          issues.push({ level: 'error', row: sheetRow.row, column: nameHeader(map), key: 'imports.row.duplicateEnrollment', params: { row: first } });
        }
        seen.set(result.data.enrollmentId, sheetRow.row);
      }
      rows.push({ row: sheetRow.row, action: result.data ? (result.changed ? 'update' : 'unchanged') : 'error', data: result.data, values: rowValues(sheetRow.cells, map) });
    }
    markErrors(rows, issues);
  }
  const { errors, warnings } = splitIssues(issues);
  const matched = new Set(rows.map((r) => r.data?.enrollmentId));
  const count = (action: ResultsAction) => rows.filter((r) => r.action === action).length;
  return {
    kind: 'results',
    file: fileInfo(file),
    headerRow: map?.headerRow ?? null,
    columns: map?.columns ?? [],
    rows,
    errors,
    warnings,
    counts: {
      rows: rows.length,
      update: count('update'),
      unchanged: count('unchanged'),
      error: count('error'),
      warnings: warnings.length,
      notInFile: options.roster.filter((e) => !matched.has(e.enrollmentId)).length,
    },
    canCommit: errors.length === 0 && rows.length > 0,
  };
}

const nameHeader = (map: ColumnMap) => (map.at.fullName ?? map.at.givenName ?? map.at.nationalId)?.header ?? '';
const gradeLabel = (g: Grade | 'pass') => (g === 'pass' ? 'Đạt' : t('vi', `common.grades.${g}`));
const statusLabel = (s: EnrollmentStatus) => t('vi', `common.enrollmentStatus.${s}`);
/** 9 → "9", 9.5 → "9,5"; a share 0.7 → "70%", 0.955 → "95,5%" (the messages are Vietnamese, as the file is). */
const viDecimal = (v: number) => formatNumber(v, 'vi', Number.isInteger(Math.round(v * 10) / 10) ? 0 : 1);
const viPercent = (share: number) => `${viDecimal(Math.round(share * 1000) / 10)}%`;

/** The keys of the warnings that say why a row does not complete (the preview shows them on the row too). */
export const ATTENDANCE_NOTE_KEYS: ReadonlySet<string> = new Set([
  'imports.row.attendanceBelow',
  'imports.row.attendanceBelowScored',
  'imports.row.attendanceBelowOpen',
  'imports.row.attendanceMissing',
]);

interface RosterIndex {
  byId: Map<string, RosterEntry>;
  byName: Map<string, RosterEntry[]>;
}

function indexRoster(roster: readonly RosterEntry[]): RosterIndex {
  const byId = new Map<string, RosterEntry>();
  const byName = new Map<string, RosterEntry[]>();
  for (const e of roster) {
    if (e.nationalId) byId.set(e.nationalId, e);
    const list = byName.get(e.searchName);
    if (list) list.push(e);
    else byName.set(e.searchName, [e]);
  }
  return { byId, byName };
}

function resultsRow(sheetRow: SheetRow, map: ColumnMap, options: ResultsPreviewOptions, index: RosterIndex): { data: ResultRowData | null; changed: boolean; issues: Issue[] } {
  const issues: Issue[] = [];
  const cell = (field: Field): CellValue | undefined => (map.at[field] ? sheetRow.cells[map.at[field]!.index] : undefined);
  const report = (field: Field, problem: Problem, level: Issue['level'] = 'error'): null => {
    issues.push({ level, row: sheetRow.row, column: map.at[field]?.header ?? nameHeader(map), key: problem.key, params: problem.params });
    return null;
  };
  const take = <T>(field: Field, parsed: Parsed<T> | null): T | null => {
    if (!parsed) return null;
    if ('problem' in parsed) return report(field, parsed.problem);
    if (parsed.warning) report(field, parsed.warning, 'warning');
    return parsed.value;
  };

  const attendance = take('attendance', parseAttendance(cell('attendance')));
  const score = take('score', parseScore(cell('score')));
  const gradeWord = take('grade', parseGrade(cell('grade')));
  const outcome = take('result', parseOutcome(cell('result')));
  const hasValues = score !== null || attendance !== null || outcome !== null;

  const entry = matchEntry(map, index, sheetRow.cells, cell, (problem) => report('fullName', problem, hasValues ? 'error' : 'warning'));
  if (!entry || issues.some((i) => i.level === 'error')) return { data: null, changed: false, issues };

  const withdrawn = outcome ? outcome === 'withdrawn' : entry.status === 'withdrawn';
  const next = { score: score ?? entry.score, attendance: attendance ?? entry.attendance };
  const input = { ...next, withdrawn, courseEnded: options.courseEnded };
  const { status, grade } = resultOf(options.rules, input);
  const note = resultNote(options.rules, input);

  if (score !== null && options.rules.completionRule !== 'score') report('score', { key: 'imports.cell.scoreNotUsed' }, 'warning');
  // The same rule as the results grid: attendance below the program's share does not complete, whatever the score.
  if (note) report('attendance', attendanceProblem(note, options, input), 'warning');
  if (gradeWord && score !== null && !withdrawn) {
    const agrees = gradeWord === 'pass' ? status === 'completed' : gradeWord === grade;
    // "Xuất sắc" for a 9 held back by attendance agrees with the score: the attendance warning says the rest.
    const explained = note === 'attendanceBelow' && gradeWord === gradeFor(next.score!, options.rules);
    if (!agrees && grade && !explained) report('grade', { key: 'imports.cell.gradeMismatch', params: { stated: gradeLabel(gradeWord), computed: gradeLabel(grade) } }, 'warning');
  } else if (gradeWord && score === null && gradeWord !== 'pass') {
    report('grade', { key: 'imports.cell.gradeWithoutScore' }, 'warning');
  }
  if (outcome && outcome !== 'withdrawn' && outcome !== status && status !== 'withdrawn') {
    report('result', { key: 'imports.cell.outcomeMismatch', params: { stated: statusLabel(outcome), computed: statusLabel(status) } }, 'warning');
  }

  const data: ResultRowData = { enrollmentId: entry.enrollmentId, ...next, withdrawn, grade, status };
  const changed = data.score !== entry.score || data.attendance !== entry.attendance || data.status !== entry.status || data.grade !== entry.grade;
  return { data, changed, issues };
}

function attendanceProblem(note: 'attendanceBelow' | 'attendanceMissing', options: ResultsPreviewOptions, input: { score: number | null; attendance: number | null }): Problem {
  const min = viPercent(options.rules.minAttendance);
  if (note === 'attendanceMissing') return { key: 'imports.row.attendanceMissing', params: { min } };
  const params = { attendance: viPercent(input.attendance!), min };
  if (!options.courseEnded) return { key: 'imports.row.attendanceBelowOpen', params };
  const heldBack = options.rules.completionRule === 'score' && input.score !== null && input.score >= options.rules.gradePass;
  return heldBack ? { key: 'imports.row.attendanceBelowScored', params: { ...params, score: viDecimal(input.score!) } } : { key: 'imports.row.attendanceBelow', params };
}

function matchEntry(
  map: ColumnMap,
  index: RosterIndex,
  cells: readonly CellValue[],
  cell: (field: Field) => CellValue | undefined,
  fail: (problem: Problem) => null,
): RosterEntry | null {
  const idParsed = parseNationalId(cell('nationalId'));
  if (idParsed && 'problem' in idParsed) return fail(idParsed.problem);
  const nationalId = idParsed?.value ?? null;
  if (nationalId === TEMPLATE_EXAMPLE.nationalId) return fail({ key: 'imports.cell.exampleRow' });
  const name = map.at.fullName ? cellText(cell('fullName')) : [cellText(cell('familyMiddleName')), cellText(cell('givenName'))].filter(Boolean).join(' ') || null;
  const birthParsed = parseDate(birthCell(map, cells).value);
  if (birthParsed && 'problem' in birthParsed) return fail(birthParsed.problem);
  const birth = birthParsed?.value ?? null;

  if (nationalId) {
    const byId = index.byId.get(nationalId);
    if (byId) {
      if (name && searchKey(name) !== byId.searchName) return fail({ key: 'imports.row.idOtherPerson' });
      return byId;
    }
  }
  if (!name) return fail({ key: nationalId ? 'imports.row.notInCourse' : 'imports.cell.nameRequired' });
  if (!birth) return fail({ key: nationalId ? 'imports.row.notInCourse' : 'imports.row.needBirthOrId' });
  const key = searchKey(name);
  const candidates = (index.byName.get(key) ?? []).filter((e) => (birth.date && e.birthDate ? e.birthDate === birth.date : e.birthYear === birth.year));
  if (candidates.length > 1) return fail({ key: 'imports.row.ambiguous' });
  const entry = candidates[0];
  if (!entry) return fail({ key: 'imports.row.notInCourse' });
  if (nationalId && entry.nationalId && entry.nationalId !== nationalId) return fail({ key: 'imports.row.idMismatch' });
  return entry;
}
