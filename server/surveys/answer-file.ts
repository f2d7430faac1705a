// The answer as an Excel sheet: a template to download (one row per program, one column per category of
// learner, filled with the unit's figures so far) and the reading of a filled one. Read with the importer's
// helpers (server/imports: .xlsx or UTF-8 CSV, the same limits, the same cell rules); header case, spacing and
// accents do not matter. One bad row and nothing is saved: every problem is said with its row and column.
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.js';
import { cellError, cellText, headerKey, isBlank, LIMITS, readSpreadsheet, type CellValue, type Issue, type SheetRow } from '../imports/index.js';
import { listPrograms } from '../programs/programs.service.js';
import type { AnswerCell } from './answers.service.js';
import { cellName, LEARNER_CATEGORIES, MAX_PEOPLE } from './categories.js';

const CODE_HEADER = 'Mã chương trình';
const NAME_HEADER = 'Chương trình';
const CODE_KEYS = new Set([headerKey(CODE_HEADER), headerKey('Mã CT'), headerKey('Mã')]);
const withoutNote = (text: string) => headerKey(text.replace(/\([^)]*\)/g, ' '));
const CATEGORY_BY_KEY = new Map<string, { code: string; label: string }>();
for (const c of LEARNER_CATEGORIES) for (const key of [headerKey(c.label), withoutNote(c.label), headerKey(c.code)]) CATEGORY_BY_KEY.set(key, c);

const NOTES = [
  'Mỗi dòng là một chương trình; mỗi cột là một đối tượng cần đào tạo, bồi dưỡng. Ghi số người (số nguyên, không âm); ô để trống là 0.',
  'Giữ nguyên cột "Mã chương trình"; các cột khác có thể bỏ bớt hoặc đổi thứ tự (viết hoa hay thường, có dấu hay không dấu đều được).',
  `Nhận tệp Excel (.xlsx) hoặc CSV UTF-8, tối đa ${LIMITS.maxBytes / 1024 / 1024} MB. Hệ thống đọc trang tính đầu tiên.`,
  'Tệp thay toàn bộ số liệu đã nhập của đơn vị (ghi chú được giữ nguyên). Nếu có một dòng sai thì không ghi gì và hệ thống chỉ rõ dòng, cột bị sai.',
];

/** The template, filled with the figures given (by form field name). */
export async function answerTemplate(year: number, cells: Record<string, number> = {}): Promise<Buffer> {
  const programs = await listPrograms({ activeOnly: true });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quản lý đào tạo LLCT';
  const sheet = workbook.addWorksheet(`Nhu cầu năm ${year}`, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = [
    { header: CODE_HEADER, width: 14, style: { numFmt: '@' } },
    { header: NAME_HEADER, width: 50 },
    ...LEARNER_CATEGORIES.map((c) => ({ header: c.label, width: 16, style: { numFmt: '0' } })),
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 45;
  for (const p of programs) sheet.addRow([p.code, p.name, ...LEARNER_CATEGORIES.map((c) => cells[cellName(p.code, c.code)] ?? null)]);
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.columns = [{ width: 6 }, { width: 100 }];
  notes.addRow([`HƯỚNG DẪN ĐIỀN NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${year}`]).font = { bold: true, size: 14 };
  NOTES.forEach((note, i) => (notes.addRow([`${i + 1}.`, note]).getCell(2).alignment = { wrapText: true, vertical: 'top' }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ParsedAnswer {
  cells: AnswerCell[];
  issues: Issue[];
}

const issue = (row: number, column: string, key: string, params: Issue['params'] = {}): Issue => ({ level: 'error', row, column, key: `surveys.file.${key}`, params });

/** A count of people: an integer 0…MAX, "1.200" or "1,200" as thousands; blank is 0. */
function people(v: CellValue | undefined): number | { bad: string } {
  if (isBlank(v)) return 0;
  const error = cellError(v);
  if (error) return { bad: String(error.params?.value ?? '') };
  const text = cellText(v) ?? '';
  const digits = /^\d{1,3}([.,]\d{3})+$/.test(text) ? text.replace(/[.,]/g, '') : text;
  if (!/^\d+$/.test(digits) || Number(digits) > MAX_PEOPLE) return { bad: text };
  return Number(digits);
}

function findHeader(rows: readonly SheetRow[]): SheetRow | null {
  return rows.slice(0, LIMITS.headerScanRows).find((r) => r.cells.some((c) => typeof c === 'string' && CODE_KEYS.has(headerKey(c)))) ?? null;
}

/** Reads an uploaded answer sheet into cells, or says every problem in it. */
export async function readAnswerFile(buffer: Buffer, fileName: string): Promise<ParsedAnswer> {
  const file = await readSpreadsheet(buffer, fileName);
  if (file.rows.length > LIMITS.maxDataRows) throw new AppError('too_large', 'surveys.file.tooManyRows', { params: { max: LIMITS.maxDataRows } });
  const header = findHeader(file.rows);
  if (!header) return { cells: [], issues: [issue(file.rows[0]?.row ?? 1, CODE_HEADER, 'noHeader')] };
  let codeAt = -1;
  const columns: Array<{ index: number; header: string; category: string }> = [];
  header.cells.forEach((c, index) => {
    const text = cellText(c) ?? '';
    if (codeAt < 0 && CODE_KEYS.has(headerKey(text))) codeAt = index;
    const category = CATEGORY_BY_KEY.get(headerKey(text)) ?? CATEGORY_BY_KEY.get(withoutNote(text));
    if (category && !columns.some((col) => col.category === category.code)) columns.push({ index, header: text, category: category.code });
  });
  if (columns.length === 0) return { cells: [], issues: [issue(header.row, CODE_HEADER, 'noCategories')] };

  const known = new Set((await listPrograms({ activeOnly: true })).map((p) => p.code));
  const seen = new Map<string, number>();
  const cells: AnswerCell[] = [];
  const issues: Issue[] = [];
  for (const row of file.rows.filter((r) => r.row > header.row)) {
    const code = (cellText(row.cells[codeAt]) ?? '').toUpperCase();
    const values = columns.map((col) => ({ col, value: people(row.cells[col.index]) }));
    if (!code) {
      if (values.some((v) => v.value !== 0)) issues.push(issue(row.row, CODE_HEADER, 'codeMissing'));
      continue;
    }
    if (!known.has(code)) {
      issues.push(issue(row.row, CODE_HEADER, 'unknownProgram', { value: code }));
      continue;
    }
    if (seen.has(code)) {
      issues.push(issue(row.row, CODE_HEADER, 'duplicateProgram', { value: code, first: seen.get(code)! }));
      continue;
    }
    seen.set(code, row.row);
    for (const { col, value } of values) {
      if (typeof value === 'number') cells.push({ programCode: code, category: col.category, people: value });
      else issues.push(issue(row.row, col.header, 'badNumber', { value: value.bad, max: MAX_PEOPLE.toLocaleString('vi-VN') }));
    }
  }
  return { cells: issues.length ? [] : cells, issues };
}
