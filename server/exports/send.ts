// Sending an exported or generated file: the right type, and a download name that every browser keeps
// (an ASCII name, with the Vietnamese one alongside in filename*).
import type { Response } from 'express';

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export type SpreadsheetFormat = keyof typeof CONTENT_TYPES;

export function sendSpreadsheet(res: Response, file: { buffer: Buffer; fileName: string; format: SpreadsheetFormat }): void {
  res.attachment(file.fileName);
  res.type(CONTENT_TYPES[file.format]);
  res.set('Cache-Control', 'private, no-store');
  res.send(file.buffer);
}
