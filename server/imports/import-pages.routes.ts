// The import pages under a course: choose a file → preview (nothing written) → commit → the course page.
//   GET  /courses/:id/imports/:kind            the upload form (kind: roster | results)
//   POST /courses/:id/imports/:kind            keeps the file, 303 to its preview
//   GET  /courses/:id/imports/:kind/:sha256    the preview, checked against the course as it is now
//   POST /courses/:id/imports/:kind/:sha256    the commit, one transaction; 303 to the course page with a flash
// The file waits server-side between preview and commit (uploads.ts), so the commit form carries only its hash.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { getCourse, type CourseView } from '../courses/index.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t, type Locale } from '../i18n/index.js';
import { formatDateTime, formatNumber } from '../lib/format.js';
import { cleanText } from '../lib/text.js';
import { audit } from '../audit/audit.service.js';
import { sendSpreadsheet, writeCsv, writeXlsx } from '../exports/index.js';
import { previousBatch } from './batch.js';
import { errorFileTable } from './error-file.js';
import { mapColumns } from './header.js';
import type { ImportKind } from './import-batch.model.js';
import { LIMITS } from './limits.js';
import { resultsPreviewView, rosterPreviewView } from './preview-view.js';
import { readSpreadsheet, type SpreadsheetFile } from './read-file.js';
import { commitResultsImport, previewResultsImport } from './results-import.js';
import { commitRosterImport, previewRosterImport } from './roster-import.js';
import { dropUpload, keepUpload, loadUpload } from './uploads.js';

const staff = requireRole('admin', 'center');
const KINDS: readonly ImportKind[] = ['roster', 'results'];
const shaParam = z.string().regex(/^[0-9a-f]{64}$/);
const notFound = () => new AppError('not_found', 'common.errors.notFound');

function kindOf(req: Request): ImportKind {
  const kind = req.params.kind as ImportKind;
  if (!KINDS.includes(kind)) throw notFound();
  return kind;
}

