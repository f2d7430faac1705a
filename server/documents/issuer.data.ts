// Who issues and signs a document, read from the unit as it stands today (reports, rosters, records).
// Certificates do not come through here: they print the name and signer they were issued under.
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { DocumentIssuer } from '../pdf/index.js';
import { reportRecipients } from '../settings/settings.service.js';

export function issuerFromUnit(unit: Unit): DocumentIssuer {
  return {
    parentBody: unit.parentBody,
    headerName: unit.headerName,
    fullName: unit.name,
    symbol: unit.symbol,
    place: unit.place,
    signer: { authority: unit.signerAuthority, title: unit.signerTitle, name: unit.signerName },
  };
}

export async function loadIssuer(unitId: number): Promise<DocumentIssuer> {
  const unit = await Unit.findByPk(unitId);
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  return issuerFromUnit(unit);
}

export async function boardUnit(): Promise<Unit> {
  const board = await Unit.findOne({ where: { kind: 'board' }, order: [['sortOrder', 'ASC'], ['id', 'ASC']] });
  if (!board) throw new AppError('not_found', 'common.errors.notFound');
  return board;
}

/** "HUYỆN ỦY VĂN LÂM" → "Huyện ủy Văn Lâm": the committee's name as running text writes it. */
export function bodyInText(upperName: string): string {
  const words = upperName.normalize('NFC').toLocaleLowerCase('vi-VN').split(/\s+/);
  const committee = words.indexOf('ủy');
  return words
    .map((word, i) => (i === 0 || (committee >= 0 && i > committee) ? word.charAt(0).toLocaleUpperCase('vi-VN') + word.slice(1) : word))
    .join(' ');
}

/** The board's report: signed by the board, sent to the recipients kept in the settings. */
export async function loadProvinceReportSetup(): Promise<{ issuer: DocumentIssuer; recipients: string[] }> {
  return { issuer: issuerFromUnit(await boardUnit()), recipients: await reportRecipients() };
}

/** A unit's own report: signed by the unit, sent to the board and the unit's Party committee. */
export async function loadUnitReportSetup(actor: Actor, unitCode: string): Promise<{ issuer: DocumentIssuer; recipients: string[]; unitId: number }> {
  const unit = await Unit.findOne({ where: { code: unitCode.toUpperCase() } });
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, unit.id);
  const board = await boardUnit();
  const recipients = [board.shortName, `Thường trực ${bodyInText(unit.parentBody)}`, 'Lưu văn thư'];
  return { issuer: issuerFromUnit(unit), recipients, unitId: unit.id };
}
