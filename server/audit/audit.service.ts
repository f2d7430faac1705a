// The audit log: who did what, when, to which record, with the values before and after. Written in the
// same transaction as the change, so a change and its record stand or fall together.
import type { CreationAttributes, Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { AuditLog } from '../db/models.js';
import type { Locale } from '../i18n/index.js';
import { maskNationalId } from '../lib/text.js';
import { describeEntries, type ShownChange } from './audit-format.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number | null;
  unitId: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const DROPPED = new Set(['passwordHash', 'tokenHash', 'searchName', 'createdAt', 'updatedAt']);

/** Personal data is kept out of the log's snapshots: IDs masked, birth dates reduced to the year. */
export function snapshot(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (DROPPED.has(key) || value === undefined) continue;
    if (key === 'nationalId') out[key] = maskNationalId(value as string | null);
    else if (key === 'birthDate' && typeof value === 'string') out[key] = `${value.slice(0, 4)}-**-**`;
    else out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Only the fields that changed, for an update's before/after pair. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** The row `audit` writes, for code that inserts many at once (an import of thousands of rows). */
export function auditRow(actor: Actor | null, entry: AuditEntry): CreationAttributes<AuditLog> {
  const before = snapshot(entry.before);
  const after = snapshot(entry.after);
  return {
    userId: actor?.id ?? null,
    username: actor?.username ?? null,
    unitId: entry.unitId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    beforeData: before ? JSON.stringify(before) : null,
    afterData: after ? JSON.stringify(after) : null,
    requestId: actor?.requestId ?? null,
  };
}

export async function audit(actor: Actor | null, entry: AuditEntry, transaction?: Transaction): Promise<void> {
  await AuditLog.create(auditRow(actor, entry), { transaction });
}

export interface HistoryRow {
  id: number;
  at: Date;
  username: string | null;
  /** The account's person and username, or the username as logged. */
  who: string | null;
  action: string;
  changes: ShownChange[];
}

/**
 * A record's history for its page, newest first, in the reader's language (audit-format.ts). The caller has
 * already checked that the actor may see the record itself; the history shows nothing the record page does not.
 */
export async function historyOf(entityType: string, entityId: number, locale: Locale = 'vi', limit = 50): Promise<HistoryRow[]> {
  const rows = await AuditLog.findAll({ where: { entityType, entityId }, order: [['id', 'DESC']], limit });
  const shown = await describeEntries(locale, rows.map((row) => ({ ...row.get({ plain: true }), at: row.createdAt })));
  return rows.map((row, i) => ({ id: row.id, at: row.createdAt, username: row.username, who: shown[i]!.who, action: row.action, changes: shown[i]!.changes }));
}
