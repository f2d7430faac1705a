import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { actorOf, requireAuth } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { overview, traineeCourses } from './home.service.js';

const homeQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function homeRoutes(sequelize: Sequelize): Router {
  const router = Router();

  router.get('/', requireAuth, async (req, res) => {
    const actor = actorOf(req);
    if (actor.role === 'trainee') {
      const courses = actor.traineeId ? await traineeCourses(sequelize, actor.traineeId) : [];
      return res.render('home/trainee', { title: t(req.locale, 'common.home.myCourses'), courses });
    }
    const { year } = parse(homeQuery, req.query, req);
    const [latest] = await sequelize.query('SELECT MAX(start_date) AS latest FROM courses');
    const latestYear = Number(String((latest as Array<{ latest: unknown }>)[0]?.latest ?? '').slice(0, 4)) || new Date().getFullYear();
    const shownYear = year ?? Math.min(new Date().getFullYear(), latestYear);
    res.render('home/index', {
      title: t(req.locale, 'common.home.title'),
      stats: await overview(sequelize, actor, shownYear),
      years: [shownYear - 1, shownYear, shownYear + 1],
    });
  });

  return router;
}
