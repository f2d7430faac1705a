import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { readSpreadsheet } from '../../../server/imports/read-file.js';
import { buildRosterPreview } from '../../../server/imports/roster-preview.js';
import { expectAppError } from '../../helpers/expect-app-error.js';
import { makeXlsx, makeZip, sheetDataXml, worksheet } from '../../helpers/zip.js';

const csv = (text: string, bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
const cellsOf = async (buffer: Buffer) => (await readSpreadsheet(buffer, 'f')).rows.map((r) => [r.row, ...r.cells]);

describe('file intake: what is refused', () => {
  const cases: Array<[string, Buffer, string]> = [
    ['an empty file', Buffer.alloc(0), 'imports.file.empty'],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'imports.file.notSpreadsheet'],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'imports.file.notSpreadsheet'],
    ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'imports.file.notSpreadsheet'],
    ['an Excel 97–2003 .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'imports.file.xls'],
    ['an HTML table saved as .xls', Buffer.from('\uFEFF  <html><body><table><tr><td>Họ và tên</td></tr></table></body></html>'), 'imports.file.markup'],
    ['SpreadsheetML 2003 XML', Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), 'imports.file.markup'],
    ['random bytes', Buffer.from(Array.from({ length: 2000 }, (_v, i) => (i * 7919 + 13) % 256)), 'imports.file.notUtf8'],
    ['UTF-16 text with a BOM (Excel "Unicode Text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên\tNgày sinh\r\n', 'utf16le')]), 'imports.file.utf16'],
    ['UTF-16 text without a BOM', Buffer.from('Ho va ten,Ngay sinh\r\nNguyen Van A,1990\r\n', 'utf16le'), 'imports.file.utf16'],
    // "Nguyễn Thị Hằng" in Windows-1258: base letters followed by combining-tone bytes, not valid UTF-8.
    ['a CSV saved in Windows-1258', Buffer.from([0x48, 0xf7, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x0d, 0x0a, 0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), 'imports.file.notUtf8'],
    ['binary data that is valid UTF-8', Buffer.from('Họ và tên\u0001\u0002\u0003,x\n'), 'imports.file.notSpreadsheet'],
    ['an OpenDocument spreadsheet', makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 }, { name: 'content.xml', data: '<x/>' }]), 'imports.file.ods'],
    ['a zip that is not a workbook (.docx)', makeZip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'imports.file.notXlsx'],
    ['an .xlsx without any worksheet', makeXlsx({ sheets: [] }), 'imports.file.noWorksheet'],
    ['an .xlsx whose only sheet is hidden', makeXlsx({ sheets: [{ name: 'An', xml: worksheet(sheetDataXml([['Họ và tên']])), state: 'hidden' }] }), 'imports.file.noWorksheet'],
  ];
  for (const [what, bytes, key] of cases) {
    it(`when the file is ${what}, then it is refused as invalid (422) with ${key}`, async () => {
      await expectAppError(readSpreadsheet(bytes, 'danh-sach.xlsx'), 'invalid', key);
    });
  }

  it('when the file is larger than 5 MB, then it is refused as too large (413) before being read', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    const error = await expectAppError(readSpreadsheet(big, 'x.csv'), 'too_large', 'imports.file.tooLarge');
    expect(error.params).to.deep.equal({ maxMb: 5 });
  });

  it('when a CSV has 10,001 data rows, then it is refused as too large, and 10,000 are accepted', async () => {
    const file = (n: number) => csv(['Họ và tên,Ngày sinh', ...Array.from({ length: n }, (_v, i) => `Người ${i},1990`)].join('\n'));
    const options = { findExisting: async () => new Map() };
    await expectAppError(buildRosterPreview(file(10_001), 'x.csv', options), 'too_large', 'imports.file.tooManyRows');
    expect((await buildRosterPreview(file(10_000), 'x.csv', options)).rows).to.have.length(10_000);
  });

  it('when an .xlsx has 10,200 filled rows, then it is refused as too large before exceljs reads them', async () => {
    const rows = [['Họ và tên', 'Ngày sinh'], ...Array.from({ length: 10_200 }, (_v, i) => [`Người ${i}`, 1990])];
    await expectAppError(readSpreadsheet(makeXlsx({ sheets: [{ name: 'S', xml: worksheet(sheetDataXml(rows)) }] }), 'x.xlsx'), 'too_large', 'imports.file.tooManyRows');
  });

  it('when an .xlsx is a decompression bomb (a sheet of zeros), then it is refused as too large', async () => {
    const bomb = makeXlsx({ sheets: [{ name: 'S', xml: worksheet('<sheetData/>') }], extra: [{ name: 'xl/media/image1.png', data: Buffer.alloc(40 * 1024 * 1024) }] });
    await expectAppError(readSpreadsheet(bomb, 'x.xlsx'), 'too_large', 'imports.file.zipBomb');
  });

  it('when an .xlsx is truncated, then it is refused as damaged', async () => {
    const xlsx = makeXlsx({ sheets: [{ name: 'S', xml: worksheet(sheetDataXml([['Họ và tên']])) }] });
    await expectAppError(readSpreadsheet(xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'x.xlsx'), 'invalid', 'imports.file.damaged');
  });
});

