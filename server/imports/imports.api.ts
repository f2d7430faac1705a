// POST /api/v1/courses/:id/enrollments/import[?dryRun=true]: a roster file (multipart field `file`) into a course,
// with the rules of the pages. Answers:
//   200 dry run: what a commit would do ({created, matched, alreadyInCourse, errors, warnings, canCommit}); nothing written;
//   201 committed; 200 with alreadyImported: true when this file was committed to the course before (nothing added);
//   422 the file has errors: the same body, created = matched = 0, plus the standard `error` envelope; nothing written;
//   422 / 413 in the standard envelope alone when the upload is not a readable spreadsheet, or too big or too long.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t, type Locale } from '../i18n/index.js';
import { mapColumns } from './header.js';
import { localizeIssues, type Issue } from './issues.js';
import { readSpreadsheet } from './read-file.js';
import { uploadedName } from './import-pages.routes.js';
import { commitRosterImport, previewRosterImport } from './roster-import.js';

const issueJson = z.object({ row: z.number().int().describe('The row as the spreadsheet numbers it (CSV: the record number)'), column: z.string().describe('The header as written in the file; empty for the whole file'), message: z.string() });
const importJson = z.object({
  dryRun: z.boolean(),
  created: z.number().int().describe('New trainees (and their enrollments); in a dry run, how many would be created'),
  matched: z.number().int().describe('Trainees already on file, found by citizen ID, now enrolled'),
  alreadyInCourse: z.number().int().describe('Rows whose person is in the course already: nothing to do'),
  rows: z.number().int(),
  errors: z.array(issueJson).describe('Any error means nothing is imported'),
  warnings: z.array(issueJson),
  canCommit: z.boolean(),
  alreadyImported: z.boolean().describe('This very file (same SHA-256) was committed to this course before'),
  batchId: z.number().int().nullable(),
});
const importQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional().describe('true: preview only, nothing is written') });

describeApi({
  method: 'post',
  path: '/courses/:id/enrollments/import',
  tag: 'Enrollments',
  summary: 'Import a roster (.xlsx or UTF-8 CSV, multipart field `file`, at most 5 MB and 10,000 rows): all rows in one transaction, or none',
  query: importQuery,
  upload: true,
  responses: {
    200: { description: 'Dry run (nothing written), or the file was already imported into this course (alreadyImported: true, nothing added)', schema: importJson },
    201: { description: 'Imported', schema: importJson },
    413: { description: 'The file is over 5 MB or has more than 10,000 rows' },
    422: { description: 'Not a readable spreadsheet (standard error body), or rows with errors: the body above with `errors`, plus `error`; nothing imported' },
  },
});

const localized = (issues: readonly Issue[], locale: Locale) => localizeIssues(issues, locale);

async function fileOf(req: Request) {
  if (!req.file) throw new AppError('invalid', 'common.errors.invalid', { fields: { file: 'imports.page.fileRequired' } });
  const file = await readSpreadsheet(req.file.buffer, uploadedName(req.file.originalname));
  mapColumns(file.rows, 'roster'); // too many rows: 413 before any database work
  return file;
}

export function importsApi(): Router {
  const router = Router();

  router.post('/courses/:id/enrollments/import', requireRole('admin', 'center'), async (req, res) => {
    const actor = actorOf(req);
    const courseId = parse(idParam, req.params.id, req);
    const { dryRun } = parse(importQuery, req.query, req);
    const locale = req.locale;
    const file = await fileOf(req);
    const { preview, previous } = await previewRosterImport(actor, courseId, file);
    const report = {
      rows: preview.rows.length,
      alreadyInCourse: preview.counts.already,
      errors: localized(preview.errors, locale),
      warnings: localized(preview.warnings, locale),
      canCommit: preview.canCommit,
      alreadyImported: previous !== null,
      batchId: previous?.id ?? null,
    };
    if (dryRun === 'true' || dryRun === '1') {
      return res.json({ dryRun: true, created: preview.counts.create, matched: preview.counts.match, ...report });
    }
    const refuse = (errors: Issue[]) =>
      res.status(422).json({
        error: { kind: 'invalid', message: t(locale, 'imports.commit.hasErrors', { count: errors.length }) },
        dryRun: false,
        created: 0,
        matched: 0,
        ...report,
        errors: localized(errors, locale),
        canCommit: false,
      });
    if (!preview.canCommit && !previous) return refuse(preview.errors);
    try {
      const outcome = await commitRosterImport(actor, courseId, file);
      res.status(outcome.alreadyImported ? 200 : 201).json({
        dryRun: false,
        created: outcome.created,
        matched: outcome.matched,
        ...report,
        alreadyInCourse: outcome.alreadyImported ? report.alreadyInCourse : outcome.already,
        alreadyImported: outcome.alreadyImported,
        batchId: outcome.batchId,
      });
    } catch (err) {
      // Checked again inside the transaction, the file no longer fits (someone changed the course meanwhile).
      const details = (err as AppError).details as { errors?: Issue[] } | undefined;
      if (err instanceof AppError && err.message === 'imports.commit.hasErrors' && details?.errors) return refuse(details.errors);
      throw err;
    }
  });

  return router;
}
