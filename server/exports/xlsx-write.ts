// .xlsx through exceljs's streaming writer, so a long list (the audit log) is written row by row instead of being
// held as a whole workbook. Numbers are numbers, dates real dates shown dd/mm/yyyy, percentages shares shown as %,
// text columns Text-formatted (leading zeros of an ID survive editing; see escape.ts for formulas).
import ExcelJS from 'exceljs';
import { PassThrough, type Writable } from 'node:stream';
import { cellInput, eachRow, toDatePart, toNumber, vietnamParts, type CellInput, type ExportColumn, type ExportTable } from './table.js';

const NUMBER_FORMATS = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');
const PERCENT_FORMAT = (decimals: number) => (decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%');

function columnFormat<R>(column: ExportColumn<R>): string | undefined {
  switch (column.type) {
    case 'number':
      return NUMBER_FORMATS(column.decimals ?? 0);
    case 'percent':
      return PERCENT_FORMAT(column.decimals ?? 1);
    case 'date':
      return 'dd/mm/yyyy';
    case 'datetime':
      return 'dd/mm/yyyy hh:mm';
    default:
      return '@';
  }
}

/** The value exceljs should write, and a cell format when it differs from the column's (a bare year). */
export function xlsxCell<R>(column: ExportColumn<R>, value: CellInput): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === null || value === undefined || value === '') return { value: null };
  switch (column.type) {
    case 'number':
    case 'percent':
      return { value: toNumber(value) };
    case 'date': {
      const d = toDatePart(value);
      if (!d) return { value: null };
      if (d.month === null) return { value: d.year, numFmt: '0' };
      return { value: new Date(Date.UTC(d.year, d.month - 1, d.day)) };
    }
    case 'datetime': {
      // Excel has no time zones: write the wall-clock time in Vietnam.
      const p = vietnamParts(value);
      return { value: p ? new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)) : null };
    }
    default:
      return { value: value instanceof Date ? value.toISOString() : String(value) };
  }
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
export function safeSheetName(name: string | undefined): string {
  const cleaned = (name ?? 'Sheet1').replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31);
  return cleaned || 'Sheet1';
}

export async function streamXlsx<R>(table: ExportTable<R>, out: Writable): Promise<void> {
  await streamXlsxBook([table], out);
}

/** Several tables, one worksheet each, in one workbook (sheet names must differ). */
export async function streamXlsxBook<R>(tables: ReadonlyArray<ExportTable<R>>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Quản lý đào tạo LLCT';
  for (const table of tables) await writeSheet(workbook, table);
  await workbook.commit();
}

async function writeSheet<R>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTable<R>): Promise<void> {
  const titleRows = table.title?.length ?? 0;
  const sheet = workbook.addWorksheet(safeSheetName(table.sheetName), {
    views: [{ state: 'frozen', ySplit: titleRows + 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    width: c.width ?? Math.min(50, Math.max(10, c.header.length + 2)),
    style: { numFmt: columnFormat(c) },
  }));
  for (const line of table.title ?? []) {
    const row = sheet.addRow([line]);
    row.font = { bold: true, size: 13 };
    row.commit();
  }
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.numFmt = '@';
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  header.commit();
  for await (const item of eachRow(table.rows)) {
    const row = sheet.addRow([]);
    table.columns.forEach((column, i) => {
      const { value, numFmt } = xlsxCell(column, cellInput(column, item));
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
    });
    row.commit();
  }
  sheet.commit();
}

export async function writeXlsx<R>(table: ExportTable<R>): Promise<Buffer> {
  return writeXlsxBook([table]);
}

export async function writeXlsxBook<R>(tables: ReadonlyArray<ExportTable<R>>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await streamXlsxBook(tables, out);
  await ended;
  return Buffer.concat(chunks);
}
