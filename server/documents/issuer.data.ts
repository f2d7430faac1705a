// Who issues and signs a document, read from the unit as it stood on the document's date (reports,
// rosters, records): a 2024 roster of Kim Động reprints under "HUYỆN ỦY KIM ĐỘNG / TRUNG TÂM CHÍNH TRỊ" after
// the centre was dissolved, and a report dated before the board's rename under "BAN TUYÊN GIÁO". A unit that
// has ceased prints under its last name. Certificates do not come through here: they print the snapshot they
// were issued with.
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { DocumentIssuer } from '../pdf/index.js';
import { reportRecipients } from '../settings/settings.service.js';
import { unitAsOf, type UnitProfile } from '../units/index.js';

export function issuerFromUnit(unit: Unit | UnitProfile): DocumentIssuer {
  return {
    parentBody: unit.parentBody,
    headerName: unit.headerName,
    fullName: unit.name,
    symbol: unit.symbol,
    place: unit.place,
    signer: { authority: unit.signerAuthority, title: unit.signerTitle, name: unit.signerName },
  };
}

/** The unit as it stood on `date` ('YYYY-MM-DD'), as the document's header and signature print it. */
export async function loadIssuer(unitId: number, date: string): Promise<DocumentIssuer> {
  return issuerFromUnit(await unitAsOf(unitId, date));
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

/** The board's report, dated `date`: signed by the board as it then was, sent to the recipients kept in the settings. */
export async function loadProvinceReportSetup(date: string): Promise<{ issuer: DocumentIssuer; recipients: string[] }> {
  return { issuer: await loadIssuer((await boardUnit()).id, date), recipients: await reportRecipients() };
}

/** A unit's own report, dated `date`: signed by the unit, sent to the board and the unit's Party committee as they then were. */
export async function loadUnitReportSetup(actor: Actor, unitCode: string, date: string): Promise<{ issuer: DocumentIssuer; recipients: string[]; unitId: number }> {
  const unit = await Unit.findOne({ where: { code: unitCode.toUpperCase() } });
  if (!unit) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, unit.id);
  const [profile, board] = await Promise.all([unitAsOf(unit.id, date), boardUnit().then((b) => unitAsOf(b.id, date))]);
  const recipients = [board.shortName, `Thường trực ${bodyInText(profile.parentBody)}`, 'Lưu văn thư'];
  return { issuer: issuerFromUnit(profile), recipients, unitId: unit.id };
}
