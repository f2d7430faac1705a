// A problem found in a file: its row (as the spreadsheet numbers it), its column (the header as written in the
// file, or the canonical header when the column is missing), and a message-catalog key with its values.
// Errors stop the import; warnings are shown and the import may go ahead.
import type { MessageParams } from '../http/errors.js';
import { t, type Locale } from '../i18n/index.js';

export type IssueLevel = 'error' | 'warning';

export interface Issue {
  level: IssueLevel;
  row: number;
  column: string;
  key: string;
  params?: MessageParams;
}

/** What a parser says about one value: a catalog key (under imports.) and its parameters. */
export interface Problem {
  key: string;
  params?: MessageParams;
}

export interface LocalizedIssue {
  row: number;
  column: string;
  message: string;
}

export function localizeIssues(issues: readonly Issue[], locale: Locale = 'vi'): LocalizedIssue[] {
  return issues.map((i) => ({ row: i.row, column: i.column, message: t(locale, i.key, i.params) }));
}

/** Errors first by row, then warnings, each list in row order. */
export function byRow(a: Issue, b: Issue): number {
  return a.row - b.row;
}

/**
 * Where an issue belongs: a **data row** (below the header, named by its sheet row number), the **header**
 * (a column missing, unknown or twice, no header found) or the **file** as a whole (no data rows, the course
 * closed or full, the year closed) — the last two sit on the header row and are not a row's error.
 */
export type IssuePlace = 'row' | 'header' | 'file';

export function issuePlace(issue: Pick<Issue, 'row' | 'key'>, headerRow: number | null): IssuePlace {
  if (headerRow !== null && issue.row > headerRow) return 'row';
  return issue.key.startsWith('imports.header.') ? 'header' : 'file';
}
