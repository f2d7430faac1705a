// Which rows of data a report covers: the actor's scope, the unit asked for (with the units that roll into it),
// the unit that carries a rolled-up unit's figures, and the report's dates.
import { reportDatabase } from '../db/report-database.js';
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, scopeUnitIds, unitScopeSql } from '../auth/scope.js';
import { Course, Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { loadSuccession, rollupTargets } from '../units/index.js';
import { periodWindow, resolveAsOf, yearStart } from './figures.js';
import type { SqlDates, SqlScope } from './reports.queries.js';
import type { Period, ReportView } from './report.types.js';

export const TRAINING_KINDS = new Set(['center', 'committee']);

export function database(): Sequelize {
  const sequelize = Course.sequelize;
  if (!sequelize) throw new Error('The models are not registered with a database');
  // The replicas' pool when DATABASE_REPLICA_URLS names any (server/db/report-database.ts).
  return reportDatabase(sequelize);
}

/**
 * The SQL scope of a report: the actor's own unit for a center, else all units or the one asked for. Rolled
 * up (`rollup` given), the unit asked for covers the units that roll into it too, and a unit that rolls into
 * another has no row of its own: not found, naming the unit that carries its figures.
 */
export async function reportScope(
  actor: Actor,
  unitCode?: string,
  rollup?: ReadonlyMap<number, number>,
): Promise<{ scope: SqlScope; unitId: number | null }> {
  const fragment = (column: string) => unitScopeSql(actor, column);
  const scope: SqlScope = {
    courses: fragment('c.unit_id').sql,
    plans: fragment('p.unit_id').sql,
    units: fragment('u.id').sql,
    replacements: { ...fragment('u.id').replacements },
    unitIds: actor.role === 'admin' ? null : scopeUnitIds(actor),
  };
  if (unitCode === undefined) return { scope, unitId: actor.role === 'center' ? actor.unitId : null };
  const unit = await Unit.findOne({ where: { code: unitCode.trim().toUpperCase() } });
  if (!unit || !TRAINING_KINDS.has(unit.kind)) throw new AppError('not_found', 'reports.unknownUnit');
  // A center naming another unit learns nothing, not even that the unit exists.
  assertInScope(actor, unit.id);
  const carrier = rollup?.get(unit.id);
  if (carrier !== undefined) {
    const successor = await Unit.findByPk(carrier);
    throw new AppError('not_found', 'reports.rolledUpUnit', { params: { successor: successor?.name ?? '' } });
  }
  const members = [unit.id, ...[...(rollup ?? [])].filter(([, to]) => to === unit.id).map(([from]) => from)];
  return {
    scope: {
      courses: `${scope.courses} AND c.unit_id IN (:unitFilter)`,
      plans: `${scope.plans} AND p.unit_id IN (:unitFilter)`,
      units: `${scope.units} AND u.id IN (:unitFilter)`,
      replacements: { ...scope.replacements, unitFilter: members },
      unitIds: scope.unitIds === null ? members : members.filter((id) => scope.unitIds!.includes(id)),
    },
    unitId: unit.id,
  };
}

/**
 * Rolled up, a unit that rolls into another has no row: the code of the unit that carries its figures, for
 * the pages to send the reader there; null when it carries its own, or when the actor may not see it.
 */
export async function carrierCode(actor: Actor, unitCode: string): Promise<string | null> {
  const unit = await Unit.findOne({ where: { code: unitCode.trim().toUpperCase() } });
  if (!unit) return null;
  try {
    assertInScope(actor, unit.id);
  } catch {
    return null;
  }
  const carrier = rollupTargets(await loadSuccession()).get(unit.id);
  return carrier === undefined ? null : ((await Unit.findByPk(carrier))?.code ?? null);
}

export function reportDates(year: number, period: Period, asOfAsked?: string): { asOf: string; window: { from: string; to: string }; dates: SqlDates } {
  const asOf = resolveAsOf(year, asOfAsked, todayInVietnam());
  const window = periodWindow(year, period, asOf);
  return { asOf, window, dates: { from: window.from, to: window.to, ytdFrom: yearStart(year), ytdTo: asOf, asOf } };
}


/** What every report is asked: a year, and optionally a date, a period, a unit and a view. */
export interface ReportInput {
  year: number;
  /** 'YYYY-MM-DD'; default today in Vietnam (capped at 31/12 of the year). */
  asOf?: string;
  period?: Period;
  /** One unit (a center may name only its own); default every unit in the actor's scope. */
  unitCode?: string;
  /** Units as they were in the period (default), or rolled up into the units that carry their figures today. */
  view?: ReportView;
}

/** A report's input with its defaults applied, and its dates. */
export function resolveReportInput(input: ReportInput) {
  const period = input.period ?? 'year';
  const view = input.view ?? 'as-was';
  return { year: input.year, period, view, rolledUp: view === 'rolled-up', ...reportDates(input.year, period, input.asOf) };
}
