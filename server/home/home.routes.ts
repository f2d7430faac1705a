import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { actorOf, requireAuth } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { overview } from './home.service.js';

const homeQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function homeRoutes(sequelize: Sequelize): Router {
  const router = Router();

  router.get('/', requireAuth, async (req, res) => {
    const actor = actorOf(req);
    // A trainee's home is their own record ("Hồ sơ của tôi", server/portal).
    if (actor.role === 'trainee') return res.redirect(303, '/me');
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
