// The surveys domain as other domains see it: its routes; the open surveys awaiting a unit's answer (for a
// to-do list); and a unit's answer totals per program (plans drafted from the survey).
export { surveyRoutes } from './surveys.routes.js';
export { openSurveysFor } from './surveys.service.js';
export { surveyTotalsFor } from './survey-totals.js';
export { LEARNER_CATEGORIES } from './categories.js';
