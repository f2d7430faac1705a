import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Op, type Transaction } from 'sequelize';
import { Unit, UnitName } from '../db/models.js';
import { todayInVietnam } from '../lib/format.js';
import { profileOn } from './unit-history.js';
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

/**
 * Units in their display order; `training` leaves out the board, which runs no courses; `activeOn` leaves out
 * the units that had ceased by that date (the choices of a form that creates new work).
 */
export async function listUnits(options: { training?: boolean; activeOn?: string } = {}): Promise<UnitRow[]> {
  const units = await Unit.findAll({ order: [['sortOrder', 'ASC'], ['id', 'ASC']] });
  return units
    .filter((u) => !options.training || u.kind !== 'board')
    .filter((u) => !options.activeOn || !u.validTo || u.validTo >= options.activeOn)
    .map(toUnitRow);
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

export interface SignerInput {
  lockVersion: number;
  signerName?: string | null;
  signerTitle: string;
  signerAuthority?: string | null;
}

/**
 * The signer history: a new signer signs from today on, so papers dated earlier still print who signed them.
 * Today's name row takes the new signer (a copy of the row in force is made when none starts today), and so
 * do rows that start later (a rename recorded ahead of its date).
 */
async function signerFromToday(unit: Unit, signer: Pick<UnitName, 'signerName' | 'signerTitle' | 'signerAuthority'>, transaction: Transaction): Promise<void> {
  const today = todayInVietnam();
  const names = await UnitName.findAll({ where: { unitId: unit.id }, transaction });
  if (!names.some((n) => n.validFrom === today)) {
    const current = profileOn(unit, names, today);
    const { unitId: _u, code: _c, validFrom: _f, validTo: _t, ...fields } = current;
    await UnitName.create({ ...fields, unitId: unit.id, validFrom: names.length ? today : unit.validFrom, ...signer }, { transaction });
  }
  await UnitName.update(signer, { where: { unitId: unit.id, validFrom: { [Op.gte]: today } }, transaction });
}

/** Saves the signer block; a stale lockVersion is refused with the unit as it is now. */
export async function updateSigner(actor: Actor, id: number, input: SignerInput): Promise<UnitSettings> {
  assertInScope(actor, id);
  await inTransaction(Unit.sequelize!, async (transaction) => {
    const unit = await Unit.findByPk(id, forUpdate(transaction));
    if (!unit) throw new AppError('not_found', 'common.errors.notFound');
    if (unit.validTo) throw new AppError('conflict', 'units.errors.alreadyEnded');
    const before = { signerName: unit.signerName, signerTitle: unit.signerTitle, signerAuthority: unit.signerAuthority };
    const after = { signerName: input.signerName ?? null, signerTitle: input.signerTitle, signerAuthority: input.signerAuthority ?? null };
    await updateVersioned(Unit, id, input.lockVersion, after, { transaction, present: toUnitSettings });
    await signerFromToday(unit, after, transaction);
    const changes = changedFields(before, after);
    if (Object.keys(changes.after).length) await audit(actor, { action: 'update', entityType: 'unit', entityId: id, unitId: id, ...changes }, transaction);
  });
  return unitForActor(actor, id);
}

export interface NewUnitInput {
  code: string;
  kind: 'center' | 'committee';
  name: string;
  shortName: string;
  parentBody: string;
  headerName: string;
  symbol?: string;
  place: string;
  validFrom: string;
  signerTitle: string;
}

/** A new unit (the board only), with its first name row; placed after the units that exist. */
export async function createUnit(actor: Actor, input: NewUnitInput): Promise<UnitRow> {
  if (actor.role !== 'admin') throw new AppError('not_found', 'common.errors.notFound');
  const id = await inTransaction(Unit.sequelize!, async (transaction) => {
    if (await Unit.findOne({ where: { code: input.code }, transaction })) {
      throw new AppError('invalid', 'common.errors.invalid', { fields: { code: 'units.errors.codeTaken' } });
    }
    const last = (await Unit.max('sortOrder', { transaction })) as number | null;
    const fields = {
      kind: input.kind,
      name: input.name,
      shortName: input.shortName,
      parentBody: input.parentBody,
      headerName: input.headerName,
      symbol: input.symbol || input.code,
      place: input.place,
      signerName: null,
      signerTitle: input.signerTitle,
      signerAuthority: null,
    };
    const unit = await Unit.create({ code: input.code, ...fields, sortOrder: (last ?? 0) + 1, validFrom: input.validFrom }, { transaction });
    await UnitName.create({ unitId: unit.id, validFrom: input.validFrom, ...fields }, { transaction });
    await audit(actor, { action: 'create', entityType: 'unit', entityId: unit.id, unitId: unit.id, after: { code: unit.code, ...fields, validFrom: input.validFrom } }, transaction);
    return unit.id;
  });
  return unitById(id);
}
