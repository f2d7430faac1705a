// CSV as Excel writes it: UTF-8 (the BOM optional), fields separated by a comma or — from Excel set to
// Vietnamese regional settings, whose list separator is ';' — a semicolon, quoted with "…" when needed, records
// ending in CRLF, LF or CR. The delimiter is whichever of the two occurs more often (outside quotes) in the first
// record, i.e. the header; a first line "sep=;" (which Excel also understands) decides it outright.
import { AppError } from '../http/errors.js';
import { isText } from '../lib/text.js';
import { LIMITS } from './limits.js';
import type { CellValue, SheetData, SheetRow } from './sheet.js';
import { isBlank } from './sheet.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The file's text, or a clear refusal when it is UTF-16, a legacy code page (Windows-1258, TCVN3) or binary. */
export function decodeCsvText(buffer: Buffer): string {
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new AppError('invalid', 'imports.file.utf16');
  }
  const head = buffer.subarray(0, 4096);
  const nuls = head.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  // UTF-16 without a BOM: every other byte of Latin text is zero.
  if (nuls > head.length / 4) throw new AppError('invalid', 'imports.file.utf16');
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    throw new AppError('invalid', 'imports.file.notUtf8');
  }
  // Text files hold no control characters other than tab and line ends; binary data that happens to be valid UTF-8 does.
  if (!isText(text)) throw new AppError('invalid', 'imports.file.notSpreadsheet');
  return text;
}

function detectDelimiter(text: string, from: number): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const tooManyRows = () => new AppError('too_large', 'imports.file.tooManyRows', { params: { max: LIMITS.maxDataRows } });

/** Records of RFC 4180 CSV; the record number (from 1) is the row Excel shows when it opens the file. */
export function parseCsv(text: string): { delimiter: ',' | ';'; rows: SheetRow[] } {
  let pos = 0;
  let record = 1;
  let delimiter: ',' | ';';
  const sep = /^sep=([,;])\r?\n?/i.exec(text);
  if (sep) {
    delimiter = sep[1] as ',' | ';';
    pos = sep[0].length;
    record = 2;
  } else {
    delimiter = detectDelimiter(text, 0);
  }

  const rows: SheetRow[] = [];
  let cells: CellValue[] = [];
  let field = '';
  let quoted = false;
  let cellCount = 0;
  const endField = () => {
    if (cells.length < LIMITS.maxColumns) cells.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    const filled = cells.reduce<number>((k, c) => k + (isBlank(c) ? 0 : 1), 0);
    if (filled > 0) {
      rows.push({ row: record, cells });
      cellCount += filled;
      if (rows.length > LIMITS.maxDataRows + LIMITS.maxExtraRows) throw tooManyRows();
      if (cellCount > LIMITS.maxCells) throw new AppError('too_large', 'imports.file.tooManyCells', { params: { max: LIMITS.maxCells } });
    }
    cells = [];
    record++;
  };

  const n = text.length;
  while (pos < n) {
    const ch = text[pos]!;
    if (quoted) {
      if (ch === '"') {
        if (text[pos + 1] === '"') {
          field += '"';
          pos += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      pos++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (after spaces Excel would not write, but people do).
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[pos + 1] === '\n') pos++;
    } else {
      field += ch;
    }
    pos++;
  }
  if (field !== '' || cells.length > 0 || quoted) endRecord();
  return { delimiter, rows };
}

export function readCsv(buffer: Buffer): SheetData {
  const text = decodeCsvText(buffer);
  const { delimiter, rows } = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { format: 'csv', sheetName: null, delimiter, rows };
}