describe('file intake: CSV', () => {
  it('when a CSV has a BOM or not, then the rows are the same', async () => {
    const text = 'Họ và tên,Ngày sinh\r\nNguyễn Thị Hằng,17/05/1990\r\n';
    expect(await cellsOf(csv(text, true))).to.deep.equal(await cellsOf(csv(text)));
    expect(await cellsOf(csv(text, true))).to.deep.equal([[1, 'Họ và tên', 'Ngày sinh'], [2, 'Nguyễn Thị Hằng', '17/05/1990']]);
  });

  it('when a CSV comes from Excel set to Vietnamese (semicolons, decimal commas), then semicolons separate the fields', async () => {
    const file = await readSpreadsheet(csv('Họ và tên;Điểm;Đơn vị công tác\nLê Văn Nam;8,5;UBND xã Lạc Đạo, huyện Văn Lâm\n', true), 'x.csv');
    expect(file.delimiter).to.equal(';');
    expect(file.rows[1]!.cells).to.deep.equal(['Lê Văn Nam', '8,5', 'UBND xã Lạc Đạo, huyện Văn Lâm']);
  });

  it('when a field is quoted, then delimiters, doubled quotes and line breaks inside it are kept', async () => {
    const rows = await cellsOf(csv('Họ và tên,Ghi chú\n"Trần, Văn Ba","Nói ""xin chào""\nhai dòng"\nĐỗ Thị Tư,x\n'));
    expect(rows).to.deep.equal([[1, 'Họ và tên', 'Ghi chú'], [2, 'Trần, Văn Ba', 'Nói "xin chào"\nhai dòng'], [3, 'Đỗ Thị Tư', 'x']]);
  });

  it('when a CSV starts with "sep=;", then that line sets the delimiter and is not a row', async () => {
    const file = await readSpreadsheet(csv('sep=;\r\nHọ và tên;Năm sinh\r\nA;1990\r\n'), 'x.csv');
    expect(file.rows.map((r) => [r.row, ...r.cells])).to.deep.equal([[2, 'Họ và tên', 'Năm sinh'], [3, 'A', '1990']]);
  });

  it('when lines end in CR only or the file has blank lines, then row numbers still count every line', async () => {
    expect(await cellsOf(csv('Họ và tên,Năm sinh\r\rA,1990\r,\rB,1991'))).to.deep.equal([[1, 'Họ và tên', 'Năm sinh'], [3, 'A', '1990'], [5, 'B', '1991']]);
  });
});

