// Recording what happens to a unit (DOMAIN.md "Units change"): renamed, reclassified, transferred, merged,
// split or dissolved, by a decision with an effective date. The board records it on the unit's page; the
// event writes the unit's new name row (what papers dated from then print) or ends the unit and names its
// successors, and moves or disables its staff, all in one audited transaction. An event can be corrected or
// withdrawn while nothing depends on it yet.
import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Certificate, Unit, UnitEvent, UnitEventSuccessor, UnitName, User } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { updateVersioned } from '../lib/versioned.js';
import { previousDay, unitAsOf, type UnitProfile } from './unit-history.js';
import { ENDING_KINDS, type StaffAction, type UnitEventKind, type UnitKind } from './unit.model.js';

export interface NameChange {
  name?: string;
  shortName?: string;
  parentBody?: string;
  headerName?: string;
  symbol?: string;
  place?: string;
  unitKind?: UnitKind;
}

export interface UnitEventInput extends NameChange {
  kind: Exclude<UnitEventKind, 'establish'>;
  effectiveDate: string;
  decisionNumber: string;
  note?: string | null;
  /** merge: exactly one; split: two or more; dissolve: any number. The first carries the figures. */
  successorIds?: number[];
  staffAction?: StaffAction;
}

const NAME_KINDS: ReadonlySet<UnitEventKind> = new Set(['rename', 'reclassify', 'transfer']);
const fieldError = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('invalid', 'common.errors.invalid', { fields: { [field]: key }, params });

function requireBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('not_found', 'common.errors.notFound');
}

const sequelize = () => Unit.sequelize!;

/** The new name row's fields: the profile in force the day before, with what the event changes. */
function changedProfile(before: UnitProfile, input: NameChange): Omit<UnitProfile, 'unitId' | 'code' | 'validFrom' | 'validTo'> {
  return {
    kind: input.unitKind ?? before.kind,
    name: input.name || before.name,
    shortName: input.shortName || before.shortName,
    parentBody: input.parentBody || before.parentBody,
    headerName: input.headerName || before.headerName,
    symbol: input.symbol || before.symbol,
    place: input.place || before.place,
    signerName: before.signerName,
    signerTitle: before.signerTitle,
    signerAuthority: before.signerAuthority,
  };
}

async function checkSuccessors(unit: Unit, input: UnitEventInput, transaction: Transaction): Promise<Unit[]> {
  const ids = [...new Set(input.successorIds ?? [])];
  if (input.kind === 'merge' && ids.length !== 1) throw fieldError('successorIds', 'units.errors.mergeNeedsOne');
  if (input.kind === 'split' && ids.length < 2) throw fieldError('successorIds', 'units.errors.splitNeedsTwo');
  if (input.staffAction === 'move' && ids.length === 0) throw fieldError('staffAction', 'units.errors.moveNeedsSuccessor');
  if (ids.includes(unit.id)) throw fieldError('successorIds', 'units.errors.successorIsSelf');
  const successors = ids.length ? await Unit.findAll({ where: { id: { [Op.in]: ids } }, transaction }) : [];
  for (const id of ids) {
    const s = successors.find((u) => u.id === id);
    if (!s) throw fieldError('successorIds', 'units.errors.unknownSuccessor');
    if (s.kind === 'board' && unit.kind !== 'board') throw fieldError('successorIds', 'units.errors.successorIsBoard');
    if (s.validTo && s.validTo < input.effectiveDate) throw fieldError('successorIds', 'units.errors.successorEnded', { name: s.name });
    if (s.validFrom > input.effectiveDate) throw fieldError('successorIds', 'units.errors.successorLater', { name: s.name });
  }
  return ids.map((id) => successors.find((u) => u.id === id)!);
}

