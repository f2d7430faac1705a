// CSV for other programs and for people who ask for it: UTF-8 with a BOM (without it Excel reads Vietnamese as
// mojibake), CRLF line ends, RFC 4180 quoting. The delimiter is a comma by default; with ';' (what Excel under
// Vietnamese regional settings expects) decimals are written with a comma too. Dates are dd/mm/yyyy.
import { guardCsvText } from './escape.js';
import { cellInput, eachRow, toDatePart, toNumber, vietnamParts, type CellInput, type ExportColumn, type ExportTable } from './table.js';

export interface CsvOptions {
  delimiter?: ',' | ';';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A number without float noise or exponent: 0.1 + 0.2 → "0.3"; decimals fixed when the column says so. */
function numberText(n: number, decimals: number | undefined, comma: boolean): string {
  let s = decimals === undefined ? String(Number(n.toPrecision(15))) : n.toFixed(decimals);
  if (/e/i.test(s)) s = n.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 15)));
  return comma ? s.replace('.', ',') : s;
}

export function csvCellText<R>(column: ExportColumn<R>, value: CellInput, comma = false): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'number': {
      const n = toNumber(value);
      return n === null ? '' : numberText(n, column.decimals, comma);
    }
    case 'percent': {
      const n = toNumber(value);
      return n === null ? '' : `${numberText(Number((n * 100).toFixed(column.decimals ?? 1)), undefined, comma)}%`;
    }
    case 'date': {
      const d = toDatePart(value);
      if (!d) return '';
      return d.month === null ? String(d.year) : `${pad(d.day)}/${pad(d.month)}/${d.year}`;
    }
    case 'datetime': {
      const p = vietnamParts(value);
      return p ? `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}` : '';
    }
    default:
      return guardCsvText(value instanceof Date ? value.toISOString() : String(value));
  }
}

function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}

export async function writeCsv<R>(table: ExportTable<R>, options: CsvOptions = {}): Promise<Buffer> {
  const delimiter = options.delimiter ?? ',';
  const comma = delimiter === ';';
  const lines: string[] = [table.columns.map((c) => quote(guardCsvText(c.header), delimiter)).join(delimiter)];
  for await (const row of eachRow(table.rows)) {
    lines.push(table.columns.map((c) => quote(csvCellText(c, cellInput(c, row), comma), delimiter)).join(delimiter));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
