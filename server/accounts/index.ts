export { accountRoutes } from './accounts.routes.js';
export { activationRoutes } from './activation.routes.js';
