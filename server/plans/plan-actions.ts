// What the viewer may do with a plan now (the buttons on its page), and the statuses that allow it.
import type { Actor } from '../auth/actor.js';
import type { PlanStatus } from './plan.model.js';
import type { PlanDetail, PlanSummary } from './plans.queries.js';

export const OPEN: readonly PlanStatus[] = ['draft', 'submitted', 'returned'];
export const EDITABLE: readonly PlanStatus[] = ['draft', 'returned'];

export interface PlanActions {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  amend: boolean;
}

/** What the viewer may do with the plan now, for the buttons on its page. */
export function allowedActions(actor: Actor, plan: PlanDetail, versions: PlanSummary[]): PlanActions {
  const author = actor.role === 'admin' || (actor.role === 'center' && actor.unitId === plan.unitId);
  const editable = author && EDITABLE.includes(plan.status);
  const decides = actor.role === 'admin' && plan.status === 'submitted';
  return {
    edit: editable,
    submit: editable && plan.targets.length > 0,
    approve: decides,
    return: decides,
    amend: author && plan.inForce && !versions.some((v) => OPEN.includes(v.status)),
  };
}

export const isOpen = (status: PlanStatus) => OPEN.includes(status);
export const isEditable = (status: PlanStatus) => EDITABLE.includes(status);
