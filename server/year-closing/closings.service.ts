// Khóa sổ: the board closes one unit's year, or the whole province's (one row, unit null, that covers every unit —
// those without a course yet and any course later dated into that year), after the annual report. A closing can be
// reopened by the board with a reason; the row stays, so the history of closings and reopenings is kept.
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { scopeUnitIds, unitScopeSql } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { Course, Plan, Unit, User, YearClosing } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';

const sequelize = () => YearClosing.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');
/** How many past years the overview shows. */
const OVERVIEW_YEARS = 8;

export const activeKey = (unitId: number | null, year: number) => `${year}:${unitId ?? '*'}`;

function onlyBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'yearClosing.errors.onlyBoard');
}

export interface ClosingRow {
  id: number;
  year: number;
  unitId: number | null;
  /** null: the whole province. */
  unitName: string | null;
  decision: string;
  closedAt: Date;
  closedByName: string | null;
  reopenedAt: Date | null;
  reopenedByName: string | null;
  reopenReason: string | null;
  active: boolean;
  lockVersion: number;
}

type ClosingWithRefs = YearClosing & { unit?: Unit | null; closer?: User | null; reopener?: User | null };

const include = [
  { model: Unit, as: 'unit', attributes: ['id', 'name'], required: false },
  { model: User, as: 'closer', attributes: ['id', 'fullName'], required: false },
  { model: User, as: 'reopener', attributes: ['id', 'fullName'], required: false },
];

function toRow(c: ClosingWithRefs): ClosingRow {
  return {
    id: c.id,
    year: c.year,
    unitId: c.unitId,
    unitName: c.unit?.name ?? null,
    decision: c.decision,
    closedAt: c.closedAt,
    closedByName: c.closer?.fullName ?? null,
    reopenedAt: c.reopenedAt ?? null,
    reopenedByName: c.reopener?.fullName ?? null,
    reopenReason: c.reopenReason ?? null,
    active: c.reopenedAt === null || c.reopenedAt === undefined,
    lockVersion: c.lockVersion,
  };
}

/** Every closing and reopening the actor may see (a center: the province's and its own units'), newest year first. */
export async function listClosings(actor: Actor): Promise<ClosingRow[]> {
  const where = actor.role === 'admin' ? {} : { [Op.or]: [{ unitId: null }, { unitId: scopeUnitIds(actor) }] };
  const rows = (await YearClosing.findAll({ where, include, order: [['year', 'DESC'], ['closedAt', 'DESC'], ['id', 'DESC']] })) as ClosingWithRefs[];
  return rows.map(toRow);
}

export interface OverviewCell {
  year: number;
  /** The unit existed in that year. */
  existed: boolean;
  /** Courses (not cancelled) starting that year. */
  courses: number;
  closed: { closingId: number; closedAt: Date; province: boolean } | null;
}

export interface OverviewRow {
  unitId: number;
  unitName: string;
  cells: OverviewCell[];
}

export interface Overview {
  years: number[];
  units: OverviewRow[];
  /** Years the board may close now: those already over. */
  closableYears: number[];
  /** Units a closing may name: every unit that runs courses, ceased ones included (their past years close too). */
  unitChoices: Array<{ id: number; name: string }>;
}

const existedIn = (u: Unit, year: number) => u.validFrom <= `${year}-12-31` && (!u.validTo || u.validTo >= `${year}-01-01`);

/** Units × years: whether each unit's year is closed (by its own closing or the province's), with its course count. */
export async function closingOverview(actor: Actor): Promise<Overview> {
  const current = Number(todayInVietnam().slice(0, 4));
  const scope = actor.role === 'admin' ? {} : { id: scopeUnitIds(actor) };
  const [units, firstCourse, firstPlan] = await Promise.all([
    Unit.findAll({ where: { ...scope, kind: { [Op.ne]: 'board' } }, order: [['sortOrder', 'ASC'], ['id', 'ASC']] }),
    Course.min('startDate') as Promise<string | null>,
    Plan.min('year') as Promise<number | null>,
  ]);
  const first = Math.min(firstCourse ? Number(String(firstCourse).slice(0, 4)) : current, firstPlan ? Number(firstPlan) : current);
  const years: number[] = [];
  for (let y = current; y >= Math.max(first, current - OVERVIEW_YEARS + 1); y--) years.push(y);

  const closings = await YearClosing.findAll({ where: { reopenedAt: null, year: years } });
  const counts = new Map<string, number>();
  const scoped = unitScopeSql(actor, 'unit_id');
  for (const year of years) {
    const rows = await sequelize().query<{ unitId: number; n: number }>(
      `SELECT unit_id AS "unitId", COUNT(*) AS "n" FROM courses
        WHERE start_date BETWEEN :from AND :to AND status <> 'cancelled'${scoped.sql} GROUP BY unit_id`,
      { replacements: { from: `${year}-01-01`, to: `${year}-12-31`, ...scoped.replacements }, type: QueryTypes.SELECT },
    );
    for (const r of rows) counts.set(`${r.unitId}:${year}`, Number(r.n));
  }
  const shown = units.filter((u) => years.some((y) => existedIn(u, y)));
  return {
    years,
    units: shown.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      cells: years.map((year) => {
        const own = closings.find((c) => c.year === year && c.unitId === u.id);
        const province = closings.find((c) => c.year === year && c.unitId === null);
        const holding = [own, province].filter((c): c is YearClosing => Boolean(c)).sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime())[0];
        return {
          year,
          existed: existedIn(u, year),
          courses: counts.get(`${u.id}:${year}`) ?? 0,
          closed: holding ? { closingId: holding.id, closedAt: holding.closedAt, province: holding.unitId === null } : null,
        };
      }),
    })),
    closableYears: years.filter((y) => y < current),
    unitChoices: actor.role === 'admin' ? units.map((u) => ({ id: u.id, name: u.name })) : [],
  };
}

