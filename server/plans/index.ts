// What other domains may use of plans: the plan in force for a unit and year (reports measure progress
// against it), and the SQL condition that selects it in raw report queries.
export { inForcePlanCondition, planDetail, planInForce, planTotals } from './plans.queries.js';
export type { PlanDetail, PlanSummary, PlanTargetView, PlanTotals } from './plans.queries.js';
export type { Quarters } from './plans.schema.js';
export { PLAN_STATUSES, type PlanStatus } from './plan.model.js';
