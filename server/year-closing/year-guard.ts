// The one guard of a closed year (khóa sổ). A course belongs to the year of its start date, as reports count it;
// every write that moves a figure of that year (a course, its enrollments, their results) asks here first. Only an
// approved correction gets through, and only for its own unit and year, inside its own transaction.
import { Op, type Transaction } from 'sequelize';
import { YearClosing } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { formatDate } from '../lib/format.js';
import { unitAsOf } from '../units/index.js';

export interface ClosedYear {
  year: number;
  closingId: number;
  /** null: the whole province's year was closed. */
  unitId: number | null;
  closedAt: Date;
  decision: string;
}

const yearOf = (dateOrYear: string | number) => (typeof dateOrYear === 'number' ? dateOrYear : Number(dateOrYear.slice(0, 4)));

/** The closing that holds a unit's year, its own or the province's (the earlier one when both do), or null. */
export async function closedYear(unitId: number, dateOrYear: string | number, transaction?: Transaction): Promise<ClosedYear | null> {
  const year = yearOf(dateOrYear);
  const closing = await YearClosing.findOne({
    where: { year, reopenedAt: null, [Op.or]: [{ unitId }, { unitId: null }] },
    order: [['closedAt', 'ASC'], ['id', 'ASC']],
    transaction,
  });
  if (!closing) return null;
  return { year, closingId: closing.id, unitId: closing.unitId, closedAt: closing.closedAt, decision: closing.decision };
}

// The approved correction being applied in a transaction: the guard lets exactly that unit and year through.
const allowances = new WeakMap<Transaction, { unitId: number; year: number }>();

/** Runs `work` with the guard lifted for one unit's year, in this transaction only (corrections.ts applies a change). */
export async function withCorrectionAllowance<R>(transaction: Transaction, allowance: { unitId: number; year: number }, work: () => Promise<R>): Promise<R> {
  allowances.set(transaction, allowance);
  try {
    return await work();
  } finally {
    allowances.delete(transaction);
  }
}

/** Why a write to this unit's year is refused now (a message key and its parameters), or null. */
export async function yearClosedReason(unitId: number, dateOrYear: string | number, transaction?: Transaction): Promise<{ key: string; params: Record<string, string | number> } | null> {
  const year = yearOf(dateOrYear);
  const allowed = transaction ? allowances.get(transaction) : undefined;
  if (allowed && allowed.unitId === unitId && allowed.year === year) return null;
  const closed = await closedYear(unitId, year, transaction);
  if (!closed) return null;
  const unit = await unitAsOf(unitId, `${year}-12-31`, transaction);
  return { key: 'yearClosing.errors.closed', params: { year, unit: unit.name, date: formatDate(closed.closedAt) } };
}

/**
 * Refuses a write into a closed year: "Năm 2024 của Trung tâm Chính trị huyện Văn Lâm đã khóa sổ ngày 15/01/2025;
 * mọi thay đổi phải qua đề nghị điều chỉnh được Ban Tuyên giáo duyệt." With a `field` the message also stands next
 * to that form field (422); without one the record itself is closed (409). `dateOrYear`: the course's start date.
 */
export async function assertYearOpen(unitId: number, dateOrYear: string | number, field: string | null, transaction?: Transaction): Promise<void> {
  const reason = await yearClosedReason(unitId, dateOrYear, transaction);
  if (!reason) return;
  if (field === null) throw new AppError('conflict', reason.key, { params: reason.params });
  throw new AppError('invalid', reason.key, { params: reason.params, fields: { [field]: reason.key } });
}
