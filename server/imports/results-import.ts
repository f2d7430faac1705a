// Importing results (attendance, score, outcome) for a course's roster: the same preview-then-commit as rosters,
// under the enrollment domain's rules — results only once the course has started and while it is not cancelled,
// grade and status from the program's rules (the preview already computes them with resultOf), nothing changes on
// an enrollment with a valid certificate, and a withdrawn enrollment takes no results (reinstating is done on the
// course page). "Thôi học" in the file withdraws the enrollment.
import { Op, type Transaction } from 'sequelize';
import { auditRow, changedFields } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { effectiveStatus, getCourse, lockCourse } from '../courses/index.js';
import { Certificate, Course, Enrollment, Program } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { toProgramRow } from '../programs/programs.service.js';
import { AlreadyImported, claimFile, previousBatch } from './batch.js';
import { insertAudit } from './bulk-insert.js';
import { addIssues, fileRow } from './course-checks.js';
import type { Issue } from './issues.js';
import { courseRoster } from './lookup.js';
import type { SpreadsheetFile } from './read-file.js';
import { previewResults, type ResultsPreview, type RosterEntry } from './results-preview.js';
import type { CommitOptions, CoursePreview } from './roster-import.js';
import { yearClosedReason } from '../year-closing/index.js';

const sequelize = () => Course.sequelize!;

/** Said in the enrollment when a withdrawal comes from a results file, which has no column for the reason. */
export const WITHDRAW_REASON = 'Thôi học (ghi nhận từ tệp kết quả)';

export interface ResultsImportOutcome {
  batchId: number;
  alreadyImported: boolean;
  committedAt: Date;
  rows: number;
  updated: number;
  unchanged: number;
}

interface CourseFacts {
  id: number;
  unitId: number;
  programId: number;
  status: Course['status'];
  startDate: string;
  endDate: string;
}

async function certifiedIn(courseId: number, transaction?: Transaction): Promise<Set<number>> {
  const rows = await Certificate.findAll({
    where: { status: 'valid' },
    include: [{ model: Enrollment, as: 'enrollment', attributes: [], where: { courseId }, required: true }],
    attributes: ['enrollmentId'],
    raw: true,
    transaction,
  });
  return new Set(rows.map((r) => r.enrollmentId));
}

export function resultsCourseIssues(preview: ResultsPreview, course: CourseFacts, roster: readonly RosterEntry[], certified: ReadonlySet<number>, today: string): Issue[] {
  const issues: Issue[] = [];
  const status = effectiveStatus(course.status, course.startDate, today);
  if (status !== 'open' && status !== 'finished') issues.push({ level: 'error', row: fileRow(preview), column: '', key: 'imports.course.resultsNotOpen' });
  const byId = new Map(roster.map((e) => [e.enrollmentId, e]));
  for (const r of preview.rows) {
    if (r.action !== 'update' || !r.data) continue;
    if (certified.has(r.data.enrollmentId)) issues.push({ level: 'error', row: r.row, column: '', key: 'imports.row.certified' });
    else if (byId.get(r.data.enrollmentId)?.status === 'withdrawn') issues.push({ level: 'error', row: r.row, column: '', key: 'imports.row.withdrawn' });
  }
  return issues;
}

async function resultsPreviewAgainst(file: SpreadsheetFile, course: CourseFacts, transaction?: Transaction): Promise<{ preview: ResultsPreview; roster: RosterEntry[] }> {
  const today = todayInVietnam();
  const [roster, program, certified] = await Promise.all([
    courseRoster(course.id, transaction),
    Program.findByPk(course.programId, { transaction }),
    certifiedIn(course.id, transaction),
  ]);
  const preview = previewResults(file, { roster, rules: toProgramRow(program!), courseEnded: course.endDate <= today });
  const issues = resultsCourseIssues(preview, course, roster, certified, today);
  // Results of a closed year (khóa sổ) change only through an approved correction: the whole file is refused.
  const closed = await yearClosedReason(course.unitId, course.startDate, transaction);
  if (closed) issues.unshift({ level: 'error', row: fileRow(preview), column: '', key: closed.key, params: closed.params });
  addIssues(preview, issues);
  return { preview, roster };
}

