// The urgings domain as other domains see it: its routes, and the unit's pending urgings for the home page.
export { urgingRoutes } from './urgings.routes.js';
export { unitUrgings } from './urgings.service.js';
