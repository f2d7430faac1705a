// Browsing the audit log: the board sees every entry; a unit's staff see the entries of their own unit
// (audit_logs.unit_id), never another unit's. Newest first, filtered and paged in the database.
import { Op, type WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScope } from '../auth/scope.js';
import { AuditLog, Unit } from '../db/models.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import type { Locale } from '../i18n/index.js';
import { describeEntries, type ShownChange } from './audit-format.js';

export interface AuditFilter {
  entityType?: string;
  entityId?: number;
  action?: string;
  username?: string;
  /** Ignored for a unit's staff: they always see their own unit. */
  unitId?: number;
  /** Calendar days in Vietnam, 'YYYY-MM-DD', both included. */
  from?: string;
  to?: string;
}

export interface AuditLogRow {
  id: number;
  at: Date;
  userId: number | null;
  username: string | null;
  /** The account's person and username ("Nguyễn Văn An (vanan)"), or the username as logged. */
  who: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  /** The record's page, when it has one the reader may open. */
  entityUrl: string | null;
  /** The record's name: a course's, a person's, a unit's as of the entry's day. */
  recordName: string | null;
  changes: ShownChange[];
  requestId: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

const RECORD_PAGES: Record<string, (id: number) => string> = {
  certificate: (id) => `/certificates/${id}`,
  course: (id) => `/courses/${id}`,
  enrollment: (id) => `/enrollments/${id}`,
  trainee: (id) => `/trainees/${id}`,
  plan: (id) => `/plans/${id}`,
  unit: (id) => `/units/${id}`,
  issued_report: (id) => `/issued-reports/${id}`,
  year_correction: (id) => `/year-corrections/${id}`,
};

function recordUrl(actor: Actor, entityType: string, entityId: number | null): string | null {
  if (entityId === null) return null;
  if (entityType === 'user') return actor.role === 'admin' ? `/users/${entityId}` : null;
  return RECORD_PAGES[entityType]?.(entityId) ?? null;
}

/** Start of a Vietnamese calendar day (UTC+7, no daylight saving) as an instant. */
const vietnamDayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDay = (day: string) => new Date(vietnamDayStart(day).getTime() + 24 * 60 * 60 * 1000);

/** The log's `where` for a reader and a filter: the reader's scope first (a unit's staff always see their unit). */
export function auditWhere(actor: Actor, filter: AuditFilter): WhereOptions<AuditLog> {
  const scope = unitScope(actor);
  const where: Record<string | symbol, unknown> = {};
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.action) where.action = filter.action;
  if (filter.username) where.username = filter.username.trim().toLowerCase();
  if (filter.unitId) where.unitId = filter.unitId;
  Object.assign(where, scope);
  const range: Record<symbol, Date> = {};
  if (filter.from) range[Op.gte] = vietnamDayStart(filter.from);
  if (filter.to) range[Op.lt] = nextDay(filter.to);
  if (filter.from || filter.to) where.createdAt = range;
  return where as WhereOptions<AuditLog>;
}

export async function browseAuditLog(actor: Actor, filter: AuditFilter, page = 1, locale: Locale = 'vi'): Promise<{ rows: AuditLogRow[]; pager: PageInfo }> {
  const where = auditWhere(actor, filter);
  const { limit, offset } = pageWindow(page, AUDIT_PAGE_SIZE);
  const { rows, count } = await AuditLog.findAndCountAll({
    where,
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit,
    offset,
  });
  const shown = await describeEntries(locale, rows.map((row) => ({ ...row.get({ plain: true }), at: row.createdAt })));
  return {
    rows: rows.map((row, i) => ({
      id: row.id,
      at: row.createdAt,
      userId: row.userId,
      username: row.username,
      who: shown[i]!.who,
      unitId: row.unitId,
      unitName: shown[i]!.unitName,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      entityUrl: recordUrl(actor, row.entityType, row.entityId),
      recordName: shown[i]!.recordName,
      changes: shown[i]!.changes,
      requestId: row.requestId,
    })),
    pager: pageInfo(count, page, AUDIT_PAGE_SIZE),
  };
}

/** The choices of the filter form: the record types and actions that occur in the reader's part of the log. */
export async function auditFilterOptions(actor: Actor): Promise<{ entityTypes: string[]; actions: string[]; units: Array<{ id: number; name: string }> }> {
  const scope = unitScope(actor);
  const distinct = async (column: 'entityType' | 'action') =>
    (await AuditLog.findAll({ attributes: [column], where: scope, group: [column], order: [[column, 'ASC']], raw: true })).map(
      (r) => (r as unknown as Record<string, string>)[column]!,
    );
  const [entityTypes, actions, units] = await Promise.all([
    distinct('entityType'),
    distinct('action'),
    actor.role === 'admin' ? Unit.findAll({ attributes: ['id', 'name'], order: [['sortOrder', 'ASC']] }) : Promise.resolve([]),
  ]);
  return { entityTypes, actions, units: units.map((u) => ({ id: u.id, name: u.name })) };
}
