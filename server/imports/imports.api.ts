// POST /api/v1/courses/:id/enrollments/import[?dryRun=true]: a roster file (multipart field `file`) into a course,
// and POST /api/v1/courses/:id/results/import[?dryRun=true]: results for its roster, with the rules of the pages.
// Both answer:
//   200 dry run: what a commit would do (roster: {created, matched, alreadyInCourse}; results: {updated,
//       unchanged, notInFile}; with errors, warnings, canCommit); nothing written;
//   201 committed; 200 with alreadyImported: true when this file was committed to the course before (nothing added);
//   422 the file has errors: the same body with its counts at 0, plus the standard `error` envelope; nothing written;
//   422 / 413 in the standard envelope alone when the upload is not a readable spreadsheet, or too big or too long.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t, type Locale } from '../i18n/index.js';
import { mapColumns } from './header.js';
import { localizeIssues, type Issue } from './issues.js';
import { readSpreadsheet, type SpreadsheetFile } from './read-file.js';
import { uploadedName } from './import-pages.routes.js';
import { commitResultsImport, previewResultsImport, type ResultsImportOutcome } from './results-import.js';
import type { ResultsPreview } from './results-preview.js';
import { commitRosterImport, previewRosterImport, type CoursePreview, type RosterImportOutcome } from './roster-import.js';
import type { RosterPreview } from './roster-preview.js';

const issueJson = z.object({ row: z.number().int().describe('The row as the spreadsheet numbers it (CSV: the record number)'), column: z.string().describe('The header as written in the file; empty for the whole file'), message: z.string() });
const commonJson = {
  dryRun: z.boolean(),
  rows: z.number().int(),
  errors: z.array(issueJson).describe('Any error means nothing is imported'),
  warnings: z.array(issueJson),
  canCommit: z.boolean(),
  alreadyImported: z.boolean().describe('This very file (same SHA-256) was committed to this course before'),
  batchId: z.number().int().nullable(),
};
const rosterJson = z.object({
  created: z.number().int().describe('New trainees (and their enrollments); in a dry run, how many would be created'),
  matched: z.number().int().describe('Trainees already on file, found by citizen ID, now enrolled'),
  alreadyInCourse: z.number().int().describe('Rows whose person is in the course already: nothing to do'),
  ...commonJson,
});
const resultsJson = z.object({
  updated: z.number().int().describe('Enrollments whose attendance, score or withdrawal changed; in a dry run, how many would'),
  unchanged: z.number().int().describe('Rows that match what is stored: nothing to do'),
  notInFile: z.number().int().describe('Enrollments of the course the file does not mention: left as they are'),
  ...commonJson,
});
const importQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional().describe('true: preview only, nothing is written') });

const responses = (schema: z.ZodType) => ({
  200: { description: 'Dry run (nothing written), or the file was already imported into this course (alreadyImported: true, nothing changed)', schema },
  201: { description: 'Imported', schema },
  413: { description: 'The file is over 5 MB or has more than 10,000 rows' },
  422: { description: 'Not a readable spreadsheet (standard error body), or rows with errors: the body above with `errors`, plus `error`; nothing imported' },
});

describeApi({
  method: 'post',
  path: '/courses/:id/enrollments/import',
  tag: 'Enrollments',
  summary: 'Import a roster (.xlsx or UTF-8 CSV, multipart field `file`, at most 5 MB and 10,000 rows): all rows in one transaction, or none',
  query: importQuery,
  upload: true,
  responses: responses(rosterJson),
});

describeApi({
  method: 'post',
  path: '/courses/:id/results/import',
  tag: 'Enrollments',
  summary:
    'Import results for the course roster (attendance, score, withdrawal; rows matched by citizen ID, else by name and birth date), same file rules and all-or-nothing commit as the roster import',
  query: importQuery,
  upload: true,
  responses: responses(resultsJson),
});

const localized = (issues: readonly Issue[], locale: Locale) => localizeIssues(issues, locale);

