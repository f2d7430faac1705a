// How an audit entry reads on a page: every field under a label in the reader's language, every value as its
// own page shows it (statuses and grades by their labels, shares as percentages, dates dd/mm/yyyy in Vietnam
// time, plan targets as "NTVD (Nhận thức về Đảng): 6 lớp / 480 học viên"), ids as the names of their records,
// and personal data never: a citizen ID, a birth date, a password or token hash in a payload reads "đã thay
// đổi". A field the table below does not know still shows, under a label made from its name.
import { hasMessage, t, type Locale } from '../i18n/index.js';
import { formatDate, formatDateTime, formatNumber, formatPercent, todayInVietnam } from '../lib/format.js';
import { lookUpNames, nameRequests, type NameRequests, type Names, type RefKind } from './audit-names.js';

type ValueKind =
  | 'text'
  | 'number'
  | 'score'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'bool'
  | 'hidden'
  | 'target'
  | { labels: string }
  | { ref: RefKind }
  | { count: 'enrollments' | 'accounts' | 'corrections' };

/** Personal data: never shown, whatever the entity (audit.service's snapshot() masks most of it on the way in). */
const HIDDEN = new Set(['nationalId', 'birthDate', 'passwordHash', 'password', 'tokenHash', 'token', 'codeHash', 'code', 'verifyCode', 'secret']);

/** Fields that mean the same wherever they occur. */
const COMMON: Record<string, ValueKind> = {
  unitId: { ref: 'unit' },
  courseId: { ref: 'course' },
  traineeId: { ref: 'trainee' },
  enrollmentId: { ref: 'enrollment' },
  programId: { ref: 'program' },
  replacesId: { ref: 'certificate' },
  submittedBy: { ref: 'user' },
  decidedBy: { ref: 'user' },
  resolvedBy: { ref: 'user' },
  acknowledgedBy: { ref: 'user' },
  issuedBy: { ref: 'user' },
  startDate: 'date',
  endDate: 'date',
  issuedOn: 'date',
  validFrom: 'date',
  validTo: 'date',
  effectiveDate: 'date',
  asOf: 'date',
  deadline: 'date',
  partyJoinedOn: 'date',
  partyOfficialOn: 'date',
  expiresAt: 'date',
  revokedAt: 'datetime',
  submittedAt: 'datetime',
  decidedAt: 'datetime',
  acknowledgedAt: 'datetime',
  withdrawnAt: 'datetime',
  attendance: 'percent',
  score: 'score',
  grade: { labels: 'common.grades' },
  gender: { labels: 'common.gender' },
  partyStatus: { labels: 'common.partyStatus' },
  kind: { labels: 'common.unitKinds' },
  role: { labels: 'common.roles' },
  capacity: 'number',
  activated: 'bool',
  reissued: 'bool',
  province: 'bool',
  active: 'bool',
};

/** What a field holds on one kind of record, where it differs from COMMON (a status is each record's own). */
const BY_ENTITY: Record<string, Record<string, ValueKind>> = {
  course: { status: { labels: 'common.courseStatus' }, kind: { labels: 'audit.values.importKinds' } },
  enrollment: { status: { labels: 'common.enrollmentStatus' } },
  plan: { status: { labels: 'common.planStatus' } },
  certificate: { status: { labels: 'common.certificateStatus' } },
  correction_request: { status: { labels: 'portal.statuses' } },
  year_correction: { status: { labels: 'yearClosing.corrections.statuses' } },
  // A merge of two records of one person and its undo (server/trainees/merge*.service.ts): which record, and
  // how many rows of each kind moved between them.
  trainee: {
    duplicateId: { ref: 'trainee' },
    mergedIntoId: { ref: 'trainee' },
    mergedFrom: { ref: 'trainee' },
    keptEnrollments: { count: 'enrollments' },
    duplicateEnrollments: { count: 'enrollments' },
    enrollments: { count: 'enrollments' },
    duplicateAccounts: { count: 'accounts' },
    accounts: { count: 'accounts' },
    duplicateCorrections: { count: 'corrections' },
    corrections: { count: 'corrections' },
    mergeId: 'number',
    nationalIdMoved: 'bool',
  },
  user: {},
  unit: {},
};

/** A field's name as a label: "cancelReason" → "Cancel reason". */
export function humanize(field: string): string {
  const words = field
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}

function kindOf(entityType: string, field: string): ValueKind {
  if (HIDDEN.has(field)) return 'hidden';
  if (field.startsWith('targets.')) return 'target';
  return BY_ENTITY[entityType]?.[field] ?? COMMON[field] ?? 'text';
}

function labelOf(locale: Locale, entityType: string, field: string, names: Names): string {
  if (field.startsWith('targets.')) {
    const code = field.slice('targets.'.length);
    const name = names.programByCode(code);
    return t(locale, 'audit.values.targetLabel', { program: name ? `${code} (${name})` : code });
  }
  for (const key of [`audit.entityFields.${entityType}.${field}`, `audit.fields.${field}`]) if (hasMessage(key)) return t(locale, key);
  return humanize(field);
}

