import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { actorOf, requireAuth } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { reportYears } from '../reports/index.js';
import { requestCounts, todoList } from '../todo/index.js';
import { unitUrgings } from '../urgings/index.js';
import { overview } from './home.service.js';

const homeQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function homeRoutes(sequelize: Sequelize): Router {
  const router = Router();

  router.get('/', requireAuth, async (req, res) => {
    const actor = actorOf(req);
    // A trainee's home is their own record ("Hồ sơ của tôi", server/portal).
    if (actor.role === 'trainee') return res.redirect(303, '/me');
    const { year } = parse(homeQuery, req.query, req);
    // The same year as the dashboard: this year when it has figures, else the latest that has (issue #11.3);
    // every year with data in the actor's scope one click away.
    const { years, defaultYear } = await reportYears(actor);
    const shownYear = year ?? defaultYear;
    res.render('home/index', {
      title: t(req.locale, 'common.home.title'),
      stats: await overview(sequelize, actor, shownYear),
      // Unit staff: the urgings addressed to their unit that wait for "Đã nhận" (issue #13 item 1).
      urgings: await unitUrgings(actor, { pending: true }),
      // What waits for this person (issue #13 item 2), from the counts the menu badge uses on this request.
      todo: await todoList(sequelize, actor, { year: shownYear, counts: (await requestCounts(sequelize, req, res)) ?? undefined }),
      years: years.includes(shownYear) ? years : [...years, shownYear].sort((a, b) => b - a),
    });
  });

  return router;
}
