// Importing a roster into a course: the preview against the course as it is, and the commit — one transaction
// that locks the course, claims the file (import_batches), checks the file again against the database as it is
// now, then writes the new trainees and every enrollment in chunked multi-row INSERTs, with their audit rows.
// The rules are the enrollment domain's: one citizen ID is one person (a known ID enrolls that person, never a
// second record), no one twice in a course, no more active enrollments than the capacity, nothing into a cancelled
// or finished course.
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { auditRow } from '../audit/audit.service.js';
import { getCourse, lockCourse } from '../courses/index.js';
import { Course, Enrollment, Trainee } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { t } from '../i18n/index.js';
import { AlreadyImported, claimFile, previousBatch, type BatchInfo } from './batch.js';
import { insertAudit, insertRows } from './bulk-insert.js';
import { addIssues, fileRow } from './course-checks.js';
import type { Issue } from './issues.js';
import { courseRoster, enrolledPeople, findTraineesByNationalIds } from './lookup.js';
import type { SpreadsheetFile } from './read-file.js';
import type { RosterEntry } from './results-preview.js';
import { previewRoster, type RosterPreview } from './roster-preview.js';
import { todayInVietnam } from '../lib/format.js';
import { unitEnded } from '../units/index.js';
import { yearClosedReason } from '../year-closing/index.js';

const sequelize = () => Course.sequelize!;

export interface CourseFacts {
  id: number;
  unitId: number;
  status: string;
  capacity: number;
  startDate: string;
}

export interface RosterImportOutcome {
  batchId: number;
  /** The file had been committed to this course before: nothing was written now. */
  alreadyImported: boolean;
  committedAt: Date;
  rows: number;
  created: number;
  matched: number;
  already: number;
}

/** Issues the course adds: closed, not enough seats, people who withdrew (they stay withdrawn). */
export function rosterCourseIssues(preview: RosterPreview, course: CourseFacts, roster: readonly RosterEntry[]): Issue[] {
  const issues: Issue[] = [];
  const row = fileRow(preview);
  if (course.status === 'cancelled' || course.status === 'finished') {
    issues.push({ level: 'error', row, column: '', key: 'imports.course.closed', params: { status: t('vi', `common.courseStatus.${course.status}`) } });
  }
  const active = roster.filter((e) => e.status !== 'withdrawn').length;
  const needed = preview.counts.create + preview.counts.match;
  if (active + needed > course.capacity) {
    issues.push({ level: 'error', row, column: '', key: 'imports.course.overCapacity', params: { capacity: course.capacity, left: Math.max(0, course.capacity - active), needed } });
  }
  const withdrawn = new Set(roster.filter((e) => e.status === 'withdrawn').map((e) => e.traineeId));
  for (const r of preview.rows) {
    if (r.action === 'already' && r.traineeId !== null && withdrawn.has(r.traineeId)) {
      issues.push({ level: 'warning', row: r.row, column: '', key: 'imports.row.withdrawnInCourse' });
    }
  }
  return issues;
}

async function rosterPreviewAgainst(file: SpreadsheetFile, course: CourseFacts, transaction?: Transaction): Promise<RosterPreview> {
  const roster = await courseRoster(course.id, transaction);
  const preview = await previewRoster(file, {
    findExisting: (ids) => findTraineesByNationalIds(ids, transaction),
    currentRoster: enrolledPeople(roster),
  });
  const issues = rosterCourseIssues(preview, course, roster);
  // A unit dissolved or merged away takes no new trainees: the whole file is refused, naming the successor.
  const ended = await unitEnded(course.unitId, todayInVietnam(), transaction);
  if (ended) issues.unshift({ level: 'error', row: fileRow(preview), column: '', key: ended.key, params: ended.params });
  // Nor does a closed year (khóa sổ): its enrollments change only through an approved correction.
  const closed = await yearClosedReason(course.unitId, course.startDate, transaction);
  if (closed) issues.unshift({ level: 'error', row: fileRow(preview), column: '', key: closed.key, params: closed.params });
  addIssues(preview, issues);
  return preview;
}

export interface CoursePreview<P> {
  preview: P;
  /** The same file was committed to this course before. */
  previous: BatchInfo | null;
}

/** The preview of a roster file for a course the actor may see: nothing is written. */
export async function previewRosterImport(actor: Actor, courseId: number, file: SpreadsheetFile): Promise<CoursePreview<RosterPreview>> {
  const course = await getCourse(actor, courseId);
  const preview = await rosterPreviewAgainst(file, course);
  return { preview, previous: await previousBatch(courseId, 'roster', file.sha256) };
}

