// The columns of a course roster export ("Danh sách học viên và kết quả"). Headers and words are exactly those the
// importer reads, so an exported roster, edited and imported again, means the same thing.
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import { t } from '../i18n/index.js';
import { canonicalHeader } from '../imports/columns.js';
import { maskNationalId } from '../lib/text.js';
import type { Gender, PartyStatus } from '../trainees/trainee.model.js';
import type { ExportColumn } from './table.js';

export interface RosterExportRow {
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender | null;
  nationalId: string | null;
  ethnicity: string | null;
  religion: string | null;
  workplace: string | null;
  position: string | null;
  partyStatus: PartyStatus | null;
  partyJoinedOn: string | null;
  phone: string | null;
  email: string | null;
  sendingOrg: string | null;
  attendance?: number | string | null;
  score?: number | string | null;
  grade?: Grade | null;
  status?: EnrollmentStatus | null;
}

export interface RosterColumnOptions {
  /** Add Chuyên cần (%), Điểm, Xếp loại, Kết quả. */
  results?: boolean;
  /** Personal data shown masked (0340******12), for readers who do not need the full number. */
  maskNationalId?: boolean;
}

const label = (prefix: string, value: string | null | undefined) => (value ? t('vi', `common.${prefix}.${value}`) : null);

export function rosterColumns(options: RosterColumnOptions = {}): Array<ExportColumn<RosterExportRow & { stt?: number }>> {
  type Row = RosterExportRow & { stt?: number };
  const h = canonicalHeader;
  const columns: Array<ExportColumn<Row>> = [
    { header: h('stt'), type: 'number', key: 'stt', width: 6 },
    { header: h('fullName'), type: 'text', key: 'fullName', width: 28 },
    { header: h('birthDate'), type: 'date', value: (r) => r.birthDate ?? r.birthYear, width: 12 },
    { header: h('gender'), type: 'text', value: (r) => label('gender', r.gender), width: 9 },
    { header: h('nationalId'), type: 'text', value: (r) => (options.maskNationalId ? maskNationalId(r.nationalId) : r.nationalId), width: 15 },
    { header: h('ethnicity'), type: 'text', key: 'ethnicity', width: 10 },
    { header: h('religion'), type: 'text', key: 'religion', width: 10 },
    { header: h('workplace'), type: 'text', key: 'workplace', width: 32 },
    { header: h('position'), type: 'text', key: 'position', width: 22 },
    { header: h('partyStatus'), type: 'text', value: (r) => label('partyStatus', r.partyStatus), width: 20 },
    { header: h('partyJoinedOn'), type: 'date', key: 'partyJoinedOn', width: 14 },
    { header: h('phone'), type: 'text', key: 'phone', width: 13 },
    { header: h('email'), type: 'text', key: 'email', width: 26 },
    { header: h('sendingOrg'), type: 'text', key: 'sendingOrg', width: 30 },
  ];
  if (options.results) {
    columns.push(
      { header: h('attendance'), type: 'percent', key: 'attendance', decimals: 1, width: 14 },
      { header: h('score'), type: 'number', key: 'score', decimals: 1, width: 8 },
      { header: h('grade'), type: 'text', value: (r) => label('grades', r.grade), width: 12 },
      { header: h('result'), type: 'text', value: (r) => label('enrollmentStatus', r.status), width: 16 },
    );
  }
  return columns;
}

/** Numbers the rows 1, 2, 3… for the STT column. */
export function numbered<R>(rows: Iterable<R>): Array<R & { stt: number }> {
  return [...rows].map((row, i) => ({ ...row, stt: i + 1 }));
}
