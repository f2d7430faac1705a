// Correction requests for closed years: the forms on a course and an enrollment of a closed year, the queue (the
// board: every unit's; a center: its own), one request with the board's approve and reject forms.
import { Router, type Request } from 'express';
import { getCourse } from '../courses/index.js';
import { getEnrollment } from '../enrollments/index.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import type { PageDeps } from '../http/page-deps.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { attendanceTextOf, decimalTextOf } from './correction-values.js';
import { approveCorrection, rejectCorrection } from './correction-decisions.js';
import { getCorrection, listCorrections, requestCourseCorrection, requestEnrollmentCorrection } from './correction-requests.js';
import { CORRECTION_STATUSES } from './year-closing.model.js';
import { correctionListQuery, courseCorrectionInput, decisionInput, enrollmentCorrectionInput, rejectInput } from './year-closing.schema.js';

const staff = requireRole('admin', 'center');

async function courseFormContext(req: Request) {
  const course = await getCourse(actorOf(req), parse(idParam, req.params.id, req));
  return { title: t(req.locale, 'yearClosing.corrections.form.courseTitle'), course };
}

async function enrollmentFormContext(req: Request) {
  const enrollment = await getEnrollment(actorOf(req), parse(idParam, req.params.id, req));
  return { title: t(req.locale, 'yearClosing.corrections.form.enrollmentTitle'), enrollment };
}

async function showContext(req: Request) {
  const request = await getCorrection(actorOf(req), parse(idParam, req.params.id, req));
  return { title: t(req.locale, 'yearClosing.corrections.detail', { id: request.id }), request, isBoard: actorOf(req).role === 'admin' };
}

export function yearCorrectionRoutes(_deps: PageDeps): Router {
  const router = Router();

  router.get('/courses/:id/year-correction', staff, async (req, res) => {
    const context = await courseFormContext(req);
    const c = context.course;
    res.render('year-corrections/course-form', {
      ...context,
      values: { kind: 'update', lockVersion: c.lockVersion, name: c.name, startDate: c.startDate, endDate: c.endDate, place: c.place ?? '', capacity: c.capacity, note: c.note ?? '' },
    });
  });

  router.post('/courses/:id/year-correction', staff, withForm('year-corrections/course-form', courseFormContext), async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const id = await requestCourseCorrection(actorOf(req), courseId, parse(courseCorrectionInput, req.body, req));
    flash(req, 'success', t(req.locale, 'yearClosing.corrections.sent', { id }));
    res.redirect(303, `/year-corrections/${id}`);
  });

  router.get('/enrollments/:id/year-correction', staff, async (req, res) => {
    const context = await enrollmentFormContext(req);
    const e = context.enrollment;
    res.render('year-corrections/enrollment-form', {
      ...context,
      values: { kind: 'update', lockVersion: e.lockVersion, attendance: attendanceTextOf(e.attendance, req.locale), score: decimalTextOf(e.score, req.locale), sendingOrg: e.sendingOrg ?? '' },
    });
  });

  router.post('/enrollments/:id/year-correction', staff, withForm('year-corrections/enrollment-form', enrollmentFormContext), async (req, res) => {
    const enrollmentId = parse(idParam, req.params.id, req);
    const id = await requestEnrollmentCorrection(actorOf(req), enrollmentId, parse(enrollmentCorrectionInput, req.body, req));
    flash(req, 'success', t(req.locale, 'yearClosing.corrections.sent', { id }));
    res.redirect(303, `/year-corrections/${id}`);
  });

  router.get('/year-corrections', staff, async (req, res) => {
    const filter = parse(correctionListQuery, req.query, req);
    const { rows, pager, pendingCount } = await listCorrections(actorOf(req), { status: filter.status, page: filter.page, courseId: filter.course });
    res.render('year-corrections/index', {
      title: t(req.locale, 'yearClosing.corrections.title'),
      requests: rows,
      pager,
      pendingCount,
      status: filter.status,
      statuses: CORRECTION_STATUSES,
      course: filter.course,
      query: { status: filter.status, course: filter.course },
    });
  });

  router.get('/year-corrections/:id', staff, async (req, res) => {
    res.render('year-corrections/show', { ...(await showContext(req)), values: {} });
  });

  router.post('/year-corrections/:id/approve', requireRole('admin'), withForm('year-corrections/show', showContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { note } = parse(decisionInput, req.body, req);
    await approveCorrection(actorOf(req), id, note ?? null);
    flash(req, 'success', t(req.locale, 'yearClosing.corrections.approved'));
    res.redirect(303, `/year-corrections/${id}`);
  });

  router.post('/year-corrections/:id/reject', requireRole('admin'), withForm('year-corrections/show', showContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { note } = parse(rejectInput, req.body, req);
    await rejectCorrection(actorOf(req), id, note);
    flash(req, 'success', t(req.locale, 'yearClosing.corrections.rejected'));
    res.redirect(303, `/year-corrections/${id}`);
  });

  return router;
}
