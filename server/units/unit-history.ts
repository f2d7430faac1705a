// Units over time (DOMAIN.md "Units change"): a unit's name, header and signer as of a date, which unit
// succeeds a dissolved or merged one, and the refusal of new work for a unit that no longer exists.
// Everything that prints or shows a unit on a record asks here, for the record's own date.
import { Op, type Transaction } from 'sequelize';
import { Unit, UnitEvent, UnitEventSuccessor, UnitName } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { formatDate } from '../lib/format.js';
import { ENDING_KINDS } from './unit.model.js';
import type { UnitRow } from './units.service.js';

/**
 * A unit as it stood on a date: what a paper dated then prints. Its own validity (`validTo`: its last day
 * once dissolved or merged) is the unit's, whatever the date.
 */
export type UnitProfile = Omit<UnitRow, 'id'> & { unitId: number };

type NameFields = Omit<UnitProfile, 'unitId' | 'code' | 'validFrom' | 'validTo'>;

const nameFields = (n: Unit | UnitName): NameFields => ({
  kind: n.kind,
  name: n.name,
  shortName: n.shortName,
  parentBody: n.parentBody,
  headerName: n.headerName,
  symbol: n.symbol,
  place: n.place,
  signerName: n.signerName,
  signerTitle: n.signerTitle,
  signerAuthority: n.signerAuthority,
});

/**
 * The name row in force on `date`: the latest that began on or before it. A date past the unit's end is read
 * as its last day (a dissolved unit's papers print under its last name); a date before the first row takes
 * the first row; a unit without rows is as the units table holds it.
 */
export function profileOn(unit: Unit, names: UnitName[], date: string): UnitProfile {
  return profileFromSorted(unit, byValidFrom(names), date);
}

const byValidFrom = (names: UnitName[]) => [...names].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));

/** profileOn over names already sorted by validFrom. */
function profileFromSorted(unit: Unit, sorted: UnitName[], date: string): UnitProfile {
  const day = unit.validTo && date > unit.validTo ? unit.validTo : date;
  let row = sorted[0];
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (sorted[i]!.validFrom <= day) {
      row = sorted[i];
      break;
    }
  }
  return { unitId: unit.id, code: unit.code, validFrom: unit.validFrom, validTo: unit.validTo ?? null, ...nameFields(row ?? unit) };
}

export async function unitAsOf(unitId: number, date: string, transaction?: Transaction): Promise<UnitProfile> {
  const unit = await Unit.findByPk(unitId, { transaction });
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  const names = await UnitName.findAll({ where: { unitId }, transaction });
  return profileOn(unit, names, date);
}

/**
 * Looks units up for any date, from two queries made once (a list of records of different dates, such as a
 * trainee's courses over the years). Unknown ids give undefined.
 */
export async function unitNamer(unitIds?: number[]): Promise<(unitId: number, date: string) => UnitProfile | undefined> {
  const [units, names] = await Promise.all([
    Unit.findAll({ where: unitIds ? { id: { [Op.in]: unitIds } } : {} }),
    UnitName.findAll({ where: unitIds ? { unitId: { [Op.in]: unitIds } } : {} }),
  ]);
  const byUnit = new Map<number, UnitName[]>();
  for (const n of names) {
    const list = byUnit.get(n.unitId);
    if (list) list.push(n);
    else byUnit.set(n.unitId, [n]);
  }
  for (const [unitId, list] of byUnit) byUnit.set(unitId, byValidFrom(list));
  const unitById = new Map(units.map((u) => [u.id, u]));
  // A report asks for the same few (unit, date) pairs many times: each profile is built once.
  const made = new Map<string, UnitProfile>();
  return (unitId, date) => {
    const unit = unitById.get(unitId);
    if (!unit) return undefined;
    const key = `${unitId}|${date}`;
    let profile = made.get(key);
    if (!profile) {
      profile = profileFromSorted(unit, byUnit.get(unitId) ?? [], date);
      made.set(key, profile);
    }
    return profile;
  };
}

// ---- Succession: which units took over a dissolved, merged or split one.

export interface Succession {
  /** Unit → its successors, the one that carries its figures first. */
  successors: Map<number, number[]>;
  /** Unit → the date from which it no longer exists. */
  endedOn: Map<number, string>;
}

