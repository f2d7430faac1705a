// Unit scoping, in one place. Every query on unit-owned data asks here what the actor may see.
// A record outside the actor's scope is "not found", never "forbidden": its existence is not revealed.
import { AppError } from '../http/errors.js';
import type { Actor } from './actor.js';

/** A center's units: its own, then those whose records it took over (their successor is this unit). */
export function scopeUnitIds(actor: Actor): number[] {
  if (actor.role !== 'center' || actor.unitId === null) return [];
  return [actor.unitId, ...(actor.inheritedUnitIds ?? [])];
}

/** `where` fragment restricting a unit-owned table to the actor's unit (and the units it took over); empty for the board. */
export function unitScope(actor: Actor, column = 'unitId'): Record<string, number | number[]> {
  if (actor.role === 'admin') return {};
  const ids = scopeUnitIds(actor);
  if (ids.length === 1) return { [column]: ids[0]! };
  if (ids.length > 1) return { [column]: ids };
  throw new AppError('not_found', 'common.errors.notFound');
}

/** Throws not_found unless the actor may see records of this unit. */
export function assertInScope(actor: Actor, unitId: number | null | undefined): void {
  if (actor.role === 'admin') return;
  if (unitId !== null && unitId !== undefined && scopeUnitIds(actor).includes(unitId)) return;
  throw new AppError('not_found', 'common.errors.notFound');
}

/**
 * The unit a new record belongs to. A center user always writes into their own unit — a unit named in the
 * request is ignored — while the board must name one.
 */
export function owningUnit(actor: Actor, requested?: number | null): number {
  if (actor.role === 'center' && actor.unitId !== null) return actor.unitId;
  if (actor.role === 'admin' && requested) return requested;
  if (actor.role === 'admin') throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'common.validation.required' } });
  throw new AppError('not_found', 'common.errors.notFound');
}

/** SQL fragment for raw report queries: "" for the board, " AND <column> = <id>" (or IN the units it took over) for a center. */
export function unitScopeSql(actor: Actor, column: string): { sql: string; replacements: Record<string, number | number[]> } {
  if (actor.role === 'admin') return { sql: '', replacements: {} };
  const ids = scopeUnitIds(actor);
  if (ids.length === 1) return { sql: ` AND ${column} = :scopeUnitId`, replacements: { scopeUnitId: ids[0]! } };
  if (ids.length > 1) return { sql: ` AND ${column} IN (:scopeUnitIds)`, replacements: { scopeUnitIds: ids } };
  throw new AppError('not_found', 'common.errors.notFound');
}

/** A trainee sees only their own trainee record. */
export function assertOwnTrainee(actor: Actor, traineeId: number): void {
  if (actor.role === 'trainee' && actor.traineeId === traineeId) return;
  throw new AppError('not_found', 'common.errors.notFound');
}

/**
 * The board reading one unit's part of a list as that unit's staff would see it (a unitCode filter on a list
 * whose scope is more than a column, such as the people a unit works with). A center's own scope always wins:
 * it is returned unchanged, whatever unit it names. Inherited units are added by the caller (they need the db).
 */
export function readingAsUnit(actor: Actor, unitId: number): Actor {
  if (actor.role !== 'admin') return actor;
  return { ...actor, role: 'center', unitId, inheritedUnitIds: [] };
}
