// Pages: a course's certificate register with the "issue for all" button, and a certificate's own page with
// the re-issue and revoke forms and its history. PDFs (/certificates/:id.pdf) belong to the PDF workstream.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireAuth, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { todayInVietnam } from '../lib/format.js';
import type { PageDeps } from '../http/page-deps.js';
import { getCertificate, listForCourse } from './certificates.queries.js';
import { issueForm, issueSummary, registerQuery, reissueForm, revokeForm } from './certificates.schema.js';
import { REGISTER_PDF_MAX, certificateRegister, type RegisterFilter, type RegisterRow } from './register.queries.js';
import { sendSpreadsheet, writeXlsx, type ExportColumn } from '../exports/index.js';
import { pageInfo, pageWindow } from '../http/pagination.js';
import { listPrograms } from '../programs/programs.service.js';
import { listUnits } from '../units/units.service.js';
import type { Locale } from '../i18n/index.js';
import { issueForCourse, reissue, revoke } from './certificates.service.js';

/**
 * "/certificates/12" only: "/certificates/12.pdf" and other siblings fall through to their own routers. The id is
 * kept in res.locals because the error handler, which redraws a form, no longer sees the route's params.
 */
function numericId(req: Request, res: Response, next: NextFunction): void {
  if (!/^\d{1,10}$/.test(String(req.params.id))) return next('route');
  res.locals.recordId = Number(req.params.id);
  next();
}

const staff = requireRole('admin', 'center');

async function courseContext(req: Request, res: Response) {
  const actor = actorOf(req);
  const data = await listForCourse(actor, res.locals.recordId as number);
  const { course } = data;
  const issuable = course.status === 'finished' && course.credential !== null && course.unitHasSigner;
  return {
    title: `${t(req.locale, 'certificates.ofCourse')} · ${course.name}`,
    today: todayInVietnam(),
    ...data,
    certificates: data.certificates.map((c, i) => ({ ...c, stt: i + 1 })),
    canIssue: actor.role !== 'trainee' && issuable && data.pending > 0,
    hasValid: data.certificates.some((c) => c.status === 'valid'),
  };
}

async function certificateContext(req: Request, res: Response) {
  const actor = actorOf(req);
  const certificate = await getCertificate(actor, res.locals.recordId as number);
  return {
    title: t(req.locale, 'certificates.certificateNo', { number: certificate.number }),
    certificate,
    canManage: actor.role !== 'trainee' && certificate.status === 'valid',
    isStaff: actor.role !== 'trainee',
    history: actor.role === 'trainee' ? [] : await historyOf('certificate', certificate.id, req.locale),
  };
}

const REGISTER_PAGE_SIZE = 100;

function registerFilter(req: Request): RegisterFilter & { page: number } {
  const { year = Number(todayInVietnam().slice(0, 4)), unitCode, programCode, page } = parse(registerQuery, req.query, req);
  return { year, unitCode, programCode, page };
}

const registerColumns = (locale: Locale): Array<ExportColumn<RegisterRow & { stt: number }>> => [
  { header: t(locale, 'certificates.stt'), type: 'number', key: 'stt', width: 6 },
  { header: t(locale, 'certificates.number'), type: 'text', key: 'number', width: 24 },
  { header: t(locale, 'certificates.fullName'), type: 'text', key: 'traineeName', width: 28 },
  { header: t(locale, 'certificates.program'), type: 'text', key: 'programName', width: 30 },
  { header: t(locale, 'certificates.course'), type: 'text', key: 'courseName', width: 36 },
  { header: t(locale, 'certificates.issuedOn'), type: 'date', key: 'issuedOn' },
  { header: t(locale, 'certificates.decisionNumber'), type: 'text', key: 'decisionNumber', width: 18 },
  { header: t(locale, 'certificates.status'), type: 'text', value: (r) => t(locale, `common.certificateStatus.${r.status}`), width: 16 },
];

export function certificateRoutes(_deps: PageDeps): Router {
  const router = Router();

  router.get('/certificates/register', staff, async (req, res) => {
    const actor = actorOf(req);
    const filter = registerFilter(req);
    const { unit, rows, total, valid } = await certificateRegister(actor, filter, pageWindow(filter.page, REGISTER_PAGE_SIZE));
    const pager = pageInfo(total, filter.page, REGISTER_PAGE_SIZE);
    const query = { year: filter.year, unitCode: unit?.code ?? filter.unitCode, programCode: filter.programCode };
    res.render('certificates/register', {
      title: t(req.locale, 'certificates.register'),
      filter: query,
      unit,
      rows: rows.map((r, i) => ({ ...r, stt: pager.from + i })),
      pager,
      query,
      valid: valid <= REGISTER_PDF_MAX ? valid : 0,
      // Past the PDF's limit the page says so instead of offering a download that would be refused.
      pdfTooMany: valid > REGISTER_PDF_MAX ? { count: valid, max: REGISTER_PDF_MAX } : null,
      isBoard: actor.role === 'admin',
      units: actor.role === 'admin' ? await listUnits({ training: true }) : [],
      programs: (await listPrograms()).filter((p) => p.credential),
    });
  });

  router.get('/certificates/register.xlsx', staff, async (req, res) => {
    const filter = registerFilter(req);
    const { unit, rows } = await certificateRegister(actorOf(req), filter);
    if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitCode: 'certificates.registerChooseUnit' } });
    const table = {
      columns: registerColumns(req.locale),
      rows: rows.map((r, i) => ({ ...r, stt: i + 1 })),
      sheetName: `${unit.code} ${filter.year}`,
      title: [`${t(req.locale, 'certificates.register')} — ${unit.name} — ${filter.year}`],
    };
    sendSpreadsheet(res, { buffer: await writeXlsx(table), fileName: `so-cap-gcn-${unit.code.toLowerCase()}-${filter.year}.xlsx`, format: 'xlsx' });
  });

  router.get('/courses/:id/certificates', numericId, staff, async (req, res) => {
    res.render('certificates/course', await courseContext(req, res));
  });

  router.post('/courses/:id/certificates', numericId, staff, withForm('certificates/course', courseContext), async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const result = await issueForCourse(actorOf(req), courseId, {}, parse(issueForm, req.body, req));
    flash(req, result.issued > 0 ? 'success' : 'info', issueSummary(req.locale, result));
    res.redirect(303, `/courses/${courseId}/certificates`);
  });

  router.get('/certificates/:id', numericId, requireAuth, async (req, res) => {
    res.render('certificates/show', await certificateContext(req, res));
  });

  router.post('/certificates/:id/reissue', numericId, staff, withForm('certificates/show', certificateContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { reissueReason } = parse(reissueForm, req.body, req);
    const { certificate, replaced } = await reissue(actorOf(req), id, reissueReason);
    flash(req, 'success', t(req.locale, 'certificates.reissued', { number: certificate.number, old: replaced.number }));
    res.redirect(303, `/certificates/${certificate.id}`);
  });

  router.post('/certificates/:id/revoke', numericId, staff, withForm('certificates/show', certificateContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { revokeReason } = parse(revokeForm, req.body, req);
    const revoked = await revoke(actorOf(req), id, revokeReason);
    flash(req, 'success', t(req.locale, 'certificates.revoked', { number: revoked.number }));
    res.redirect(303, `/certificates/${id}`);
  });

  return router;
}