function shaOf(req: Request): string {
  const parsed = shaParam.safeParse(req.params.sha256);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** The browser's file name: multer reads it as Latin-1, so UTF-8 names ("Danh sách.xlsx") need decoding. */
export function uploadedName(original: string): string {
  const decoded = Buffer.from(original, 'latin1').toString('utf8');
  const name = /[\u0080-\u00ff]/.test(original) && !decoded.includes('\uFFFD') ? decoded : original;
  return cleanText(name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'tep-nhap';
}

async function courseOf(req: Request): Promise<{ actor: Actor; course: CourseView; kind: ImportKind }> {
  const actor = actorOf(req);
  const kind = kindOf(req);
  return { actor, kind, course: await getCourse(actor, parse(idParam, req.params.id, req)) };
}

async function uploadContext(req: Request) {
  const { course, kind } = await courseOf(req);
  const locale = req.locale;
  return {
    title: t(locale, kind === 'roster' ? 'imports.page.rosterTitle' : 'imports.page.resultsTitle'),
    course,
    kind,
    roster: kind === 'roster',
    fileHelp: t(locale, 'imports.page.fileHelp', { maxMb: LIMITS.maxBytes / 1024 / 1024, maxRows: formatNumber(LIMITS.maxDataRows, locale) }),
  };
}

async function preview(actor: Actor, course: CourseView, kind: ImportKind, file: SpreadsheetFile, locale: Locale) {
  if (kind === 'roster') {
    const { preview: p, previous } = await previewRosterImport(actor, course.id, file);
    return rosterPreviewView(p, previous, locale);
  }
  const { preview: p, previous } = await previewResultsImport(actor, course.id, file);
  return resultsPreviewView(p, previous, locale);
}

/** The errors of a kept file, checked against the course as it is now: what the error file writes. */
async function previewErrors(actor: Actor, course: CourseView, kind: ImportKind, file: SpreadsheetFile) {
  return kind === 'roster' ? (await previewRosterImport(actor, course.id, file)).preview.errors : (await previewResultsImport(actor, course.id, file)).preview.errors;
}

/** The preview page's data, or null when the kept file is gone (committed, or expired). */
async function previewContext(req: Request) {
  const { actor, course, kind } = await courseOf(req);
  const sha256 = shaOf(req);
  const kept = await loadUpload(actor, course.id, kind, sha256);
  if (!kept) return null;
  const file = await readSpreadsheet(kept.buffer, kept.fileName);
  return {
    title: t(req.locale, 'imports.page.previewTitle', { file: kept.fileName }),
    course,
    roster: kind === 'roster',
    view: await preview(actor, course, kind, file, req.locale),
    action: `/courses/${course.id}/imports/${kind}/${sha256}`,
  };
}

/** The preview redrawn under a refused commit (its file is still kept: the commit rolled back). */
async function redrawPreview(req: Request) {
  const context = await previewContext(req);
  if (!context) throw notFound();
  return context;
}

/** The file is no longer kept: committed (say so) or expired (upload again). */
async function fileGone(req: Request, res: Response, course: CourseView, kind: ImportKind, sha256: string): Promise<void> {
  const previous = await previousBatch(course.id, kind, sha256);
  if (previous) {
    flash(req, 'info', t(req.locale, 'imports.commit.alreadyImported', { file: previous.fileName, at: formatDateTime(previous.committedAt) }));
    return res.redirect(303, `/courses/${course.id}`);
  }
  flash(req, 'warning', t(req.locale, 'imports.commit.expired'));
  res.redirect(303, `/courses/${course.id}/imports/${kind}`);
}

export function importPageRoutes(): Router {
  const router = Router();

  router.get('/courses/:id/imports/:kind', staff, async (req, res) => {
    res.render('imports/upload', { ...(await uploadContext(req)), values: {} });
  });

  router.post('/courses/:id/imports/:kind', staff, withForm('imports/upload', uploadContext), async (req, res) => {
    const { actor, course, kind } = await courseOf(req);
    if (!req.file) throw new AppError('invalid', 'common.errors.invalid', { fields: { file: 'imports.page.fileRequired' } });
    const fileName = uploadedName(req.file.originalname);
    // Read now, so a file that is not a spreadsheet, damaged or too long is said on the form at once.
    const file = await readSpreadsheet(req.file.buffer, fileName);
    mapColumns(file.rows, kind); // throws too_large past 10,000 data rows
    await keepUpload(actor, course.id, kind, { buffer: req.file.buffer, fileName, sha256: file.sha256 });
    res.redirect(303, `/courses/${course.id}/imports/${kind}/${file.sha256}`);
  });

  router.get('/courses/:id/imports/:kind/:sha256', staff, async (req, res) => {
    const context = await previewContext(req);
    if (!context) {
      const { course, kind } = await courseOf(req);
      return fileGone(req, res, course, kind, shaOf(req));
    }
    res.render('imports/preview', { ...context, values: {} });
  });

  // The uploaded sheet with a "Lỗi" column: only the uploader's own kept file, of a course in their scope (404
  // otherwise); the address carries the course, the kind and the file's hash, nothing of its content.
  router.get('/courses/:id/imports/:kind/:sha256/errors.:format', staff, async (req, res) => {
    const { actor, course, kind } = await courseOf(req);
    const sha256 = shaOf(req);
    const kept = await loadUpload(actor, course.id, kind, sha256);
    if (!kept) throw notFound();
    const file = await readSpreadsheet(kept.buffer, kept.fileName);
    const format = req.params.format;
    if (format !== 'xlsx' && !(format === 'csv' && file.format === 'csv')) throw notFound();
    const table = errorFileTable(file, await previewErrors(actor, course, kind, file), req.locale);
    const buffer = format === 'xlsx' ? await writeXlsx(table) : await writeCsv(table, { delimiter: file.delimiter ?? ',' });
    await audit(actor, { action: 'export', entityType: 'course', entityId: course.id, unitId: course.unitId, after: { file: `${kind}-errors`, format, fileName: kept.fileName } });
    sendSpreadsheet(res, { buffer, fileName: `loi-${kind === 'roster' ? 'danh-sach' : 'ket-qua'}-lop-${course.id}.${format}`, format });
  });

  router.post('/courses/:id/imports/:kind/:sha256', staff, withForm('imports/preview', redrawPreview), async (req, res) => {
    const { actor, course, kind } = await courseOf(req);
    const sha256 = shaOf(req);
    const kept = await loadUpload(actor, course.id, kind, sha256);
    if (!kept) return fileGone(req, res, course, kind, sha256);
    const file = await readSpreadsheet(kept.buffer, kept.fileName);
    const options = { onCommitted: (transaction: Parameters<typeof dropUpload>[4]) => dropUpload(actor, course.id, kind, sha256, transaction) };
    const locale = req.locale;
    // Each kind commits and says what it did in its own words; an already-imported file is told the same way.
    const committed =
      kind === 'roster'
        ? await commitRosterImport(actor, course.id, file, options).then((o) => ({
            ...o,
            done: t(locale, o.already > 0 ? 'imports.commit.rosterDoneAlready' : 'imports.commit.rosterDone', { count: o.created + o.matched, created: o.created, matched: o.matched, already: o.already }),
          }))
        : await commitResultsImport(actor, course.id, file, options).then((o) => ({ ...o, done: t(locale, 'imports.commit.resultsDone', { count: o.updated, unchanged: o.unchanged }) }));
    if (committed.alreadyImported) {
      await dropUpload(actor, course.id, kind, sha256);
      flash(req, 'info', t(locale, 'imports.commit.alreadyImported', { file: kept.fileName, at: formatDateTime(committed.committedAt) }));
    } else {
      flash(req, 'success', committed.done);
    }
    res.redirect(303, `/courses/${course.id}`);
  });

  return router;
}
