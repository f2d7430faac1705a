// The board's table of plan status: every unit that trains, for one year, with its newest version and the
// version in force, in one query.
import { QueryTypes } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScope } from '../auth/scope.js';
import { Plan } from '../db/models.js';
import type { PlanStatus } from './plan.model.js';
import { inForcePlanCondition, num } from './plans.queries.js';

export type UnitPlanState = 'none' | PlanStatus;

export interface UnitPlanStatus {
  unitId: number;
  unitCode: string;
  unitName: string;
  unitKind: string;
  /** The newest version, whatever its status. */
  latestId: number | null;
  latestVersion: number | null;
  state: UnitPlanState;
  submittedAt: Date | null;
  /** The version in force, and its year targets. */
  inForceId: number | null;
  inForceVersion: number | null;
  plannedCourses: number | null;
  plannedTrainees: number | null;
  /** A newer version than the one in force is open (an amendment being drafted or awaiting approval). */
  amending: boolean;
}

export interface PlanStatusTable {
  year: number;
  units: UnitPlanStatus[];
  counts: Record<UnitPlanState, number> & { units: number };
  totals: { plannedCourses: number | null; plannedTrainees: number | null };
}

/** SQLite hands back DATE columns of raw queries as text ('2025-01-31 02:00:00.000 +00:00'); MariaDB as Date. */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value).trim().replace(' ', 'T').replace(/\s*\+00:00$/, 'Z');
  const date = new Date(/[Zz]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The board's table: every unit that trains (valid in the year, or holding a plan for it), with its plan status. */
export async function planStatusTable(actor: Actor, year: number): Promise<PlanStatusTable> {
  const scope = actor.role === 'admin' ? '' : ' AND u.id IN (:scopeUnitId)';
  const replacements = { year, from: `${year}-01-01`, to: `${year}-12-31`, board: 'board', approved: 'approved', scopeUnitId: unitScope(actor).unitId ?? [0] };
  const rows = await Plan.sequelize!.query<Record<string, unknown>>(
    `SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.kind AS "unitKind",
       lp.id AS "latestId", lp.version AS "latestVersion", lp.status AS "latestStatus", lp.submitted_at AS "submittedAt",
       ap.id AS "inForceId", ap.version AS "inForceVersion", ta.courses AS "plannedCourses", ta.trainees AS "plannedTrainees"
     FROM units u
     LEFT JOIN plans lp ON lp.unit_id = u.id AND lp.year = :year
       AND lp.version = (SELECT MAX(x.version) FROM plans x WHERE x.unit_id = u.id AND x.year = :year)
     LEFT JOIN plans ap ON ap.unit_id = u.id AND ap.year = :year AND ${inForcePlanCondition('ap')}
     LEFT JOIN (SELECT t.plan_id, SUM(t.planned_courses) AS courses, SUM(t.planned_trainees) AS trainees
                FROM plan_targets t JOIN plans tp ON tp.id = t.plan_id WHERE tp.year = :year GROUP BY t.plan_id) ta ON ta.plan_id = ap.id
     WHERE u.kind <> :board${scope}
       AND ((u.valid_from <= :to AND (u.valid_to IS NULL OR u.valid_to >= :from)) OR lp.id IS NOT NULL)
     ORDER BY u.sort_order, u.id`,
    { replacements, type: QueryTypes.SELECT },
  );
  const units = rows.map((r): UnitPlanStatus => ({
    unitId: Number(r.unitId),
    unitCode: String(r.unitCode),
    unitName: String(r.unitName),
    unitKind: String(r.unitKind),
    latestId: num(r.latestId),
    latestVersion: num(r.latestVersion),
    state: (r.latestStatus as PlanStatus | null) ?? 'none',
    submittedAt: toDate(r.submittedAt),
    inForceId: num(r.inForceId),
    inForceVersion: num(r.inForceVersion),
    plannedCourses: r.inForceId === null ? null : (num(r.plannedCourses) ?? 0),
    plannedTrainees: r.inForceId === null ? null : (num(r.plannedTrainees) ?? 0),
    amending: r.inForceId !== null && r.latestId !== r.inForceId,
  }));

  const [sums] = await Plan.sequelize!.query<{ courses: unknown; trainees: unknown; unitsWithPlan: unknown }>(
    `SELECT SUM(t.planned_courses) AS "courses", SUM(t.planned_trainees) AS "trainees", COUNT(DISTINCT p.unit_id) AS "unitsWithPlan"
     FROM plans p JOIN units u ON u.id = p.unit_id LEFT JOIN plan_targets t ON t.plan_id = p.id
     WHERE p.year = :year AND u.kind <> :board${scope} AND ${inForcePlanCondition('p')}`,
    { replacements, type: QueryTypes.SELECT },
  );
  const anyPlan = Number(sums?.unitsWithPlan ?? 0) > 0;
  const counts = { units: units.length, none: 0, draft: 0, submitted: 0, approved: 0, returned: 0 };
  // Tallying the rows already on the page: at most a few dozen units.
  for (const unit of units) counts[unit.state] += 1;
  return {
    year,
    units,
    counts,
    totals: { plannedCourses: anyPlan ? (num(sums!.courses) ?? 0) : null, plannedTrainees: anyPlan ? (num(sums!.trainees) ?? 0) : null },
  };
}