export async function recordUnitEvent(actor: Actor, unitId: number, input: UnitEventInput): Promise<number> {
  requireBoard(actor);
  return inTransaction(sequelize(), async (transaction) => {
    const unit = await Unit.findByPk(unitId, forUpdate(transaction));
    if (!unit) throw new AppError('not_found', 'common.errors.notFound');
    if (unit.validTo) throw new AppError('conflict', 'units.errors.alreadyEnded');
    if (input.effectiveDate <= unit.validFrom) throw fieldError('effectiveDate', 'units.errors.beforeStart');
    const later = await UnitEvent.findOne({ where: { unitId, effectiveDate: { [Op.gte]: input.effectiveDate } }, transaction });
    if (later) throw fieldError('effectiveDate', 'units.errors.notAfterLast');
    const before = await unitAsOf(unitId, previousDay(input.effectiveDate), transaction);
    const ending = ENDING_KINDS.has(input.kind);
    const successors = ending ? await checkSuccessors(unit, input, transaction) : [];
    const next = NAME_KINDS.has(input.kind) ? changedProfile(before, input) : null;
    if (next && next.name === before.name && next.kind === before.kind && next.parentBody === before.parentBody &&
        next.headerName === before.headerName && next.symbol === before.symbol && next.shortName === before.shortName && next.place === before.place) {
      throw fieldError('name', 'units.errors.nothingChanges');
    }

    const event = await UnitEvent.create(
      {
        unitId,
        kind: input.kind,
        effectiveDate: input.effectiveDate,
        decisionNumber: input.decisionNumber,
        oldName: before.name,
        newName: next?.name ?? null,
        newKind: next && next.kind !== before.kind ? next.kind : null,
        newShortName: next && next.shortName !== before.shortName ? next.shortName : null,
        newParentBody: next && next.parentBody !== before.parentBody ? next.parentBody : null,
        newHeaderName: next && next.headerName !== before.headerName ? next.headerName : null,
        newSymbol: next && next.symbol !== before.symbol ? next.symbol : null,
        newPlace: next && next.place !== before.place ? next.place : null,
        staffAction: ending ? (input.staffAction ?? 'disable') : null,
        createdBy: actor.id,
        note: input.note ?? null,
      },
      { transaction },
    );

    const effects: Record<string, unknown> = {};
    if (next) {
      await UnitName.create({ unitId, validFrom: input.effectiveDate, ...next }, { transaction });
      await syncUnitRow(unit, transaction);
    }
    if (ending) {
      await UnitEventSuccessor.bulkCreate(successors.map((s, position) => ({ eventId: event.id, successorUnitId: s.id, position })), { transaction });
      await unit.update({ validTo: previousDay(input.effectiveDate) }, { transaction });
      effects.staff = await handleStaff(unit.id, event.staffAction!, successors[0]?.id ?? null, transaction);
      effects.successors = successors.map((s) => s.name);
    }
    await audit(
      actor,
      { action: `event.${input.kind}`, entityType: 'unit', entityId: unitId, unitId, before: { name: before.name }, after: { ...eventSnapshot(event), ...effects } },
      transaction,
    );
    return event.id;
  });
}

/** Staff of an ended unit: moved to its first successor, or their accounts disabled. Returns how many. */
async function handleStaff(unitId: number, action: StaffAction, successorId: number | null, transaction: Transaction): Promise<number> {
  const where = { unitId, role: 'center' as const, disabledAt: null };
  const changes = action === 'move' && successorId ? { unitId: successorId } : { disabledAt: new Date() };
  const [count] = await User.update(changes, { where, transaction });
  return count;
}

/** The units row mirrors the unit's latest name row, so lists and forms show the name it has now. */
async function syncUnitRow(unit: Unit, transaction: Transaction): Promise<void> {
  const latest = await UnitName.findOne({ where: { unitId: unit.id }, order: [['validFrom', 'DESC']], transaction });
  if (!latest) return;
  await unit.update(
    {
      kind: latest.kind,
      name: latest.name,
      shortName: latest.shortName,
      parentBody: latest.parentBody,
      headerName: latest.headerName,
      symbol: latest.symbol,
      place: latest.place,
    },
    { transaction },
  );
}

function eventSnapshot(e: UnitEvent): Record<string, unknown> {
  return {
    kind: e.kind,
    effectiveDate: e.effectiveDate,
    decisionNumber: e.decisionNumber,
    newName: e.newName,
    newKind: e.newKind,
    newParentBody: e.newParentBody,
    newHeaderName: e.newHeaderName,
    newSymbol: e.newSymbol,
    staffAction: e.staffAction,
    note: e.note,
  };
}

// ---- Correcting an event before anything depends on it.

/**
 * What already depends on an event, as a message key, or null when it may still be corrected: a later event
 * of the unit or of one of its successors, or a certificate issued under the name it introduced.
 */
