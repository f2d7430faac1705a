// The register as a spreadsheet (sổ đăng ký văn bản đi): the columns a văn thư keeps, in Vietnamese whatever
// the reader's language, with the register page's filters.
import type { Actor } from '../auth/actor.js';
import { numbered, type ExportColumn, type ExportTable } from '../exports/index.js';
import { t } from '../i18n/index.js';
import { listIssued, type IssuedRow, type RegisterFilter } from './issued-reports.queries.js';

type Row = IssuedRow & { stt: number; note: string };

const vi = (key: string, params?: Record<string, unknown>) => t('vi', `issuedReports.${key}`, params);

const COLUMNS: Array<ExportColumn<Row>> = [
  { header: vi('columns.no'), type: 'number', key: 'stt', width: 6 },
  { header: vi('columns.symbol'), type: 'text', key: 'symbol', width: 18 },
  { header: vi('columns.issuedOn'), type: 'date', key: 'issuedOn', width: 12 },
  { header: vi('columns.subject'), type: 'text', key: 'title', width: 60 },
  { header: vi('columns.signer'), type: 'text', key: 'signerName', width: 24 },
  { header: vi('columns.recipients'), type: 'text', value: (r) => r.recipients.join('; '), width: 40 },
  { header: vi('columns.issuer'), type: 'text', key: 'issuerName', width: 36 },
  { header: vi('columns.createdBy'), type: 'text', key: 'createdBy', width: 22 },
  { header: vi('show.createdAt'), type: 'datetime', key: 'createdAt', width: 16 },
  { header: vi('columns.note'), type: 'text', key: 'note', width: 30 },
  { header: vi('show.sha256'), type: 'text', key: 'sha256', width: 20 },
];

export async function registerTable(actor: Actor, filter: RegisterFilter): Promise<ExportTable<Row>> {
  const { rows } = await listIssued(actor, filter);
  const withNotes = rows.map((r) => ({ ...r, note: r.replacesSymbol ? `Thay thế số ${r.replacesSymbol}` : '' }));
  return {
    columns: COLUMNS,
    rows: numbered(withNotes),
    sheetName: 'Sổ văn bản đi',
    title: [`SỔ ĐĂNG KÝ VĂN BẢN ĐI${filter.year ? ` NĂM ${filter.year}` : ''}`],
  };
}