async function commitOnce(actor: Actor, courseId: number, file: SpreadsheetFile, onCommitted?: (t: Transaction) => Promise<void>): Promise<RosterImportOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    // The course's row lock first (see lockCourse): a concurrent enroll or import waits, and every read below
    // sees what it wrote. Then the claim: a second commit of the same file stops here.
    const course = await lockCourse(actor, courseId, transaction);
    const batch = await claimFile(actor, course, 'roster', { fileName: file.fileName, sha256: file.sha256 }, transaction);
    const preview = await rosterPreviewAgainst(file, course, transaction);
    if (!preview.canCommit) {
      throw new AppError('invalid', 'imports.commit.hasErrors', { params: { count: preview.errors.length }, details: { errors: preview.errors } });
    }

    const creating = preview.rows.filter((r) => r.action === 'create');
    const matching = preview.rows.filter((r) => r.action === 'match');
    const newIds = await insertRows(Trainee, creating.map((r) => ({ ...r.data!.trainee, createdByUnitId: course.unitId })), transaction, 'searchName');
    // File order, so enrollment ids follow the rows.
    const idOfRow = new Map<number, number>(creating.map((r, i) => [r.row, newIds[i]!]));
    for (const r of matching) idOfRow.set(r.row, r.traineeId!);
    const enrolling = preview.rows.filter((r) => r.action === 'create' || r.action === 'match');
    const enrollmentIds = await insertRows(
      Enrollment,
      enrolling.map((r) => ({ courseId: course.id, traineeId: idOfRow.get(r.row)!, sendingOrg: r.data!.sendingOrg, status: 'enrolled', importBatchId: batch.id })),
      transaction,
      'traineeId',
    );

    const counts = { rows: preview.rows.length, created: creating.length, matched: matching.length, already: preview.counts.already };
    await batch.update({ rowCount: counts.rows, createdCount: counts.created, matchedCount: counts.matched }, { transaction });
    // One summary row for the batch, then a row per person created and per enrollment, as enrolling one by one writes.
    const unitId = course.unitId;
    const summary = auditRow(actor, { action: 'import', entityType: 'course', entityId: course.id, unitId, after: { kind: 'roster', batchId: batch.id, fileName: file.fileName, ...counts } });
    await insertAudit(
      1 + creating.length + enrolling.length,
      (i) => {
        if (i === 0) return summary;
        if (i <= creating.length) {
          return auditRow(actor, { action: 'create', entityType: 'trainee', entityId: newIds[i - 1]!, unitId, after: { ...creating[i - 1]!.data!.trainee, importBatchId: batch.id } });
        }
        const k = i - 1 - creating.length;
        const r = enrolling[k]!;
        return auditRow(actor, { action: 'enroll', entityType: 'enrollment', entityId: enrollmentIds[k]!, unitId, after: { courseId: course.id, traineeId: idOfRow.get(r.row)!, sendingOrg: r.data!.sendingOrg, importBatchId: batch.id } });
      },
      transaction,
    );
    await onCommitted?.(transaction);
    return { batchId: batch.id, alreadyImported: false, committedAt: batch.createdAt, ...counts };
  });
}

export interface CommitOptions {
  /** Runs last inside the transaction (the pages drop the kept upload there). */
  onCommitted?: (transaction: Transaction) => Promise<void>;
}

/**
 * Commits a roster file to a course: all rows or none. The same file committed again (or twice at once) writes
 * nothing and says so. A file whose check fails now — someone enrolled meanwhile, the course filled up — is
 * refused with the errors (AppError invalid, details.errors).
 */
export async function commitRosterImport(actor: Actor, courseId: number, file: SpreadsheetFile, options: CommitOptions = {}): Promise<RosterImportOutcome> {
  try {
    try {
      return await commitOnce(actor, courseId, file, options.onCommitted);
    } catch (err) {
      // Someone else created a person of this file between our look-up and our insert (another course, so another
      // lock): once more, and the look-up finds that person.
      if (err instanceof UniqueConstraintError) return await commitOnce(actor, courseId, file, options.onCommitted);
      throw err;
    }
  } catch (err) {
    if (!(err instanceof AlreadyImported)) throw err;
    const before = (await previousBatch(courseId, 'roster', file.sha256))!;
    return { batchId: before.id, alreadyImported: true, committedAt: before.committedAt, rows: before.rowCount, created: 0, matched: 0, already: 0 };
  }
}
