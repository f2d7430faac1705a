import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Unit, UnitEvent } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { updateVersioned } from '../lib/versioned.js';
import type { UnitKind } from './unit.model.js';

export interface UnitRow {
  id: number;
  code: string;
  kind: UnitKind;
  name: string;
  shortName: string;
  parentBody: string;
  headerName: string;
  symbol: string;
  place: string;
  signerName: string | null;
  signerTitle: string | null;
  signerAuthority: string | null;
  validFrom: string;
  validTo: string | null;
}

export function toUnitRow(u: Unit): UnitRow {
  return {
    id: u.id,
    code: u.code,
    kind: u.kind,
    name: u.name,
    shortName: u.shortName,
    parentBody: u.parentBody,
    headerName: u.headerName,
    symbol: u.symbol,
    place: u.place,
    signerName: u.signerName,
    signerTitle: u.signerTitle,
    signerAuthority: u.signerAuthority,
    validFrom: u.validFrom,
    validTo: u.validTo ?? null,
  };
}

/** Units in their display order; `training` leaves out the board, which runs no courses. */
export async function listUnits(options: { training?: boolean } = {}): Promise<UnitRow[]> {
  const units = await Unit.findAll({ order: [['sortOrder', 'ASC']] });
  return units.filter((u) => !options.training || u.kind !== 'board').map(toUnitRow);
}

export async function unitById(id: number): Promise<UnitRow> {
  const unit = await Unit.findByPk(id);
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  return toUnitRow(unit);
}

export async function unitByCode(code: string): Promise<UnitRow> {
  const unit = await Unit.findOne({ where: { code: code.toUpperCase() } });
  if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitCode: 'users.unknownUnit' } });
  return toUnitRow(unit);
}

// ---- Unit settings: the signer block printed on the unit's certificates and reports.

export interface UnitSettings extends UnitRow {
  lockVersion: number;
  updatedAt: Date;
}

export function toUnitSettings(u: Unit): UnitSettings {
  return { ...toUnitRow(u), lockVersion: u.lockVersion, updatedAt: u.updatedAt };
}

/** A unit's own page: the board sees every unit, a center only its own (any other is not found). */
export async function unitForActor(actor: Actor, id: number): Promise<UnitSettings> {
  assertInScope(actor, id);
  const unit = await Unit.findByPk(id);
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  return toUnitSettings(unit);
}

export interface UnitEventRow {
  id: number;
  kind: string;
  effectiveDate: string;
  decisionNumber: string;
  oldName: string | null;
  newName: string | null;
  note: string | null;
}

export async function unitEvents(unitId: number): Promise<UnitEventRow[]> {
  const events = await UnitEvent.findAll({ where: { unitId }, order: [['effectiveDate', 'DESC']] });
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    effectiveDate: e.effectiveDate,
    decisionNumber: e.decisionNumber,
    oldName: e.oldName,
    newName: e.newName,
    note: e.note ?? null,
  }));
}

export interface SignerInput {
  lockVersion: number;
  signerName?: string | null;
  signerTitle: string;
  signerAuthority?: string | null;
}

/** Saves the signer block; a stale lockVersion is refused with the unit as it is now. */
export async function updateSigner(actor: Actor, id: number, input: SignerInput): Promise<UnitSettings> {
  assertInScope(actor, id);
  await inTransaction(Unit.sequelize!, async (transaction) => {
    const unit = await Unit.findByPk(id, forUpdate(transaction));
    if (!unit) throw new AppError('not_found', 'common.errors.notFound');
    const before = { signerName: unit.signerName, signerTitle: unit.signerTitle, signerAuthority: unit.signerAuthority };
    const after = { signerName: input.signerName ?? null, signerTitle: input.signerTitle, signerAuthority: input.signerAuthority ?? null };
    await updateVersioned(Unit, id, input.lockVersion, after, { transaction, present: toUnitSettings });
    const changes = changedFields(before, after);
    if (Object.keys(changes.after).length) await audit(actor, { action: 'update', entityType: 'unit', entityId: id, unitId: id, ...changes }, transaction);
  });
  return unitForActor(actor, id);
}
