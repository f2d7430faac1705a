// What every domain's page router is built with. It lives here, below the domains, so that the routers and
// server/routes.ts (which mounts them) do not import each other.
import type { Sequelize } from 'sequelize';
import type { Config } from '../config.js';

export interface PageDeps {
  config: Config;
  sequelize: Sequelize;
}
