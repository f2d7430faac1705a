// Hand-made zip files for the intake tests: real deflate, with sizes, CRCs and flags that may lie on purpose.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipSpec {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflate (default). */
  method?: number;
  /** The uncompressed size written in the headers, if not the real one. */
  declaredSize?: number;
  crc?: number;
  flags?: number;
}

export function makeZip(specs: readonly ZipSpec[], options: { entryCount?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const spec of specs) {
    const data = Buffer.isBuffer(spec.data) ? spec.data : Buffer.from(spec.data, 'utf8');
    const method = spec.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(spec.name, 'utf8');
    const crc = spec.crc ?? crc32(data);
    const size = spec.declaredSize ?? data.length;
    const flags = spec.flags ?? 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(header, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.entryCount ?? specs.length, 8);
  end.writeUInt16LE(options.entryCount ?? specs.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** XML-escapes text for an inline string. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A sheet's <sheetData> from rows of inline strings and numbers. */
export function sheetDataXml(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  return `<sheetData>${rows
    .map((cells, r) => `<row r="${r + 1}">${cells
      .map((v, i) => (v === null ? '' : typeof v === 'number' ? `<c r="${col(i)}${r + 1}"><v>${v}</v></c>` : `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`))
      .join('')}</row>`)
    .join('')}</sheetData>`;
}

export interface WorkbookSpec {
  sheets: Array<{ name: string; xml: string; state?: 'hidden' }>;
  workbookPr?: string;
  extra?: ZipSpec[];
  styles?: string;
}

/** A minimal but well-formed .xlsx package around the given worksheet XML. */
export function makeXlsx(spec: WorkbookSpec): Buffer {
  const sheets = spec.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  const rels = spec.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const styleRel = spec.styles ? `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>` : '';
  return makeZip([
    { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.workbookPr ?? ''}<sheets>${sheets}</sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG}">${rels}${styleRel}</Relationships>` },
    ...spec.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
    ...(spec.styles ? [{ name: 'xl/styles.xml', data: spec.styles }] : []),
    ...(spec.extra ?? []),
  ]);
}

export const worksheet = (sheetData: string, after = '') => `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${sheetData}${after}</worksheet>`;