describe('file intake: .xlsx', () => {
  it('when a workbook made by Excel-like tools has dates, numbers and strings, then the first sheet is read with its row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['DANH SÁCH HỌC VIÊN']);
    sheet.addRow([]);
    sheet.addRow(['Họ và tên', 'Ngày sinh', 'Điểm']);
    sheet.addRow(['Nguyễn Thị Hằng', new Date(Date.UTC(1990, 4, 17)), 8.5]);
    sheet.getCell('B4').numFmt = 'dd/mm/yyyy';
    workbook.addWorksheet('Sheet2').addRow(['ignored']);
    const file = await readSpreadsheet(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx');
    expect(file.format).to.equal('xlsx');
    expect(file.sheetName).to.equal('Danh sách');
    expect(file.rows.map((r) => r.row)).to.deep.equal([1, 3, 4]);
    const [name, birth, score] = file.rows[2]!.cells;
    expect(name).to.equal('Nguyễn Thị Hằng');
    expect((birth as Date).toISOString()).to.equal('1990-05-17T00:00:00.000Z');
    expect(score).to.equal(8.5);
  });

  it('when the first sheet is hidden, then the first visible one is read', async () => {
    const xlsx = makeXlsx({
      sheets: [
        { name: 'Ẩn', xml: worksheet(sheetDataXml([['hidden']])), state: 'hidden' },
        { name: 'Danh sách', xml: worksheet(sheetDataXml([['Họ và tên'], ['A']])) },
      ],
    });
    const file = await readSpreadsheet(xlsx, 'x.xlsx');
    expect(file.sheetName).to.equal('Danh sách');
    expect(file.rows.map((r) => r.cells[0])).to.deep.equal(['Họ và tên', 'A']);
  });

  it('when a sheet has validation on whole columns and a merge over the whole sheet, then it is read at once (exceljs alone would hang)', async () => {
    const after =
      '<mergeCells count="1"><mergeCell ref="C3:XFD1048576"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" sqref="A1:N1048576"><formula1>"Nam,Nữ"</formula1></dataValidation></dataValidations>';
    const xlsx = makeXlsx({ sheets: [{ name: 'S', xml: worksheet(sheetDataXml([['Họ và tên', 'Giới tính'], ['A', 'Nam']]), after) }] });
    const started = Date.now();
    const file = await readSpreadsheet(xlsx, 'x.xlsx');
    expect(Date.now() - started).to.be.below(2000);
    expect(file.rows[1]!.cells).to.deep.equal(['A', 'Nam']);
  });

  it('when every element carries a namespace prefix (OpenXML SDK), then the sheet is still read', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xml = `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Họ và tên</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const file = await readSpreadsheet(makeXlsx({ sheets: [{ name: 'S', xml }] }), 'x.xlsx');
    expect(file.rows.map((r) => r.cells[0])).to.deep.equal(['Họ và tên', 42]);
  });

  it('when the workbook uses the 1904 date system, then date cells keep their real dates', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    // 17/05/1990 is serial 33010 in the 1900 system and 31548 in the 1904 one.
    const xml = worksheet('<sheetData><row r="1"><c r="A1" s="1"><v>31548</v></c></row></sheetData>');
    const file = await readSpreadsheet(makeXlsx({ sheets: [{ name: 'S', xml }], styles, workbookPr: '<workbookPr date1904="1"/>' }), 'x.xlsx');
    expect((file.rows[0]!.cells[0] as Date).toISOString().slice(0, 10)).to.equal('1990-05-17');
  });

  it('when styled but empty cells and rows fill the sheet, then they are dropped before parsing', async () => {
    const empty = Array.from({ length: 30_000 }, (_v, i) => `<row r="${i + 3}" s="1" customFormat="1"><c r="A${i + 3}" s="1"/><c r="B${i + 3}" s="1"/></row>`).join('');
    const xml = worksheet(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c></row>${empty}</sheetData>`);
    const file = await readSpreadsheet(makeXlsx({ sheets: [{ name: 'S', xml }] }), 'x.xlsx');
    expect(file.rows).to.have.length(2);
  });

  it('when a cell holds an Excel error, then it is passed on as an error value', async () => {
    const xml = worksheet('<sheetData><row r="1"><c r="A1" t="e"><v>#N/A</v></c></row></sheetData>');
    const file = await readSpreadsheet(makeXlsx({ sheets: [{ name: 'S', xml }] }), 'x.xlsx');
    expect(file.rows[0]!.cells[0]).to.deep.equal({ error: '#N/A' });
  });

  it('when the same bytes are read twice, then the SHA-256 is the same, and differs for other bytes', async () => {
    const a = await readSpreadsheet(csv('Họ và tên\nA\n'), 'a.csv');
    const b = await readSpreadsheet(csv('Họ và tên\nA\n'), 'b.csv');
    const c = await readSpreadsheet(csv('Họ và tên\nB\n'), 'a.csv');
    expect(a.sha256).to.match(/^[0-9a-f]{64}$/).and.equal(b.sha256);
    expect(c.sha256).not.to.equal(a.sha256);
  });
});
