// What the preview page shows: counts, the rows (name, birth, masked citizen ID, sending organisation — or the new
// results), the errors and warnings with row, column and message, and the same person twice in the file. Citizen
// IDs are masked here whatever the cell held; long files show their first rows and every problem.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { maskNationalId } from '../lib/text.js';
import type { BatchInfo } from './batch.js';
import { issuePlace, localizeIssues, type Issue } from './issues.js';
import { ATTENDANCE_NOTE_KEYS, type ResultsPreview } from './results-preview.js';
import type { RosterPreview } from './roster-preview.js';

export const ROWS_SHOWN = 500;
export const ISSUES_SHOWN = 1000;

const DUPLICATE_KEYS = new Set(['imports.row.duplicateId', 'imports.row.duplicatePerson', 'imports.row.possibleDuplicate', 'imports.row.duplicateEnrollment']);

const birthText = (date: string | null | undefined, year: number | null | undefined) => (date ? formatDate(date) : year ? String(year) : '');

/** The issues as the page lists them: a data row by its sheet row number, the header and the file by name. */
function issueList(issues: readonly Issue[], headerRow: number | null, locale: Locale) {
  const shown = localizeIssues(issues.slice(0, ISSUES_SHOWN), locale).map((item, i) => {
    const place = issuePlace(issues[i]!, headerRow);
    return { ...item, place, where: place === 'row' ? String(item.row) : t(locale, `imports.page.places.${place}`) };
  });
  return { items: shown, total: issues.length, truncated: issues.length > ISSUES_SHOWN ? t(locale, 'imports.page.issuesTruncated', { shown: ISSUES_SHOWN, total: issues.length }) : null };
}

/** The errors told apart, so the counts agree: rows with errors (the card) and errors of the header or the file. */
function errorSummary(preview: RosterPreview | ResultsPreview, locale: Locale) {
  const fileErrors = preview.errors.filter((e) => issuePlace(e, preview.headerRow) !== 'row').length;
  const rowErrors = preview.errors.length - fileErrors;
  const rows = preview.counts.error;
  const parts = [
    rowErrors > 0 ? t(locale, 'imports.page.rowErrors', { count: formatNumber(rowErrors, locale), rows: formatNumber(rows, locale) }) : null,
    fileErrors > 0 ? t(locale, 'imports.page.fileErrors', { count: formatNumber(fileErrors, locale) }) : null,
  ];
  return { fileErrors, rowErrors, text: parts.filter(Boolean).join('; ') };
}

function common(preview: RosterPreview | ResultsPreview, previous: BatchInfo | null, locale: Locale) {
  const duplicates = [...preview.errors, ...preview.warnings].filter((i) => DUPLICATE_KEYS.has(i.key)).sort((a, b) => a.row - b.row);
  const file = preview.file;
  return {
    file: {
      name: file.name,
      info: t(locale, 'imports.page.fileInfo', { format: file.format === 'xlsx' ? 'Excel (.xlsx)' : `CSV (${file.delimiter ?? ','})`, rows: preview.rows.length, header: preview.headerRow ?? '–' }),
      sheet: file.sheetName ? t(locale, 'imports.page.sheet', { name: file.sheetName }) : null,
      sha256: file.sha256,
    },
    errors: issueList(preview.errors, preview.headerRow, locale),
    errorSummary: errorSummary(preview, locale),
    warnings: issueList(preview.warnings, preview.headerRow, locale),
    duplicates: issueList(duplicates, preview.headerRow, locale),
    /** A file with errors can be downloaded with them in an added "Lỗi" column (.xlsx; .csv too for a CSV upload). */
    errorFile: preview.errors.length > 0 ? { csv: file.format === 'csv' } : null,
    truncated: preview.rows.length > ROWS_SHOWN ? t(locale, 'imports.page.rowsTruncated', { shown: ROWS_SHOWN, total: preview.rows.length }) : null,
    previous: previous ? t(locale, 'imports.page.previousImport', { at: formatDateTime(previous.committedAt), user: previous.username ?? '—' }) : null,
  };
}

export function rosterPreviewView(preview: RosterPreview, previous: BatchInfo | null, locale: Locale) {
  const rows = preview.rows.slice(0, ROWS_SHOWN).map((r) => {
    const d = r.data?.trainee;
    return {
      row: r.row,
      action: r.action,
      fullName: d?.fullName ?? r.values.fullName ?? [r.values.familyMiddleName, r.values.givenName].filter(Boolean).join(' '),
      birth: d ? birthText(d.birthDate, d.birthYear) : (r.values.birthDate ?? r.values.birthDateMale ?? r.values.birthDateFemale ?? ''),
      nationalId: maskNationalId(d ? d.nationalId : (r.values.nationalId ?? null)),
      sendingOrg: r.data ? r.data.sendingOrg : (r.values.sendingOrg ?? null),
    };
  });
  const toEnroll = preview.counts.create + preview.counts.match;
  return {
    ...common(preview, previous, locale),
    kind: 'roster',
    counts: preview.counts,
    rows,
    canCommit: preview.canCommit && toEnroll > 0 && !previous,
    nothingToDo: preview.canCommit && toEnroll === 0,
    readyText: t(locale, 'imports.page.ready', { button: t(locale, 'imports.page.commitRoster'), count: formatNumber(preview.rows.length, locale) }),
  };
}

export function resultsPreviewView(preview: ResultsPreview, previous: BatchInfo | null, locale: Locale) {
  // Why a row does not complete, shown on the row itself under its status (and in the warnings list).
  const notes = new Map(preview.warnings.filter((w) => ATTENDANCE_NOTE_KEYS.has(w.key)).map((w) => [w.row, t(locale, w.key, w.params)]));
  const rows = preview.rows.slice(0, ROWS_SHOWN).map((r) => ({
    row: r.row,
    action: r.action,
    fullName: r.values.fullName ?? [r.values.familyMiddleName, r.values.givenName].filter(Boolean).join(' '),
    birth: r.values.birthDate ?? '',
    nationalId: maskNationalId(r.values.nationalId ?? null),
    attendance: r.data ? (r.data.attendance === null ? '' : formatPercent(r.data.attendance, locale)) : (r.values.attendance ?? ''),
    score: r.data ? (r.data.score === null ? '' : formatNumber(r.data.score, locale, 1)) : (r.values.score ?? ''),
    grade: r.data?.grade ? t(locale, `common.grades.${r.data.grade}`) : '',
    status: r.data ? t(locale, `common.enrollmentStatus.${r.data.status}`) : '',
    note: r.data ? (notes.get(r.row) ?? '') : '',
  }));
  return {
    ...common(preview, previous, locale),
    kind: 'results',
    counts: preview.counts,
    rows,
    canCommit: preview.canCommit && preview.counts.update > 0 && !previous,
    nothingToDo: preview.canCommit && preview.counts.update === 0,
    readyText: t(locale, 'imports.page.ready', { button: t(locale, 'imports.page.commitResults'), count: formatNumber(preview.rows.length, locale) }),
  };
}
