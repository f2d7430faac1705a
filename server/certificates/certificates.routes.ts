// Pages: a course's certificate register with the "issue for all" button, and a certificate's own page with
// the re-issue and revoke forms and its history. PDFs (/certificates/:id.pdf) belong to the PDF workstream.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireAuth, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { getCertificate, listForCourse } from './certificates.queries.js';
import { issueSummary, reissueForm, revokeForm } from './certificates.schema.js';
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
    history: actor.role === 'trainee' ? [] : await historyOf('certificate', certificate.id),
  };
}

export function certificateRoutes(_deps: PageDeps): Router {
  const router = Router();

  router.get('/courses/:id/certificates', numericId, staff, async (req, res) => {
    res.render('certificates/course', await courseContext(req, res));
  });

  router.post('/courses/:id/certificates', numericId, staff, withForm('certificates/course', courseContext), async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const result = await issueForCourse(actorOf(req), courseId);
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
