export { correctionRoutes } from './corrections.routes.js';
export { portalRoutes } from './portal.routes.js';
