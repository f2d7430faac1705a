// Sending an export table in the format the URL asks for (.xlsx or .csv).
import type { NextFunction, Request, Response } from 'express';
import { writeCsv } from './csv-write.js';
import { sendSpreadsheet, type SpreadsheetFormat } from './send.js';
import type { ExportTable } from './table.js';
import { writeXlsx } from './xlsx-write.js';

const isFormat = (value: unknown): value is SpreadsheetFormat => value === 'xlsx' || value === 'csv';

/** Guard for a route ending in `.:format`: xlsx or csv go on, anything else to the next route (roster.pdf is the documents'). */
export function spreadsheetFormat(req: Request, _res: Response, next: NextFunction): void {
  if (isFormat(req.params.format)) next();
  else next('route');
}

/** The format of a route behind `spreadsheetFormat`. */
export const formatOf = (req: Request): SpreadsheetFormat => req.params.format as SpreadsheetFormat;

/** Sends the table in the format of the URL (behind `spreadsheetFormat`), as `${baseName}.xlsx|csv`. */
export async function sendTable<R>(req: Request, res: Response, table: ExportTable<R>, baseName: string): Promise<void> {
  const format = req.params.format as SpreadsheetFormat;
  const buffer = format === 'xlsx' ? await writeXlsx(table) : await writeCsv(table);
  sendSpreadsheet(res, { buffer, fileName: `${baseName}.${format}`, format });
}