/** "6 / 480 (Q: 1+2+2+1 / 80+160+160+80)", as plans write a target into the log, read back in words. */
function targetText(locale: Locale, value: string): string {
  const m = /^(\d+) \/ (\d+)(?: \(Q: ([\d+]+) \/ ([\d+]+)\))?$/.exec(value);
  if (!m) return value;
  const main = t(locale, 'audit.values.target', { courses: formatNumber(Number(m[1]), locale), trainees: formatNumber(Number(m[2]), locale) });
  return m[3] ? `${main} ${t(locale, 'audit.values.quarters', { courses: m[3], trainees: m[4] })}` : main;
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

/** An ISO instant (or a Date) as a Date; anything that is not one, null — shown as written, never a crash. */
const instantOf = (v: unknown): Date | null => {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

function valueText(locale: Locale, kind: ValueKind, value: unknown, names: Names, day: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof kind === 'object') {
    if ('labels' in kind) {
      const key = `${kind.labels}.${String(value)}`;
      return hasMessage(key) ? t(locale, key) : String(value);
    }
    if ('count' in kind) {
      const n = Array.isArray(value) ? value.length : asNumber(value);
      return n === null ? String(value) : t(locale, `audit.values.counts.${kind.count}`, { n: formatNumber(n, locale) });
    }
    const id = asNumber(value);
    return id === null ? String(value) : (names.of(kind.ref, id, day) ?? `#${id}`);
  }
  switch (kind) {
    case 'number':
      return asNumber(value) === null ? String(value) : formatNumber(asNumber(value), locale);
    case 'score':
      return asNumber(value) === null ? String(value) : formatNumber(asNumber(value), locale, 1);
    case 'percent':
      return asNumber(value) === null ? String(value) : formatPercent(asNumber(value), locale);
    case 'date': {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
      const instant = instantOf(value);
      return instant ? formatDate(instant) : String(value);
    }
    case 'datetime': {
      const instant = instantOf(value);
      return instant ? formatDateTime(instant) : String(value);
    }
    case 'bool':
      return t(locale, value === true || value === 1 || value === 'true' ? 'common.yes' : 'common.no');
    case 'target':
      return targetText(locale, String(value));
    case 'hidden':
      return t(locale, 'audit.values.hidden');
    default:
      if (Array.isArray(value)) return value.map(String).join(', ');
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** A stored entry, as the log keeps it. */
export interface StoredEntry {
  at: Date;
  userId: number | null;
  username: string | null;
  unitId?: number | null;
  entityType: string;
  entityId: number | null;
  beforeData: string | null;
  afterData: string | null;
}

export interface ShownChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface ShownEntry {
  /** "Nguyễn Văn An (vanan)" for the account that acted, else its username as logged. */
  who: string | null;
  /** The record's name (a course's, a person's, a unit's as of the entry's day), or null. */
  recordName: string | null;
  unitName: string | null;
  changes: ShownChange[];
}

const RECORD_NAMES: Record<string, RefKind> = {
  user: 'user',
  course: 'course',
  trainee: 'trainee',
  unit: 'unit',
  enrollment: 'enrollment',
  certificate: 'certificate',
};

const parsed = (json: string | null): Record<string, unknown> => {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function collect(requests: NameRequests, entry: StoredEntry, before: Record<string, unknown>, after: Record<string, unknown>): void {
  if (entry.userId !== null) requests.ids.user.add(entry.userId);
  if (entry.unitId !== null && entry.unitId !== undefined) requests.ids.unit.add(entry.unitId);
  const recordKind = RECORD_NAMES[entry.entityType];
  if (recordKind && entry.entityId !== null) requests.ids[recordKind].add(entry.entityId);
  for (const [field, value] of [...Object.entries(before), ...Object.entries(after)]) {
    if (field.startsWith('targets.')) requests.programCodes.add(field.slice('targets.'.length));
    const kind = kindOf(entry.entityType, field);
    const id = asNumber(value);
    if (typeof kind === 'object' && 'ref' in kind && id !== null) requests.ids[kind.ref].add(id);
  }
}

/** Every entry of a page in words, with the names they need looked up together. */
export async function describeEntries(locale: Locale, entries: readonly StoredEntry[]): Promise<ShownEntry[]> {
  const data = entries.map((e) => ({ before: parsed(e.beforeData), after: parsed(e.afterData) }));
  const requests = nameRequests();
  entries.forEach((e, i) => collect(requests, e, data[i]!.before, data[i]!.after));
  const names = await lookUpNames(requests);
  return entries.map((entry, i) => {
    const { before, after } = data[i]!;
    const day = todayInVietnam(entry.at);
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changes = fields.flatMap((field): ShownChange[] => {
      const kind = kindOf(entry.entityType, field);
      const label = labelOf(locale, entry.entityType, field, names);
      if (kind === 'hidden') return [{ field, label, before: '', after: t(locale, 'audit.values.hidden') }];
      const shown = { field, label, before: valueText(locale, kind, before[field], names, day), after: valueText(locale, kind, after[field], names, day) };
      return shown.before === '' && shown.after === '' ? [] : [shown];
    });
    const recordKind = RECORD_NAMES[entry.entityType];
    return {
      who: entry.userId !== null ? (names.of('user', entry.userId, day) ?? entry.username) : entry.username,
      recordName: recordKind && entry.entityId !== null ? names.of(recordKind, entry.entityId, day) : null,
      unitName: entry.unitId === null || entry.unitId === undefined ? null : names.of('unit', entry.unitId, day),
      changes,
    };
  });
}

/** One line per change, for the spreadsheet export: "Trạng thái: Còn hiệu lực → Đã thu hồi; …". */
export const changesLine = (changes: readonly ShownChange[]) => changes.map((c) => `${c.label}: ${c.before ? `${c.before} → ` : ''}${c.after}`).join('; ');
