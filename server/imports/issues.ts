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
