// Staff pages for trainee accounts. Issuing answers with the codes page itself (never a redirect), so the
// codes live only in that one response; printing posts them back to be checked and laid out as slips.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { idParam, optionalInteger } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { pageQuery } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import type { PageDeps } from '../http/page-deps.js';
import { accountsContext, courseAccounts, listCourses, traineeAccount } from './accounts.service.js';
import { issueForCourse, issueForTrainee, slipsFor } from './issue.service.js';
import { renderSlips } from './slips.pdf.js';

const listQuery = pageQuery.extend({ year: optionalInteger(2000, 2100).catch(undefined) });
const slipsInput = z.object({
  slips: z.preprocess(
    (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v),
    z.array(z.object({ userId: idParam, code: z.string().min(1).max(20) })).min(1).max(500),
  ),
});

export function accountRoutes({ config, sequelize }: PageDeps): Router {
  const router = Router();
  const ctx = accountsContext(config, sequelize);
  router.use('/accounts', requireRole('center', 'admin'));

  router.get('/accounts', async (req, res) => {
    const query = parse(listQuery, req.query, req);
    const { rows, pager } = await listCourses(sequelize, actorOf(req), query);
    const thisYear = new Date().getFullYear();
    res.render('accounts/index', {
      title: t(req.locale, 'accounts.title'),
      courses: rows,
      pager,
      query: { year: query.year },
      years: Array.from({ length: 6 }, (_v, i) => thisYear - i),
      year: query.year,
    });
  });

  router.get('/accounts/courses/:courseId', async (req, res) => {
    const data = await courseAccounts(actorOf(req), parse(idParam, req.params.courseId, req));
    res.render('accounts/course', { title: data.course.name, ...data });
  });

  router.post('/accounts/courses/:courseId/issue', async (req, res) => {
    const result = await issueForCourse(ctx, actorOf(req), parse(idParam, req.params.courseId, req));
    if (result.issued.length === 0) {
      flash(req, 'info', t(req.locale, 'accounts.issued.none'));
      return res.redirect(303, `/accounts/courses/${result.courseId}`);
    }
    showCodes(req, res, {
      issued: result.issued,
      skipped: result.withoutNationalId,
      already: result.alreadyHadAccount,
      back: { href: `/accounts/courses/${result.courseId}`, label: t(req.locale, 'accounts.issued.backToCourse') },
      subtitle: result.courseName,
    });
  });

  const traineeForm = withForm('accounts/trainee', async (req) => {
    const data = await traineeAccount(actorOf(req), Number(req.params.traineeId));
    return { title: data.trainee.fullName, ...data };
  });

  router.get('/accounts/trainees/:traineeId', async (req, res) => {
    const data = await traineeAccount(actorOf(req), parse(idParam, req.params.traineeId, req));
    res.render('accounts/trainee', { title: data.trainee.fullName, ...data });
  });

  router.post('/accounts/trainees/:traineeId/issue', traineeForm, async (req, res) => {
    const issued = await issueForTrainee(ctx, actorOf(req), parse(idParam, req.params.traineeId, req));
    showCodes(req, res, {
      issued: [issued],
      skipped: [],
      already: 0,
      back: { href: `/accounts/trainees/${issued.traineeId}`, label: t(req.locale, 'accounts.issued.backToTrainee') },
      subtitle: issued.fullName,
    });
  });

  router.post('/accounts/slips', async (req, res) => {
    const { slips } = parse(slipsInput, req.body, req);
    const actor = actorOf(req);
    const pdf = await renderSlips(await slipsFor(ctx, actor, slips), { publicUrl: config.publicUrl, issuer: actor.unitName ?? t('vi', 'common.roles.admin') });
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': 'inline; filename="phieu-kich-hoat.pdf"',
      'Cache-Control': 'no-store',
    });
    res.send(pdf);
  });

  return router;
}

interface CodesPage {
  issued: Awaited<ReturnType<typeof issueForTrainee>>[];
  skipped: string[];
  already: number;
  back: { href: string; label: string };
  subtitle: string;
}

/** The one response that carries the codes: not cached, not stored, not redirected to. */
function showCodes(req: Request, res: Response, page: CodesPage): void {
  res.set('Cache-Control', 'no-store');
  res.status(201).render('accounts/issued', {
    title: t(req.locale, 'accounts.issued.title'),
    ...page,
    skippedText: page.skipped.length ? t(req.locale, 'accounts.issued.skipped', { count: page.skipped.length, names: page.skipped.join(', ') }) : null,
    alreadyText: page.already ? t(req.locale, 'accounts.issued.already', { count: page.already }) : null,
  });
}
