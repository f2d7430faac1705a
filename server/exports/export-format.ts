// Sending an export table in the format the URL asks for (.xlsx or .csv).
import type { Response } from 'express';
import { writeCsv } from './csv-write.js';
import { sendSpreadsheet, type SpreadsheetFormat } from './send.js';
import type { ExportTable } from './table.js';
import { writeXlsx } from './xlsx-write.js';

export const isFormat = (value: unknown): value is SpreadsheetFormat => value === 'xlsx' || value === 'csv';

export async function sendTable<R>(res: Response, table: ExportTable<R>, baseName: string, format: SpreadsheetFormat): Promise<void> {
  const buffer = format === 'xlsx' ? await writeXlsx(table) : await writeCsv(table);
  sendSpreadsheet(res, { buffer, fileName: `${baseName}.${format}`, format });
}
