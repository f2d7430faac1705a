// Reading urgings and acknowledging them. The board reads every urging, with each unit's figures at issue
// beside its figures now; a unit's staff read only the urgings addressed to their unit (scope.ts) and
// acknowledge only their own unit's row. Another unit's urging is not found.
import { Op } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScope } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { IssuedReport, Unit, Urging, UrgingRecipient, User } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { progressDetail } from '../reports/index.js';

export interface UrgingSummary {
  id: number;
  symbol: string;
  issuedOn: string;
  subject: string;
  year: number;
  asOf: string;
  deadline: string;
  recipients: number;
  acknowledged: number;
}

export interface RecipientView {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  plannedTrainees: number | null;
  enrolled: number;
  fulfillment: number | null;
  pace: number | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  note: string | null;
  /** The board's page only: the unit's year-to-date figures now, from the progress report. */
  now?: { fulfillment: number | null; pace: number | null; lagging: boolean } | null;
}

export interface UrgingView extends UrgingSummary {
  units: RecipientView[];
}

const paperAttrs = ['id', 'symbol', 'issuedOn', 'subject'];

/** The board's list, newest first. */
export async function listUrgings(actor: Actor): Promise<UrgingSummary[]> {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'urgings.errors.boardOnly');
  const rows = await Urging.findAll({
    include: [
      { model: IssuedReport, as: 'paper', attributes: paperAttrs },
      { model: UrgingRecipient, as: 'recipients', attributes: ['id', 'acknowledgedAt'] },
    ],
    order: [['id', 'DESC']],
  });
  return rows.map((u) => summary(u));
}

type Loaded = Urging & { paper?: IssuedReport; recipients?: UrgingRecipient[] };

function summary(row: Urging): UrgingSummary {
  const u = row as Loaded;
  const recipients = u.recipients ?? [];
  return {
    id: u.id,
    symbol: u.paper!.symbol,
    issuedOn: u.paper!.issuedOn,
    subject: u.paper!.subject,
    year: u.year,
    asOf: u.asOf,
    deadline: u.deadline,
    recipients: recipients.length,
    acknowledged: recipients.filter((r) => r.acknowledgedAt !== null).length,
  };
}

/** One urging as the actor may see it: the board, every unit with its figures now; a unit, its own row only. */
export async function getUrging(actor: Actor, id: number): Promise<UrgingView> {
  const where = actor.role === 'admin' ? {} : unitScope(actor, 'unitId');
  const row = (await Urging.findByPk(id, {
    include: [
      { model: IssuedReport, as: 'paper', attributes: paperAttrs },
      {
        model: UrgingRecipient,
        as: 'recipients',
        where,
        required: actor.role !== 'admin',
        include: [
          { model: Unit, as: 'unit', attributes: ['id', 'code', 'name'] },
          { model: User, as: 'acknowledger', attributes: ['id', 'fullName'] },
        ],
      },
    ],
    order: [[{ model: UrgingRecipient, as: 'recipients' }, 'id', 'ASC']],
  })) as Loaded | null;
  if (!row) throw new AppError('not_found', 'common.errors.notFound');
  const units = (row.recipients ?? []).map((r) => {
    const rr = r as UrgingRecipient & { unit?: Unit; acknowledger?: User };
    return {
      id: r.id,
      unitId: r.unitId,
      unitCode: rr.unit?.code ?? '',
      unitName: rr.unit?.name ?? '',
      plannedTrainees: r.plannedTrainees,
      enrolled: r.enrolled,
      fulfillment: r.fulfillment,
      pace: r.pace,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedByName: rr.acknowledger?.fullName ?? null,
      note: r.note,
    } as RecipientView;
  });
  if (actor.role === 'admin') await addFiguresNow(actor, row.year, units);
  return { ...summary(row), units };
}

/** "Since caught up?": each unit's year-to-date fulfilment against its pace as of today (capped at 31/12). */
async function addFiguresNow(actor: Actor, year: number, units: RecipientView[]): Promise<void> {
  const today = todayInVietnam();
  const asOf = today > `${year}-12-31` ? `${year}-12-31` : today;
  if (asOf < `${year}-01-01`) return;
  const detail = await progressDetail(actor, { year, asOf, period: 'year' });
  for (const u of units) {
    const row = detail.report.units.find((r) => r.unitCode === u.unitCode);
    u.now = row ? { fulfillment: row.traineeFulfillment, pace: row.expectedPace, lagging: row.lagging } : null;
  }
}

/** The stored bytes of the dispatch, for anyone the urging is addressed to (and the board). */
export async function urgingPdf(actor: Actor, id: number): Promise<{ pdf: Buffer; symbol: string }> {
  await getUrging(actor, id);
  const urging = await Urging.findByPk(id, { attributes: ['issuedReportId'] });
  const stored = urging ? await IssuedReport.findByPk(urging.issuedReportId, { attributes: ['pdf', 'symbol'] }) : null;
  if (!stored) throw new AppError('not_found', 'common.errors.notFound');
  return { pdf: Buffer.from(stored.pdf), symbol: stored.symbol };
}

/** The urgings addressed to the actor's unit; `pending`: those not acknowledged yet (the home page). */
export async function unitUrgings(actor: Actor, options: { pending?: boolean } = {}): Promise<Array<UrgingSummary & { recipientId: number; acknowledgedAt: Date | null; note: string | null }>> {
  if (actor.role !== 'center') return [];
  const rows = await UrgingRecipient.findAll({
    where: { ...unitScope(actor, 'unitId'), ...(options.pending ? { acknowledgedAt: { [Op.is]: null } } : {}) },
    include: [{ model: Urging, as: 'urging', include: [{ model: IssuedReport, as: 'paper', attributes: paperAttrs }] }],
    order: [['id', 'DESC']],
  });
  return rows.map((r) => {
    const urging = (r as UrgingRecipient & { urging: Urging }).urging;
    return { ...summary(urging), recipients: 1, acknowledged: r.acknowledgedAt ? 1 : 0, recipientId: r.id, acknowledgedAt: r.acknowledgedAt, note: r.note };
  });
}

/** "Đã nhận": the unit's staff acknowledge their unit's row, once, with an optional note. */
export async function acknowledge(actor: Actor, urgingId: number, note: string | undefined): Promise<void> {
  if (actor.role !== 'center') throw new AppError('forbidden', 'urgings.errors.unitOnly');
  await inTransaction(UrgingRecipient.sequelize!, async (transaction) => {
    const row = await UrgingRecipient.findOne({ where: { urgingId, ...unitScope(actor, 'unitId') }, transaction });
    if (!row) throw new AppError('not_found', 'common.errors.notFound');
    if (row.acknowledgedAt) throw new AppError('conflict', 'urgings.errors.alreadyAcknowledged');
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    await row.update({ acknowledgedAt: at, acknowledgedBy: actor.id, note: note ?? null }, { transaction });
    await audit(actor, { action: 'acknowledge', entityType: 'urging_recipient', entityId: row.id, unitId: row.unitId, after: { urgingId, acknowledgedAt: at.toISOString(), note: note ?? null } }, transaction);
  });
}
