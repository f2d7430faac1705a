// A unit's page reads its history here: the events with their successors and whether each can still be
// corrected, and the units whose records it took over.
import { Op } from 'sequelize';
import { Unit, UnitEvent, UnitEventSuccessor } from '../db/models.js';
import { dependencyOf } from './unit-events.service.js';
import { loadSuccession, predecessorsOf } from './unit-history.js';
import { ENDING_KINDS } from './unit.model.js';

export interface UnitEventRow {
  id: number;
  kind: string;
  effectiveDate: string;
  decisionNumber: string;
  oldName: string | null;
  newName: string | null;
  /** Header lines or kind the event changed, as "old → new" is shown beside the name. */
  newParentBody: string | null;
  newHeaderName: string | null;
  newSymbol: string | null;
  newKind: string | null;
  successors: Array<{ id: number; code: string; name: string }>;
  staffAction: string | null;
  ending: boolean;
  note: string | null;
  lockVersion: number;
  /** Why it can no longer be corrected (a message key), or null. */
  lockedBy: string | null;
}

export async function unitEvents(unitId: number): Promise<UnitEventRow[]> {
  const events = await UnitEvent.findAll({
    where: { unitId },
    include: [{ model: UnitEventSuccessor, as: 'successors', include: [{ model: Unit, as: 'unit', attributes: ['id', 'code', 'name'] }] }],
    order: [['effectiveDate', 'DESC'], ['id', 'DESC']],
  });
  return Promise.all(
    events.map(async (e) => {
      const successors = ((e as UnitEvent & { successors?: Array<UnitEventSuccessor & { unit?: Unit }> }).successors ?? [])
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ id: s.successorUnitId, code: s.unit?.code ?? '', name: s.unit?.name ?? '' }));
      return {
        id: e.id,
        kind: e.kind,
        effectiveDate: e.effectiveDate,
        decisionNumber: e.decisionNumber,
        oldName: e.oldName,
        newName: e.newName,
        newParentBody: e.newParentBody ?? null,
        newHeaderName: e.newHeaderName ?? null,
        newSymbol: e.newSymbol ?? null,
        newKind: e.newKind ?? null,
        successors,
        staffAction: e.staffAction ?? null,
        ending: ENDING_KINDS.has(e.kind),
        note: e.note ?? null,
        lockVersion: e.lockVersion,
        lockedBy: e.kind === 'establish' ? 'units.errors.establishFixed' : await dependencyOf(e),
      };
    }),
  );
}

/** The units whose records this one took over, with their names, for the unit's page. */
export async function predecessorUnits(unitId: number): Promise<Array<{ id: number; code: string; name: string; validTo: string | null }>> {
  const ids = predecessorsOf(await loadSuccession(), unitId);
  if (!ids.length) return [];
  const units = await Unit.findAll({ where: { id: { [Op.in]: ids } }, order: [['sortOrder', 'ASC']] });
  return units.map((u) => ({ id: u.id, code: u.code, name: u.name, validTo: u.validTo ?? null }));
}