/** One query over the (small) events table: every ending event and its successors. */
export async function loadSuccession(transaction?: Transaction): Promise<Succession> {
  const events = await UnitEvent.findAll({
    where: { kind: { [Op.in]: [...ENDING_KINDS] } },
    include: [{ model: UnitEventSuccessor, as: 'successors' }],
    order: [['effectiveDate', 'ASC'], ['id', 'ASC']],
    transaction,
  });
  const successors = new Map<number, number[]>();
  const endedOn = new Map<number, string>();
  for (const e of events) {
    const list = ((e as UnitEvent & { successors?: UnitEventSuccessor[] }).successors ?? [])
      .sort((a, b) => a.position - b.position)
      .map((s) => s.successorUnitId);
    successors.set(e.unitId, list);
    endedOn.set(e.unitId, e.effectiveDate);
  }
  return { successors, endedOn };
}

/**
 * Unit → the unit that carries its figures today when a report rolls units up into their successors: the
 * first successor, followed down the chain (a centre merged into A, A later merged into B, rolls into B). A
 * dissolved unit without a successor carries its own figures. Units absent from the map carry their own.
 */
export function rollupTargets(succession: Succession): Map<number, number> {
  const result = new Map<number, number>();
  for (const unitId of succession.successors.keys()) {
    let current = unitId;
    const seen = new Set<number>([current]);
    for (;;) {
      const next = succession.successors.get(current)?.[0];
      if (next === undefined || seen.has(next)) break;
      seen.add(next);
      current = next;
    }
    if (current !== unitId) result.set(unitId, current);
  }
  return result;
}

/** Every unit whose records a unit inherited, directly or through a chain of successions (any successor inherits). */
export function predecessorsOf(succession: Succession, unitId: number): number[] {
  const found = new Set<number>();
  const queue = [unitId];
  while (queue.length) {
    const current = queue.shift()!;
    for (const [unit, list] of succession.successors) {
      if (list.includes(current) && !found.has(unit) && unit !== unitId) {
        found.add(unit);
        queue.push(unit);
      }
    }
  }
  return [...found];
}

/** The units whose records `unitId` took over, through any chain of successions. */
export async function inheritedUnitIds(unitId: number): Promise<number[]> {
  return predecessorsOf(await loadSuccession(), unitId);
}

// ---- Refusing new work for a unit that no longer exists.

/** The unit's first day out of existence, or null while it exists. */
const endOf = (unit: Unit): string | null => (unit.validTo ? nextDay(unit.validTo) : null);

export function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function previousDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Why a unit takes no new work on `date` (a message key and its parameters, naming the successors), or null. */
export async function unitEnded(unitId: number, date: string, transaction?: Transaction): Promise<{ key: string; params: Record<string, string> } | null> {
  const unit = await Unit.findByPk(unitId, { transaction });
  const ended = unit ? endOf(unit) : null;
  if (!unit || !ended || date < ended) return null;
  const succession = await loadSuccession(transaction);
  const successorIds = succession.successors.get(unit.id) ?? [];
  const successors = successorIds.length ? await Unit.findAll({ where: { id: { [Op.in]: successorIds } }, transaction }) : [];
  const names = successorIds.map((id) => successors.find((s) => s.id === id)?.name).filter(Boolean).join(', ');
  const params = { unit: (await unitAsOf(unit.id, unit.validTo!, transaction)).name, date: formatDate(ended), successor: names };
  return { key: names ? 'units.errors.endedWithSuccessor' : 'units.errors.ended', params };
}

/**
 * Refuses a new plan, course or enrollment for a unit that has been dissolved or merged by `date`, naming
 * its successor(s): "Trung tâm Chính trị huyện Kim Động đã ngừng hoạt động từ ngày 01/07/2025; đơn vị kế tục: …".
 * With a `field` the message also stands next to that form field (422); without one it is a conflict (409).
 */
export async function assertUnitOpen(unitId: number, date: string, field: string | null, transaction?: Transaction): Promise<void> {
  const ended = await unitEnded(unitId, date, transaction);
  if (!ended) return;
  if (field === null) throw new AppError('conflict', ended.key, { params: ended.params });
  throw new AppError('invalid', ended.key, { params: ended.params, fields: { [field]: ended.key } });
}
