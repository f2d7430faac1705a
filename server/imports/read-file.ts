// File intake: what the bytes are decides how they are read — never the file name, which people get wrong.
// .xlsx (a zip) and UTF-8 CSV are read; everything else is refused with a message that says what to do.
// Whatever happens inside, the caller sees rows or an AppError (invalid / too_large), never another error.
import { createHash } from 'node:crypto';
import { AppError } from '../http/errors.js';
import { readCsv } from './csv-read.js';
import { LIMITS } from './limits.js';
import type { SheetData } from './sheet.js';
import { readXlsx } from './xlsx-read.js';

export interface SpreadsheetFile extends SheetData {
  fileName: string;
  /** Hex SHA-256 of the bytes: the same file committed twice to a course is recognised by it. */
  sha256: string;
  bytes: number;
}

const startsWith = (buffer: Buffer, ...bytes: number[]) => bytes.every((b, i) => buffer[i] === b);

type Kind = 'xlsx' | 'csv' | 'xls' | 'markup' | 'other';

export function sniff(buffer: Buffer): Kind {
  if (startsWith(buffer, 0x50, 0x4b, 0x03, 0x04) || startsWith(buffer, 0x50, 0x4b, 0x05, 0x06)) return 'xlsx';
  // OLE2 compound file: Excel 97–2003 .xls, and also any password-protected .xlsx.
  if (startsWith(buffer, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls';
  const binary = [
    [0x25, 0x50, 0x44, 0x46], // %PDF
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, AVI, WAV)
    [0x1f, 0x8b], // gzip
    [0x37, 0x7a, 0xbc, 0xaf], // 7z
    [0x52, 0x61, 0x72, 0x21], // RAR
    [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  ];
  if (binary.some((magic) => startsWith(buffer, ...magic))) return 'other';
  // Many programs "export to Excel" as an HTML table or SpreadsheetML 2003 XML named .xls.
  const head = buffer.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '').trimStart();
  if (head.startsWith('<')) return 'markup';
  return 'csv';
}

export async function readSpreadsheet(buffer: Buffer, fileName: string): Promise<SpreadsheetFile> {
  if (buffer.length === 0) throw new AppError('invalid', 'imports.file.empty');
  if (buffer.length > LIMITS.maxBytes) {
    throw new AppError('too_large', 'imports.file.tooLarge', { params: { maxMb: LIMITS.maxBytes / (1024 * 1024) } });
  }
  const kind = sniff(buffer);
  if (kind === 'xls') throw new AppError('invalid', 'imports.file.xls');
  if (kind === 'markup') throw new AppError('invalid', 'imports.file.markup');
  if (kind === 'other') throw new AppError('invalid', 'imports.file.notSpreadsheet');

  let sheet: SheetData;
  try {
    sheet = kind === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A reader tripped over something the checks let through: still the file's fault, never a 500.
    throw new AppError('invalid', kind === 'xlsx' ? 'imports.file.damaged' : 'imports.file.notSpreadsheet', { cause: err });
  }
  return { ...sheet, fileName, sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length };
}
