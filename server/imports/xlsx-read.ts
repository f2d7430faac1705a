// Reading the first worksheet of an .xlsx. exceljs's loader expands every data-validation range and every merged
// range cell by cell, so a 6 KB workbook with validation on whole columns (common in real rosters) or one merge of
// A1:XFD1048576 keeps it busy for minutes. So exceljs is given a rebuilt workbook instead: our own workbook.xml
// naming one sheet, that sheet's <sheetData> alone (empty cells and rows dropped), and the shared strings and
// styles it refers to (styles tell exceljs which numbers are dates). Only entries checked by zip.ts get this far.
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.js';
import { LIMITS } from './limits.js';
import type { CellValue, SheetData, SheetRow } from './sheet.js';
import { isBlank } from './sheet.js';
import { readZipDirectory, readZipEntry, writeStoredZip, type ZipEntry } from './zip.js';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

const tags = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>`, 'g'))].map((m) => attributes(m[0]));

/** Some generators (the OpenXML SDK) write every element with a prefix, `<x:row>`; exceljs knows only `<row>`. */
function withoutPrefix(xml: string, root: string): string {
  const prefix = new RegExp(`<(\\w+):${root}\\b`).exec(xml.slice(0, 4096))?.[1];
  return prefix ? xml.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1') : xml;
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(xml: string): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  for (const a of tags(xml, 'Relationship')) {
    if (a.Id && a.Target && a.TargetMode !== 'External') map.set(a.Id, { type: a.Type ?? '', target: a.Target });
  }
  return map;
}

/** Resolves a relationship target against the folder of the part that names it, as OPC does. */
function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

class Package {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(private readonly zip: Buffer) {
    for (const entry of readZipDirectory(zip)) {
      this.byName.set(entry.name, entry);
      if (!this.byName.has(entry.name.toLowerCase())) this.byName.set(entry.name.toLowerCase(), entry);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name) || this.byName.has(name.toLowerCase());
  }

  read(name: string): Buffer | null {
    const entry = this.byName.get(name) ?? this.byName.get(name.toLowerCase());
    return entry ? readZipEntry(this.zip, entry) : null;
  }

  text(name: string): string | null {
    return this.read(name)?.toString('utf8') ?? null;
  }
}

const notXlsx = () => new AppError('invalid', 'imports.file.notXlsx');

interface SheetParts {
  sheetName: string;
  date1904: boolean;
  sheetXml: string;
  sharedStrings: string | null;
  styles: string | null;
}

function locateFirstSheet(pkg: Package): SheetParts {
  if (pkg.text('mimetype')?.startsWith('application/vnd.oasis.opendocument')) throw new AppError('invalid', 'imports.file.ods');
  const rootRels = pkg.text('_rels/.rels');
  const officeDoc = rootRels ? [...relationships(rootRels).values()].find((r) => r.type.endsWith('/officeDocument')) : undefined;
  const workbookPath = officeDoc ? resolvePart('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = pkg.text(workbookPath);
  if (workbookXml === null || !/<(?:\w+:)?workbook\b/.test(workbookXml)) throw notXlsx();

  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const file = workbookPath.slice(dir.length);
  const relsXml = pkg.text(`${dir}_rels/${file}.rels`);
  if (relsXml === null) throw notXlsx();
  const rels = relationships(relsXml);
  const partOfType = (suffix: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    return rel ? resolvePart(dir, rel.target) : null;
  };

  // The first sheet in tab order that people can see and that is a worksheet (not a chart sheet).
  const sheet = tags(workbookXml, 'sheet')
    .filter((a) => a.state !== 'hidden' && a.state !== 'veryHidden')
    .map((a) => ({ name: a.name ?? '', rel: rels.get(Object.entries(a).find(([k]) => /(^|:)id$/.test(k))?.[1] ?? '') }))
    .find((s) => s.rel?.type.endsWith('/worksheet') && pkg.has(resolvePart(dir, s.rel.target)));
  if (!sheet?.rel) throw new AppError('invalid', 'imports.file.noWorksheet');

  const workbookPr = tags(workbookXml, 'workbookPr')[0] ?? {};
  const stylesPath = partOfType('/styles');
  const stringsPath = partOfType('/sharedStrings');
  return {
    sheetName: sheet.name,
    date1904: workbookPr.date1904 === '1' || workbookPr.date1904 === 'true',
    sheetXml: pkg.text(resolvePart(dir, sheet.rel.target)) ?? '',
    sharedStrings: stringsPath ? pkg.text(stringsPath) : null,
    styles: stylesPath ? pkg.text(stylesPath) : null,
  };
}

const countOf = (s: string, re: RegExp) => {
  let n = 0;
  for (re.lastIndex = 0; re.exec(s); ) n++;
  return n;
};

/** The sheet's <sheetData> without empty cells and rows, and nothing else of the sheet. */
export function cleanSheetData(sheetXml: string): string {
  const xml = withoutPrefix(sheetXml, 'worksheet');
  const start = xml.search(/<sheetData\b/);
  if (start < 0) return '<sheetData/>';
  const end = xml.indexOf('</sheetData>', start);
  const body = end < 0 ? xml.slice(start, xml.indexOf('>', start) + 1) : xml.slice(start, end + '</sheetData>'.length);
  const cleaned = body
    .replace(/<c\b[^>]*\/>/g, '')
    .replace(/<row\b[^>]*\/>/g, '')
    .replace(/<row\b[^>]*>\s*<\/row>/g, '');
  if (countOf(cleaned, /<row\b/g) > LIMITS.maxDataRows + LIMITS.maxExtraRows) {
    throw new AppError('too_large', 'imports.file.tooManyRows', { params: { max: LIMITS.maxDataRows } });
  }
  if (countOf(cleaned, /<c\b/g) > LIMITS.maxCells) {
    throw new AppError('too_large', 'imports.file.tooManyCells', { params: { max: LIMITS.maxCells } });
  }
  return cleaned;
}

function rebuiltWorkbook(parts: SheetParts): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
  const files = [
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr${parts.date1904 ? ' date1904="1"' : ''}/>` +
          `<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${cleanSheetData(parts.sheetXml)}</worksheet>`) },
  ];
  if (parts.styles) files.push({ name: 'xl/styles.xml', data: Buffer.from(withoutPrefix(parts.styles, 'styleSheet'), 'utf8') });
  if (parts.sharedStrings) files.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(withoutPrefix(parts.sharedStrings, 'sst'), 'utf8') });
  return writeStoredZip(files);
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** exceljs's cell value (rich text, formula with result, hyperlink, error…) as a plain value. */
export function plainValue(value: ExcelValue, depth = 0): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (depth > 3 || typeof value !== 'object') return null;
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((r) => (typeof r?.text === 'string' ? r.text : '')).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result as ExcelValue, depth + 1);
  if ('hyperlink' in v || 'text' in v) return plainValue(v.text as ExcelValue, depth + 1);
  if (typeof v.error === 'string') return { error: v.error };
  return null;
}

export async function readXlsx(buffer: Buffer): Promise<SheetData> {
  const parts = locateFirstSheet(new Package(buffer));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(rebuiltWorkbook(parts) as unknown as ExcelJS.Buffer);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('invalid', 'imports.file.damaged', { cause: err });
  }
  const sheet = workbook.worksheets[0];
  const rows: SheetRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col <= LIMITS.maxColumns) cells[col - 1] = plainValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (cells.some((c) => !isBlank(c))) rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', sheetName: parts.sheetName, delimiter: null, rows };
}
