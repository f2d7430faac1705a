import { Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
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