export async function previewResultsImport(actor: Actor, courseId: number, file: SpreadsheetFile): Promise<CoursePreview<ResultsPreview>> {
  const course = await getCourse(actor, courseId);
  const { preview } = await resultsPreviewAgainst(file, course);
  return { preview, previous: await previousBatch(courseId, 'results', file.sha256) };
}

async function commitOnce(actor: Actor, courseId: number, file: SpreadsheetFile, options: CommitOptions): Promise<ResultsImportOutcome> {
  return inTransaction(sequelize(), async (transaction) => {
    const course = await lockCourse(actor, courseId, transaction);
    const batch = await claimFile(actor, course, 'results', { fileName: file.fileName, sha256: file.sha256 }, transaction);
    const { preview, roster } = await resultsPreviewAgainst(file, course, transaction);
    if (!preview.canCommit) {
      throw new AppError('invalid', 'imports.commit.hasErrors', { params: { count: preview.errors.length }, details: { errors: preview.errors } });
    }
    const updates = preview.rows.filter((r) => r.action === 'update').map((r) => r.data!);
    const versions = new Map(
      (await Enrollment.findAll({ where: { courseId, id: { [Op.in]: updates.map((u) => u.enrollmentId) } }, attributes: ['id', 'lockVersion'], raw: true, transaction })).map((e) => [e.id, e.lockVersion]),
    );
    const entries = new Map(roster.map((e) => [e.enrollmentId, e]));
    const audits = [];
    const now = new Date();
    for (const u of updates) {
      const e = entries.get(u.enrollmentId)!;
      const before = { attendance: e.attendance, score: e.score, grade: e.grade, status: e.status };
      const after = { attendance: u.attendance, score: u.score, grade: u.grade, status: u.status };
      const withdrawing = u.status === 'withdrawn';
      const version = versions.get(u.enrollmentId)!;
      // The version read under the course lock: an API change of this one enrollment in between refuses the whole file.
      const [count] = await Enrollment.update(
        { ...after, lockVersion: version + 1, ...(withdrawing ? { withdrawReason: WITHDRAW_REASON, withdrawnAt: now } : {}) },
        { where: { id: u.enrollmentId, lockVersion: version }, transaction },
      );
      if (count !== 1) throw new AppError('conflict', 'imports.commit.changedMeanwhile');
      const diff = changedFields(before, after);
      if (withdrawing) diff.after.withdrawReason = WITHDRAW_REASON;
      audits.push(auditRow(actor, { action: withdrawing ? 'withdraw' : 'results', entityType: 'enrollment', entityId: u.enrollmentId, unitId: course.unitId, ...diff }));
    }
    const counts = { rows: preview.rows.length, updated: updates.length, unchanged: preview.counts.unchanged };
    await batch.update({ rowCount: counts.rows, matchedCount: counts.updated }, { transaction });
    const rows = [auditRow(actor, { action: 'import', entityType: 'course', entityId: course.id, unitId: course.unitId, after: { kind: 'results', batchId: batch.id, fileName: file.fileName, ...counts } }), ...audits];
    await insertAudit(rows.length, (i) => rows[i]!, transaction);
    await options.onCommitted?.(transaction);
    return { batchId: batch.id, alreadyImported: false, committedAt: batch.createdAt, ...counts };
  });
}

/** Commits a results file: every row or none; the same file again changes nothing and says so. */
export async function commitResultsImport(actor: Actor, courseId: number, file: SpreadsheetFile, options: CommitOptions = {}): Promise<ResultsImportOutcome> {
  try {
    return await commitOnce(actor, courseId, file, options);
  } catch (err) {
    if (!(err instanceof AlreadyImported)) throw err;
    const before = (await previousBatch(courseId, 'results', file.sha256))!;
    return { batchId: before.id, alreadyImported: true, committedAt: before.committedAt, rows: before.rowCount, updated: 0, unchanged: 0 };
  }
}
