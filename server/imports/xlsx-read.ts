// Reading the first worksheet of an .xlsx. Only the parts needed are read (zip.ts checks and bounds each): the
// workbook and its relationships to find the first visible worksheet, that sheet's <sheetData> (empty cells and rows
// dropped, row and cell counts bounded before anything is parsed), the shared strings and the styles (which say
// which numbers are dates); sheet-xml.ts turns them into rows. exceljs is not used to read: its loader expands
// every data-validation and merged range cell by cell (a 6 KB workbook with validation on whole columns kept it
// busy for minutes) and its workbook model cost about 100 MB for a 10,000-row roster.
import { AppError } from '../http/errors.js';
import { LIMITS } from './limits.js';
import type { SheetData } from './sheet.js';
import { readSheetXml } from './sheet-xml.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip.js';


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

export async function readXlsx(buffer: Buffer): Promise<SheetData> {
  const parts = locateFirstSheet(new Package(buffer));
  const rows = readSheetXml({
    sheetData: cleanSheetData(parts.sheetXml),
    sharedStrings: parts.sharedStrings ? withoutPrefix(parts.sharedStrings, 'sst') : null,
    styles: parts.styles ? withoutPrefix(parts.styles, 'styleSheet') : null,
    date1904: parts.date1904,
    maxColumns: LIMITS.maxColumns,
  });
  return { format: 'xlsx', sheetName: parts.sheetName, delimiter: null, rows };
}
