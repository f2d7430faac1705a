// Course pages: the list, the course page with its roster, create/edit, cancel and finish.
import { Router, type Request } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { rosterOf } from '../enrollments/index.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { todayInVietnam } from '../lib/format.js';
import { COURSE_STATUSES } from './course.model.js';
import { cancelInput, courseEditPageInput, courseListQuery, coursePageInput, finishInput, suggestQuery } from './courses.schema.js';
import { createCourse } from './course-create.js';
import { updateCourse } from './course-edit.js';
import { courseFormOptions, suggestCourseName } from './course-form.js';
import { cancelCourse, finishCourse } from './course-lifecycle.js';
import { listCourses } from './course-list.js';
import { getCourse } from './course-view.js';

const staff = requireRole('admin', 'center');

function yearChoices(): number[] {
  const now = Number(todayInVietnam().slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => now + 1 - i);
}

async function newContext(req: Request) {
  const actor = actorOf(req);
  const options = await courseFormOptions(actor);
  const year = Number(todayInVietnam().slice(0, 4));
  const example = options.programs[0] ? await suggestCourseName(actor.unitId ?? 0, options.programs[0].id, year) : '';
  return { title: t(req.locale, 'courses.newCourse'), mode: 'new', action: '/courses', ...options, nameExample: example };
}

async function editContext(req: Request) {
  const actor = actorOf(req);
  const course = await getCourse(actor, parse(idParam, req.params.id, req));
  return { title: t(req.locale, 'courses.editCourse'), mode: 'edit', action: `/courses/${course.id}`, course, ...(await courseFormOptions(actor)) };
}

async function showContext(req: Request) {
  const actor = actorOf(req);
  const id = parse(idParam, req.params.id, req);
  // The history is read beside the roster; rosterOf refuses a course out of scope before anything is shown.
  const [{ course, rows }, history] = await Promise.all([rosterOf(actor, id), historyOf('course', id, req.locale)]);
  return { title: course.name, course, roster: rows, history };
}

export function courseRoutes(): Router {
  const router = Router();

  router.get('/courses', staff, async (req, res) => {
    const actor = actorOf(req);
    const filter = parse(courseListQuery, req.query, req);
    const { courses, pager } = await listCourses(actor, { year: filter.year, programCode: filter.program, status: filter.status, unitCode: filter.unit, q: filter.q, page: filter.page });
    const options = await courseFormOptions(actor);
    res.render('courses/index', {
      title: t(req.locale, 'courses.title'),
      courses,
      pager,
      filter,
      query: { q: filter.q, year: filter.year, program: filter.program, status: filter.status, unit: filter.unit },
      programs: options.programs,
      units: options.units,
      statuses: COURSE_STATUSES,
      years: yearChoices(),
    });
  });

  router.get('/courses/new', staff, async (req, res) => {
    const context = await newContext(req);
    const actor = actorOf(req);
    // A center sees the suggested name already filled in; the board picks the unit first.
    res.render('courses/form', { ...context, values: { programId: context.programs[0]?.id, capacity: 90, name: actor.role === 'center' ? context.nameExample : '' } });
  });

  // The form's script asks for the suggested name when the program, unit or start date changes.
  router.get('/courses/suggest-name', staff, async (req, res) => {
    const actor = actorOf(req);
    const q = parse(suggestQuery, req.query, req);
    const unitId = actor.role === 'center' ? actor.unitId! : (q.unitId ?? 0);
    const year = Number((q.startDate ?? todayInVietnam()).slice(0, 4));
    res.json({ name: unitId ? await suggestCourseName(unitId, q.programId, year) : '' });
  });

  router.post('/courses', staff, withForm('courses/form', newContext), async (req, res) => {
    const input = parse(coursePageInput, req.body, req);
    const course = await createCourse(actorOf(req), input);
    flash(req, 'success', t(req.locale, 'courses.created', { name: course.name }));
    res.redirect(303, `/courses/${course.id}`);
  });

  router.get('/courses/:id', staff, async (req, res) => {
    res.render('courses/show', { ...(await showContext(req)), values: {} });
  });

  router.get('/courses/:id/edit', staff, async (req, res) => {
    const context = await editContext(req);
    res.render('courses/form', { ...context, values: { ...context.course } });
  });

  router.post('/courses/:id', staff, withForm('courses/form', editContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const input = parse(courseEditPageInput, req.body, req);
    const { lockVersion, place, note, ...rest } = input;
    await updateCourse(actorOf(req), id, lockVersion, { ...rest, place: place ?? null, note: note ?? null });
    flash(req, 'success', t(req.locale, 'courses.updated'));
    res.redirect(303, `/courses/${id}`);
  });

  router.post('/courses/:id/cancel', staff, withForm('courses/show', showContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { lockVersion, reason } = parse(cancelInput, req.body, req);
    await cancelCourse(actorOf(req), id, lockVersion, reason);
    flash(req, 'success', t(req.locale, 'courses.cancelled'));
    res.redirect(303, `/courses/${id}`);
  });

  router.post('/courses/:id/finish', staff, withForm('courses/show', showContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { lockVersion } = parse(finishInput, req.body, req);
    await finishCourse(actorOf(req), id, lockVersion);
    flash(req, 'success', t(req.locale, 'courses.finished'));
    res.redirect(303, `/courses/${id}`);
  });

  return router;
}
