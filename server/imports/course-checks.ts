// What the course adds to a preview: the file may be fine and still not fit the course — a closed course, not
// enough seats, a result frozen by a certificate, a withdrawal. These are issues like any other (row and column,
// a Vietnamese message), so the preview page, the API and the commit treat them alike. File-wide ones sit on the
// header row with no column, as the engine's own file-wide issues do.
import type { Issue } from './issues.js';
import { byRow } from './issues.js';
import type { ResultsPreview } from './results-preview.js';
import type { RosterPreview } from './roster-preview.js';

type AnyPreview = RosterPreview | ResultsPreview;

/** Adds issues to a preview: errors mark their rows, counts and canCommit follow. */
export function addIssues(preview: AnyPreview, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const errors = issues.filter((i) => i.level === 'error');
  const errorRows = new Set(errors.map((i) => i.row));
  for (const r of preview.rows) if (errorRows.has(r.row)) r.action = 'error';
  preview.errors = [...preview.errors, ...errors].sort(byRow);
  preview.warnings = [...preview.warnings, ...issues.filter((i) => i.level === 'warning')].sort(byRow);
  recount(preview);
}

function recount(preview: AnyPreview): void {
  const count = (action: string) => (preview.rows as Array<{ action: string }>).filter((r) => r.action === action).length;
  if (preview.kind === 'roster') {
    Object.assign(preview.counts, { create: count('create'), match: count('match'), already: count('already'), error: count('error') });
  } else {
    Object.assign(preview.counts, { update: count('update'), unchanged: count('unchanged'), error: count('error') });
  }
  preview.counts.warnings = preview.warnings.length;
  preview.canCommit = preview.errors.length === 0 && preview.rows.length > 0;
}

/** The row file-wide issues are reported on: the header row (or the first row when there is none). */
export const fileRow = (preview: AnyPreview) => preview.headerRow ?? preview.rows[0]?.row ?? 1;
