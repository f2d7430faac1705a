// The menu's to-do badge. Counted lazily, when a signed-in person's request renders an HTML page: a redirect,
// a PDF, a download or the JSON API never pays for it, and a page counts once however it is rendered.
import type { NextFunction, Request, Response } from 'express';
import type { Sequelize } from 'sequelize';
import type { Logger } from '../http/logger.js';
import type { TodoCounts } from './todo.queries.js';
import { badgeTotal, todoCounts } from './todo.service.js';

/** The counts of this request, computed once: the home page's list reuses what the badge counted. */
export async function requestCounts(sequelize: Sequelize, req: Request, res: Response): Promise<TodoCounts | null> {
  if (!req.user) return null;
  const cached = res.locals.todoCounts as Promise<TodoCounts> | undefined;
  if (cached) return cached;
  const pending = todoCounts(sequelize, req.user);
  res.locals.todoCounts = pending;
  return pending;
}

export function todoBadge(sequelize: Sequelize, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || req.user.via !== 'session') return next();
    const render = res.render.bind(res) as (view: string, options?: object, callback?: (err: Error, html: string) => void) => void;
    res.render = ((view: string, options?: object, callback?: (err: Error, html: string) => void) => {
      requestCounts(sequelize, req, res)
        .then((counts) => {
          if (counts) res.locals.todoTotal = badgeTotal(counts);
        })
        // A page still renders when the count fails (the database is what the error page reports).
        .catch((err: unknown) => logger.warn({ err: (err as Error).message, requestId: String(req.id) }, 'todo badge not counted'))
        .finally(() => render(view, options, callback));
    }) as Response['render'];
    next();
  };
}