export async function dependencyOf(event: UnitEvent, transaction?: Transaction): Promise<string | null> {
  const later = await UnitEvent.findOne({ where: { unitId: event.unitId, id: { [Op.ne]: event.id }, effectiveDate: { [Op.gte]: event.effectiveDate } }, transaction });
  if (later) return 'units.errors.dependsLaterEvent';
  const successorIds = (await UnitEventSuccessor.findAll({ where: { eventId: event.id }, transaction })).map((s) => s.successorUnitId);
  if (successorIds.length) {
    const successorLater = await UnitEvent.findOne({ where: { unitId: { [Op.in]: successorIds }, effectiveDate: { [Op.gt]: event.effectiveDate } }, transaction });
    if (successorLater) return 'units.errors.dependsSuccessorEvent';
  }
  if (NAME_KINDS.has(event.kind)) {
    const issued = await Certificate.findOne({ where: { unitId: event.unitId, issuedOn: { [Op.gte]: event.effectiveDate } }, transaction });
    if (issued) return 'units.errors.dependsCertificate';
  }
  return null;
}

export interface UnitEventCorrection {
  lockVersion: number;
  effectiveDate: string;
  decisionNumber: string;
  note?: string | null;
}

async function lockEvent(actor: Actor, unitId: number, eventId: number, transaction: Transaction): Promise<{ event: UnitEvent; unit: Unit }> {
  requireBoard(actor);
  const event = await UnitEvent.findOne({ where: { id: eventId, unitId }, ...forUpdate(transaction) });
  const unit = event ? await Unit.findByPk(unitId, forUpdate(transaction)) : null;
  if (!event || !unit || event.kind === 'establish') throw new AppError('not_found', 'common.errors.notFound');
  const dependency = await dependencyOf(event, transaction);
  if (dependency) throw new AppError('conflict', dependency);
  return { event, unit };
}

/** A wrong decision number or date, corrected; the name row or the unit's end moves with the date. */
export async function correctUnitEvent(actor: Actor, unitId: number, eventId: number, input: UnitEventCorrection): Promise<void> {
  await inTransaction(sequelize(), async (transaction) => {
    const { event, unit } = await lockEvent(actor, unitId, eventId, transaction);
    if (input.effectiveDate <= unit.validFrom) throw fieldError('effectiveDate', 'units.errors.beforeStart');
    const previous = await UnitEvent.findOne({ where: { unitId, id: { [Op.ne]: event.id }, effectiveDate: { [Op.gte]: input.effectiveDate } }, transaction });
    if (previous) throw fieldError('effectiveDate', 'units.errors.notAfterLast');
    const before = eventSnapshot(event);
    const from = event.effectiveDate;
    await updateVersioned(UnitEvent, event.id, input.lockVersion, { effectiveDate: input.effectiveDate, decisionNumber: input.decisionNumber, note: input.note ?? null }, { transaction });
    if (NAME_KINDS.has(event.kind)) await UnitName.update({ validFrom: input.effectiveDate }, { where: { unitId, validFrom: from }, transaction });
    if (ENDING_KINDS.has(event.kind)) await unit.update({ validTo: previousDay(input.effectiveDate) }, { transaction });
    const after = { ...before, effectiveDate: input.effectiveDate, decisionNumber: input.decisionNumber, note: input.note ?? null };
    await audit(actor, { action: 'event.correct', entityType: 'unit', entityId: unitId, unitId, before, after }, transaction);
  });
}

/** An event recorded by mistake, withdrawn: the unit exists again under its earlier name. Staff stay where they are. */
export async function withdrawUnitEvent(actor: Actor, unitId: number, eventId: number, lockVersion: number): Promise<void> {
  await inTransaction(sequelize(), async (transaction) => {
    const { event, unit } = await lockEvent(actor, unitId, eventId, transaction);
    if (event.lockVersion !== lockVersion) throw new AppError('conflict', 'common.errors.stale');
    const before = eventSnapshot(event);
    if (NAME_KINDS.has(event.kind)) {
      await UnitName.destroy({ where: { unitId, validFrom: event.effectiveDate }, transaction });
      await syncUnitRow(unit, transaction);
    }
    if (ENDING_KINDS.has(event.kind)) {
      await UnitEventSuccessor.destroy({ where: { eventId: event.id }, transaction });
      await unit.update({ validTo: null }, { transaction });
    }
    await event.destroy({ transaction });
    await audit(actor, { action: 'event.withdraw', entityType: 'unit', entityId: unitId, unitId, before, after: null }, transaction);
  });
}
