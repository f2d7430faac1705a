// Reading a worksheet's cells straight from its XML: <sheetData> (already cleaned by xlsx-read.ts), the shared
// strings and the styles (which say which numbers are dates). This replaces exceljs for reading: exceljs builds a
// whole workbook model — for a 10,000-row roster about 100 MB more at the peak — where one pass over the text and
// one small object per cell do. Values come out as exceljs gave them: text, numbers, booleans, Dates for numbers
// in a date format (same serial arithmetic), { error } for error cells, the cached result of a formula.
import { AppError } from '../http/errors.js';
import type { CellValue, SheetRow } from './sheet.js';
import { isBlank } from './sheet.js';

const damaged = () => new AppError('invalid', 'imports.file.damaged');

interface Element {
  /** The start tag, "<c r="A1" t="s">". */
  tag: string;
  /** What is between the start and the end tag; null for an empty element "<c/>". */
  inner: string | null;
  start: number;
  end: number;
}

const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]); // whitespace, '>' and '/'

/**
 * The elements <name …>…</name> and <name …/> of `xml`, in order, found with indexOf alone: one pass, so no
 * file — an unclosed tag, a million of them — can make the reading slower than linear. Not for elements nested in
 * themselves (none of those read here are). An unclosed element is a damaged file.
 */
export function* elements(xml: string, name: string): Generator<Element> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let at = 0;
  for (;;) {
    const start = xml.indexOf(open, at);
    if (start < 0) return;
    if (!NAME_END.has(xml.charCodeAt(start + open.length))) {
      at = start + open.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) throw damaged();
    const tag = xml.slice(start, tagEnd + 1);
    if (xml.charCodeAt(tagEnd - 1) === 0x2f) {
      yield { tag, inner: null, start, end: tagEnd + 1 };
      at = tagEnd + 1;
      continue;
    }
    const closeAt = xml.indexOf(close, tagEnd + 1);
    if (closeAt < 0) throw damaged();
    yield { tag, inner: xml.slice(tagEnd + 1, closeAt), start, end: closeAt + close.length };
    at = closeAt + close.length;
  }
}

const first = (xml: string, name: string) => {
  for (const e of elements(xml, name)) return e;
  return undefined;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then OOXML's _xHHHH_ escapes of characters XML cannot hold. */
export function xmlText(s: string): string {
  const decoded = s.indexOf('&') < 0 ? s : s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return decoded.indexOf('_x') < 0 ? decoded : decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ATTRIBUTES = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name);
  if (!re) ATTRIBUTES.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The text of a run container (<si>, <is>): every <t>, phonetic guides (<rPh>) left out. */
function runText(xml: string): string {
  let body = xml;
  if (xml.indexOf('<rPh') >= 0) {
    body = '';
    let at = 0;
    for (const e of elements(xml, 'rPh')) {
      body += xml.slice(at, e.start);
      at = e.end;
    }
    body += xml.slice(at);
  }
  let out = '';
  for (const e of elements(body, 't')) out += e.inner ?? '';
  return xmlText(out);
}

export function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const e of elements(xml, 'si')) out.push(e.inner ? runText(e.inner) : '');
  return out;
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30 and the East Asian ones exceljs knows).
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

/** exceljs's rule: a format is a date once quoted text and [..] sections are gone and y, m, d, h, s or b remain. */
export const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style index (the `s` of a cell), whether its number format is a date. */
export function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const e of elements(xml, 'numFmt')) {
    const id = Number(attr(e.tag, 'numFmtId'));
    const code = attr(e.tag, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, xmlText(code));
  }
  const xfs = first(xml, 'cellXfs')?.inner ?? '';
  return [...elements(xfs, 'xf')].map((e) => {
    const id = Number(attr(e.tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
  });
}

/** exceljs's serial-to-date arithmetic, so a date reads the same as before. */
export const excelDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

/** "AB12" → 27 (1-based column); null when the reference is missing or malformed. */
function columnOf(ref: string | undefined): number | null {
  if (!ref) return null;
  const m = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellValue(type: string | undefined, inner: string, strings: readonly string[], isDate: boolean, date1904: boolean): CellValue {
  if (type === 'inlineStr') {
    const is = first(inner, 'is')?.inner;
    return is === undefined || is === null ? null : runText(is);
  }
  const raw = first(inner, 'v')?.inner;
  if (raw === undefined || raw === null) return null;
  switch (type) {
    case 's': {
      const s = strings[Number(raw)];
      return s === undefined ? null : s;
    }
    case 'str':
      return xmlText(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    case 'e':
      return { error: xmlText(raw).trim() };
    case 'd': {
      const d = new Date(xmlText(raw).trim());
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default: {
      const text = raw.trim();
      if (text === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return null;
      if (!isDate) return n;
      const d = excelDate(n, date1904);
      return Number.isNaN(d.getTime()) ? null : d;
    }
  }
}

export interface SheetXml {
  /** The cleaned <sheetData> (see cleanSheetData). */
  sheetData: string;
  sharedStrings: string | null;
  styles: string | null;
  date1904: boolean;
  maxColumns: number;
}

/** The non-empty rows, in row order, cells from column A (gaps are null). */
export function readSheetXml(parts: SheetXml): SheetRow[] {
  const strings = sharedStrings(parts.sharedStrings);
  const dates = dateStyles(parts.styles);
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  for (const re of elements(parts.sheetData, 'row')) {
    const r = Number(attr(re.tag, 'r'));
    rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
    const cells: CellValue[] = [];
    let column = 0;
    for (const ce of elements(re.inner ?? '', 'c')) {
      column = columnOf(attr(ce.tag, 'r')) ?? column + 1;
      if (column > parts.maxColumns || ce.inner === null) continue;
      const style = Number(attr(ce.tag, 's') ?? 0);
      const value = cellValue(attr(ce.tag, 't'), ce.inner, strings, dates[style] ?? false, parts.date1904);
      if (value !== null) cells[column - 1] = value;
    }
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (cells.some((c) => !isBlank(c))) rows.push({ row: rowNumber, cells });
  }
  // Rows out of order in the XML (rare generators) are put back in order, as Excel shows them.
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.row < rows[i - 1]!.row) {
      rows.sort((a, b) => a.row - b.row);
      break;
    }
  }
  return rows;
}