async function fileOf(req: Request, kind: 'roster' | 'results') {
  if (!req.file) throw new AppError('invalid', 'common.errors.invalid', { fields: { file: 'imports.page.fileRequired' } });
  const file = await readSpreadsheet(req.file.buffer, uploadedName(req.file.originalname));
  mapColumns(file.rows, kind); // too many rows: 413 before any database work
  return file;
}

interface PreviewLike {
  rows: readonly unknown[];
  errors: Issue[];
  warnings: Issue[];
  canCommit: boolean;
}

/** What one kind of import answers: its counts in a dry run, after a commit, and when refused. */
interface ImportApiSpec<P extends PreviewLike, O extends { alreadyImported: boolean; batchId: number }> {
  kind: 'roster' | 'results';
  preview(actor: Actor, courseId: number, file: SpreadsheetFile): Promise<CoursePreview<P>>;
  commit(actor: Actor, courseId: number, file: SpreadsheetFile): Promise<O>;
  planned(preview: P): Record<string, number>;
  done(outcome: O, preview: P): Record<string, number>;
  none: Record<string, number>;
}

const roster: ImportApiSpec<RosterPreview, RosterImportOutcome> = {
  kind: 'roster',
  preview: previewRosterImport,
  commit: commitRosterImport,
  planned: (p) => ({ created: p.counts.create, matched: p.counts.match, alreadyInCourse: p.counts.already }),
  done: (o, p) => ({ created: o.created, matched: o.matched, alreadyInCourse: o.alreadyImported ? p.counts.already : o.already }),
  none: { created: 0, matched: 0 },
};

const results: ImportApiSpec<ResultsPreview, ResultsImportOutcome> = {
  kind: 'results',
  preview: previewResultsImport,
  commit: commitResultsImport,
  planned: (p) => ({ updated: p.counts.update, unchanged: p.counts.unchanged, notInFile: p.counts.notInFile }),
  done: (o, p) => ({ updated: o.updated, unchanged: o.alreadyImported ? p.counts.unchanged : o.unchanged, notInFile: p.counts.notInFile }),
  none: { updated: 0 },
};

function importRoute<P extends PreviewLike, O extends { alreadyImported: boolean; batchId: number }>(spec: ImportApiSpec<P, O>) {
  return async (req: Request, res: Response) => {
    const actor = actorOf(req);
    const courseId = parse(idParam, req.params.id, req);
    const { dryRun } = parse(importQuery, req.query, req);
    const locale = req.locale;
    const file = await fileOf(req, spec.kind);
    const { preview, previous } = await spec.preview(actor, courseId, file);
    const report = {
      rows: preview.rows.length,
      ...spec.planned(preview),
      errors: localized(preview.errors, locale),
      warnings: localized(preview.warnings, locale),
      canCommit: preview.canCommit,
      alreadyImported: previous !== null,
      batchId: previous?.id ?? null,
    };
    if (dryRun === 'true' || dryRun === '1') return res.json({ dryRun: true, ...report });
    const refuse = (errors: Issue[]) =>
      res.status(422).json({
        error: { kind: 'invalid', message: t(locale, 'imports.commit.hasErrors', { count: errors.length }) },
        dryRun: false,
        ...report,
        ...spec.none,
        errors: localized(errors, locale),
        canCommit: false,
      });
    if (!preview.canCommit && !previous) return refuse(preview.errors);
    try {
      const outcome = await spec.commit(actor, courseId, file);
      res.status(outcome.alreadyImported ? 200 : 201).json({
        dryRun: false,
        ...report,
        ...spec.done(outcome, preview),
        alreadyImported: outcome.alreadyImported,
        batchId: outcome.batchId,
      });
    } catch (err) {
      // Checked again inside the transaction, the file no longer fits (someone changed the course meanwhile).
      const details = (err as AppError).details as { errors?: Issue[] } | undefined;
      if (err instanceof AppError && err.message === 'imports.commit.hasErrors' && details?.errors) return refuse(details.errors);
      throw err;
    }
  };
}

export function importsApi(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');
  router.post('/courses/:id/enrollments/import', staff, importRoute(roster));
  router.post('/courses/:id/results/import', staff, importRoute(results));
  return router;
}
