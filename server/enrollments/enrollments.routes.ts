// Enrollment pages: enroll into a course (find a person or add one), the results grid, one enrollment and
// its withdrawal.
import { Router, type Request } from 'express';
import { historyOf } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { GENDERS, PARTY_STATUSES, parseSearch, searchTraineesForUnit } from '../trainees/index.js';
import { enrollExistingInput, enrollNewInput, enrollPageQuery, withdrawInput } from './enrollments.schema.js';
import { enroll, type EnrollInput } from './enroll.service.js';
import { withdrawEnrollment } from './enrollment-change.service.js';
import { getEnrollment, resultsGrid, rosterOf } from './enrollments.queries.js';
import { saveResults } from './results-grid.service.js';
import { attendanceText, decimalText, gridInputs, gridNote, gridRule, parseGridBody } from './results-grid.js';

const staff = requireRole('admin', 'center');

async function enrollContext(req: Request) {
  const actor = actorOf(req);
  const courseId = parse(idParam, req.params.id, req);
  const { course, rows } = await rosterOf(actor, courseId);
  const { q } = parse(enrollPageQuery, { q: req.query.q ?? (req.body as Record<string, unknown> | undefined)?.q }, req);
  const inCourse = new Map(rows.map((r) => [r.traineeId, r.status]));
  // The course's own unit's people first (entered there or studied there), then the rest of the province.
  const search = q?.trim() ? await searchTraineesForUnit(actor, q, course.unitId) : null;
  const hits = (search?.hits ?? []).map((h) => ({ ...h, courseStatus: inCourse.get(h.id) ?? null }));
  // What the new-person form starts with: the citizen ID or the name (and birth year) just searched for.
  const parsed = q ? parseSearch(q) : null;
  const prefill =
    search && hits.length === 0 && parsed
      ? parsed.nationalId
        ? { nationalId: parsed.nationalId }
        : { fullName: q!.replace(/\b(19|20)\d{2}\b/, '').trim(), birth: parsed.birthYear ? String(parsed.birthYear) : '' }
      : {};
  const recent = [...rows].sort((a, b) => b.id - a.id).slice(0, 5);
  return { title: t(req.locale, 'enrollments.enrollTitle'), course, q: q ?? '', search, hits, prefill, recent, genders: GENDERS, partyStatuses: PARTY_STATUSES };
}

async function resultsContext(req: Request) {
  const actor = actorOf(req);
  const { course, rows } = await resultsGrid(actor, parse(idParam, req.params.id, req));
  const body = req.method === 'POST' ? (req.body as Record<string, unknown>) : undefined;
  const rules = course.program;
  const grid = rows.map((r) => {
    const inputs = gridInputs(r, body, req.locale);
    return { ...r, ...inputs, note: gridNote(rules, course.ended, { ...inputs, certified: r.certified }, req.locale) };
  });
  const pass = decimalText(rules.gradePass, req.locale);
  const min = `${attendanceText(rules.minAttendance, req.locale)}%`;
  const rule =
    rules.completionRule === 'attendance'
      ? t(req.locale, 'enrollments.results.ruleAttendance', { min })
      : rules.minAttendance > 0
        ? t(req.locale, 'enrollments.results.ruleScore', { pass, min })
        : t(req.locale, 'enrollments.results.ruleScoreOnly', { pass });
  return { title: t(req.locale, 'enrollments.results.title'), course, grid, rule, scored: rules.completionRule === 'score', gridRule: gridRule(rules, course.ended, req.locale) };
}

async function enrollmentContext(req: Request) {
  const enrollment = await getEnrollment(actorOf(req), parse(idParam, req.params.id, req));
  return { title: enrollment.fullName, enrollment, history: await historyOf('enrollment', enrollment.id, req.locale) };
}

export function enrollmentRoutes(): Router {
  const router = Router();

  router.get('/courses/:id/enrollments/new', staff, async (req, res) => {
    const context = await enrollContext(req);
    res.render('courses/enroll', { ...context, values: context.prefill });
  });

  router.post('/courses/:id/enrollments', staff, withForm('courses/enroll', enrollContext), async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const body = req.body as Record<string, unknown>;
    const existing = body.traineeId !== undefined;
    let input: EnrollInput;
    if (existing) input = parse(enrollExistingInput, body, req);
    else {
      const { sendingOrg, confirmNew, ...trainee } = parse(enrollNewInput, body, req);
      input = { trainee, sendingOrg, confirmNew };
    }
    const outcome = await enroll(actorOf(req), courseId, input);
    // Typing in a citizen ID that is already on file enrolls that person: say so, it may surprise.
    const reusedById = outcome.reusedTrainee && !existing && !outcome.reinstated;
    const key = outcome.reinstated ? 'enrollments.reinstated' : reusedById ? 'enrollments.enrolledReused' : 'enrollments.enrolled';
    flash(req, reusedById ? 'info' : 'success', t(req.locale, key, { name: outcome.fullName }));
    res.redirect(303, `/courses/${courseId}/enrollments/new`);
  });

  router.get('/courses/:id/results', staff, async (req, res) => {
    res.render('courses/results', { ...(await resultsContext(req)), values: {} });
  });

  router.post('/courses/:id/results', staff, withForm('courses/results', resultsContext), async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const { submissions, errors } = parseGridBody(req.body as Record<string, unknown>);
    if (Object.keys(errors).length > 0) throw new AppError('invalid', 'enrollments.results.invalid', { fields: errors });
    const { saved } = await saveResults(actorOf(req), courseId, submissions);
    flash(req, saved > 0 ? 'success' : 'info', saved > 0 ? t(req.locale, 'enrollments.results.saved', { count: saved }) : t(req.locale, 'enrollments.results.nothing'));
    res.redirect(303, `/courses/${courseId}`);
  });

  router.get('/enrollments/:id', staff, async (req, res) => {
    res.render('enrollments/show', { ...(await enrollmentContext(req)), values: {} });
  });

  router.post('/enrollments/:id/withdraw', staff, withForm('enrollments/show', enrollmentContext), async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { lockVersion, reason } = parse(withdrawInput, req.body, req);
    const enrollment = await withdrawEnrollment(actorOf(req), id, lockVersion, reason);
    flash(req, 'success', t(req.locale, 'enrollments.withdrawn'));
    res.redirect(303, `/courses/${enrollment.courseId}`);
  });

  return router;
}
