// The lists as export tables: the courses list (with the page's filters), a course's roster with results, a unit's
// trainees, the audit log (with the page's filters). Headers are Vietnamese whatever the reader's language, as in
// the printed lists; numbers are numbers, dates dates. Each reads only what the actor's scope allows.
import { QueryTypes } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { describeEntries, changesLine } from '../audit/audit-format.js';
import { auditWhere, type AuditFilter } from '../audit/audit-log.service.js';
import { getCourse, listAllCourses, type CourseSummary } from '../courses/index.js';
import { AuditLog, Course, Unit } from '../db/models.js';
import { byGivenName } from '../enrollments/index.js';
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import { hasMessage, t } from '../i18n/index.js';
import { traineeScopeSql } from '../trainees/index.js';
import type { Gender, PartyStatus } from '../trainees/trainee.model.js';
import { numbered, rosterColumns, type RosterExportRow } from './roster-columns.js';
import type { ExportColumn, ExportTable } from './table.js';

const sequelize = () => Course.sequelize!;
const vi = (key: string) => t('vi', key);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The person's columns, as selected from `trainees t`, and their mapping to an export row. */
const PERSON_COLUMNS = `t.full_name AS "fullName", t.birth_date AS "birthDate", t.birth_year AS "birthYear", t.gender AS "gender",
            t.national_id AS "nationalId", t.ethnicity AS "ethnicity", t.religion AS "religion", t.workplace AS "workplace",
            t.position AS "position", t.party_status AS "partyStatus", t.party_joined_on AS "partyJoinedOn", t.phone AS "phone", t.email AS "email"`;

const text = (v: unknown) => (v as string | null) ?? null;

function personRow(r: Record<string, unknown>): Omit<RosterExportRow, 'sendingOrg' | 'attendance' | 'score' | 'grade' | 'status'> {
  return {
    fullName: String(r.fullName),
    birthDate: text(r.birthDate),
    birthYear: num(r.birthYear),
    gender: text(r.gender) as Gender | null,
    nationalId: text(r.nationalId),
    ethnicity: text(r.ethnicity),
    religion: text(r.religion),
    workplace: text(r.workplace),
    position: text(r.position),
    partyStatus: text(r.partyStatus) as PartyStatus | null,
    partyJoinedOn: text(r.partyJoinedOn),
    phone: text(r.phone),
    email: text(r.email),
  };
}

// --- Courses ---

type CourseRow = CourseSummary & { stt: number };

const COURSE_COLUMNS: Array<ExportColumn<CourseRow>> = [
  { header: 'STT', type: 'number', key: 'stt', width: 6 },
  { header: 'Tên lớp', type: 'text', key: 'name', width: 48 },
  { header: 'Đơn vị', type: 'text', key: 'unitName', width: 32 },
  { header: 'Mã chương trình', type: 'text', key: 'programCode', width: 10 },
  { header: 'Chương trình', type: 'text', key: 'programName', width: 40 },
  { header: 'Ngày khai giảng', type: 'date', key: 'startDate', width: 13 },
  { header: 'Ngày kết thúc', type: 'date', key: 'endDate', width: 13 },
  { header: 'Địa điểm', type: 'text', key: 'place', width: 24 },
  { header: 'Sức chứa', type: 'number', key: 'capacity', width: 9 },
  { header: 'Số học viên (lượt)', type: 'number', value: (c) => c.counts.enrolled, width: 11 },
  { header: 'Đang học', type: 'number', value: (c) => c.counts.active, width: 9 },
  { header: 'Hoàn thành', type: 'number', value: (c) => c.counts.completed, width: 10 },
  { header: 'Không đạt', type: 'number', value: (c) => c.counts.failed, width: 10 },
  { header: 'Thôi học', type: 'number', value: (c) => c.counts.withdrawn, width: 9 },
  { header: 'Trạng thái', type: 'text', value: (c) => vi(`common.courseStatus.${c.status}`), width: 13 },
];

export async function coursesTable(actor: Actor, filter: { year?: number; programCode?: string; status?: CourseSummary['status']; unitCode?: string; q?: string }): Promise<ExportTable<CourseRow>> {
  const courses = await listAllCourses(actor, filter);
  return { columns: COURSE_COLUMNS, rows: numbered(courses), sheetName: 'Danh sách lớp', title: [`DANH SÁCH LỚP${filter.year ? ` NĂM ${filter.year}` : ''}`] };
}

// --- A course's roster with results ---

interface RosterRowWithCertificate extends RosterExportRow {
  certificateNumber: string | null;
}


