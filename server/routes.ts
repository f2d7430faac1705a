// Domain page routers, mounted after sign-in, CSRF and the view locals. Each domain adds itself here.
import type { Router } from 'express';
import { Router as createRouter } from 'express';
import type { Sequelize } from 'sequelize';
import type { Config } from './config.js';
import { importRoutes } from './imports/imports.routes.js';

export interface PageDeps {
  config: Config;
  sequelize: Sequelize;
}

const pageRouters: Array<(deps: PageDeps) => Router> = [importRoutes];

export function pageRoutes(deps: PageDeps): Router {
  const router = createRouter();
  for (const routes of pageRouters) router.use(routes(deps));
  return router;
}
