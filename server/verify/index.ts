export { verifyRoutes } from './verify.routes.js';