/** The roster as the printed "Danh sách học viên và kết quả", in the importer's own headers (it imports back). */
export async function rosterTable(actor: Actor, courseId: number): Promise<{ course: CourseSummary; table: ExportTable<RosterRowWithCertificate & { stt: number }> }> {
  const course = await getCourse(actor, courseId);
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT ${PERSON_COLUMNS},
            e.sending_org AS "sendingOrg", e.attendance AS "attendance", e.score AS "score", e.grade AS "grade", e.status AS "status",
            (SELECT MAX(ce.number) FROM certificates ce WHERE ce.enrollment_id = e.id AND ce.status = 'valid') AS "certificateNumber"
       FROM enrollments e JOIN trainees t ON t.id = e.trainee_id
      WHERE e.course_id = :courseId`,
    { replacements: { courseId }, type: QueryTypes.SELECT },
  );
  const people = rows
    .map((r): RosterRowWithCertificate => ({
      ...personRow(r),
      sendingOrg: (r.sendingOrg as string | null) ?? null,
      attendance: num(r.attendance),
      score: num(r.score),
      grade: (r.grade as Grade | null) ?? null,
      status: r.status as EnrollmentStatus,
      certificateNumber: (r.certificateNumber as string | null) ?? null,
    }))
    .sort(byGivenName);
  const columns: Array<ExportColumn<RosterRowWithCertificate & { stt: number }>> = [
    ...rosterColumns({ results: true }),
    { header: 'Số giấy chứng nhận', type: 'text', key: 'certificateNumber', width: 22 },
  ];
  return { course, table: { columns, rows: numbered(people), sheetName: 'Danh sách học viên', title: [course.name.toUpperCase(), `${course.unitName}`] } };
}

// --- A unit's trainees ---

type TraineeExportRow = RosterExportRow & { stt: number };

const BATCH = 1000;

/** The people the actor's unit works with (everyone for the board), by id, read in batches. */
async function* traineesOf(actor: Actor): AsyncIterable<TraineeExportRow> {
  const scope = traineeScopeSql(actor, 't');
  let after = 0;
  let stt = 0;
  for (;;) {
    const rows = await sequelize().query<Record<string, unknown>>(
      `SELECT t.id AS "id", ${PERSON_COLUMNS}
         FROM trainees t WHERE t.id > :after${scope.sql} ORDER BY t.id LIMIT ${BATCH}`,
      { replacements: { after, ...scope.replacements }, type: QueryTypes.SELECT },
    );
    for (const r of rows) {
      yield {
        stt: ++stt,
        ...personRow(r),
        sendingOrg: null,
      };
    }
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function traineesTable(actor: Actor): Promise<ExportTable<TraineeExportRow>> {
  const unit = actor.unitId ? await Unit.findByPk(actor.unitId, { attributes: ['name'] }) : null;
  const columns = rosterColumns().filter((c) => c.key !== 'sendingOrg');
  return { columns, rows: traineesOf(actor), sheetName: 'Học viên', title: [`DANH SÁCH HỌC VIÊN${actor.role === 'center' && unit ? ` — ${unit.name.toUpperCase()}` : ''}`] };
}

// --- The audit log ---

interface AuditExportRow {
  at: Date;
  username: string | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  recordName: string | null;
  changes: string;
  requestId: string | null;
}

const AUDIT_COLUMNS: Array<ExportColumn<AuditExportRow>> = [
  { header: 'Thời điểm', type: 'datetime', key: 'at', width: 17 },
  { header: 'Người thực hiện', type: 'text', key: 'username', width: 16 },
  { header: 'Đơn vị', type: 'text', key: 'unitName', width: 32 },
  { header: 'Thao tác', type: 'text', key: 'action', width: 14 },
  { header: 'Loại bản ghi', type: 'text', key: 'entityType', width: 16 },
  { header: 'Mã bản ghi', type: 'number', key: 'entityId', width: 10 },
  { header: 'Tên bản ghi', type: 'text', key: 'recordName', width: 32 },
  { header: 'Nội dung thay đổi', type: 'text', key: 'changes', width: 80 },
  { header: 'Mã yêu cầu', type: 'text', key: 'requestId', width: 20 },
];

const known = (key: string, fallback: string) => (hasMessage(key) ? vi(key) : fallback);

async function* auditRows(actor: Actor, filter: AuditFilter): AsyncIterable<AuditExportRow> {
  const where = auditWhere(actor, filter);
  let offset = 0;
  for (;;) {
    const rows = await AuditLog.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: BATCH, offset });
    // Names and values in words, as on the page; the names of a batch are looked up together.
    const shown = await describeEntries('vi', rows.map((r) => ({ ...r.get({ plain: true }), at: r.createdAt })));
    for (const [i, r] of rows.entries()) {
      yield {
        at: r.createdAt,
        username: shown[i]!.who,
        unitName: shown[i]!.unitName,
        action: known(`common.history.actions.${r.action}`, r.action),
        entityType: known(`audit.entities.${r.entityType}`, r.entityType),
        entityId: r.entityId,
        recordName: shown[i]!.recordName,
        changes: changesLine(shown[i]!.changes),
        requestId: r.requestId,
      };
    }
    if (rows.length < BATCH) return;
    offset += BATCH;
  }
}

export function auditTable(actor: Actor, filter: AuditFilter): ExportTable<AuditExportRow> {
  return { columns: AUDIT_COLUMNS, rows: auditRows(actor, filter), sheetName: 'Nhật ký thao tác', title: ['NHẬT KÝ THAO TÁC'] };
}