export interface CloseInput {
  /** null: every unit (the whole province). */
  unitId: number | null;
  year: number;
  decision: string;
}

async function assertClosable(input: CloseInput, transaction: Transaction): Promise<void> {
  if (input.year >= Number(todayInVietnam().slice(0, 4))) {
    throw new AppError('invalid', 'common.errors.invalid', { fields: { year: 'yearClosing.errors.notEnded' }, params: { year: input.year } });
  }
  if (input.unitId !== null) {
    const unit = await Unit.findByPk(input.unitId, { transaction });
    if (!unit || unit.kind === 'board') throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'yearClosing.errors.unknownUnit' } });
    if (!existedIn(unit, input.year)) {
      throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'yearClosing.errors.unitNotInYear' }, params: { year: input.year } });
    }
  }
  const units = input.unitId === null ? [{ unitId: null }] : [{ unitId: null }, { unitId: input.unitId }];
  const holding = await YearClosing.findAll({ where: { year: input.year, reopenedAt: null, [Op.or]: units }, transaction });
  if (holding.some((c) => c.unitId === null)) throw new AppError('conflict', 'yearClosing.errors.provinceClosed', { params: { year: input.year } });
  if (holding.length > 0) throw new AppError('conflict', 'yearClosing.errors.alreadyClosed', { params: { year: input.year } });
}

export async function closeYear(actor: Actor, input: CloseInput): Promise<ClosingRow> {
  onlyBoard(actor);
  const id = await inTransaction(sequelize(), async (transaction) => {
    await assertClosable(input, transaction);
    // The unique active_key refuses a second closing made at the same moment.
    const closing = await YearClosing.create(
      { unitId: input.unitId, year: input.year, decision: input.decision, closedAt: new Date(), closedBy: actor.id, activeKey: activeKey(input.unitId, input.year) },
      { transaction },
    );
    await audit(
      actor,
      { action: 'close', entityType: 'year_closing', entityId: closing.id, unitId: input.unitId, after: { year: input.year, unitId: input.unitId, province: input.unitId === null, decision: input.decision } },
      transaction,
    );
    return closing.id;
  });
  return getClosing(actor, id);
}

export async function getClosing(actor: Actor, id: number): Promise<ClosingRow> {
  const closing = (await YearClosing.findByPk(id, { include })) as ClosingWithRefs | null;
  if (!closing) throw notFound();
  if (actor.role !== 'admin' && closing.unitId !== null && !scopeUnitIds(actor).includes(closing.unitId)) throw notFound();
  return toRow(closing);
}

/** Mở lại sổ: the board lifts a closing, with a reason; the closing stays in the history, marked reopened. */
export async function reopenYear(actor: Actor, id: number, lockVersion: number, reason: string): Promise<ClosingRow> {
  onlyBoard(actor);
  await inTransaction(sequelize(), async (transaction) => {
    const closing = await YearClosing.findByPk(id, forUpdate(transaction));
    if (!closing) throw notFound();
    if (closing.reopenedAt) throw new AppError('conflict', 'yearClosing.errors.alreadyReopened');
    if (closing.lockVersion !== lockVersion) throw new AppError('conflict', 'common.errors.stale');
    const reopenedAt = new Date();
    await closing.update({ reopenedAt, reopenedBy: actor.id, reopenReason: reason, activeKey: null, lockVersion: closing.lockVersion + 1 }, { transaction });
    await audit(
      actor,
      { action: 'reopen', entityType: 'year_closing', entityId: id, unitId: closing.unitId, before: { year: closing.year, active: true }, after: { active: false, reopenReason: reason } },
      transaction,
    );
  });
  return getClosing(actor, id);
}
