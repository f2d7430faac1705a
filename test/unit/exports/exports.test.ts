import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { writeCsv } from '../../../server/exports/csv-write.js';
import { startsLikeFormula } from '../../../server/exports/escape.js';
import type { ExportColumn } from '../../../server/exports/table.js';
import { safeSheetName, writeXlsx } from '../../../server/exports/xlsx-write.js';

interface Row {
  name: string;
  count: number | string | null;
  rate: number | null;
  day: string | number | null;
  at: Date | null;
}
const COLUMNS: Array<ExportColumn<Row>> = [
  { header: 'Đơn vị', type: 'text', key: 'name' },
  { header: 'TH số học viên (lượt)', type: 'number', key: 'count' },
  { header: 'Tỷ lệ % TH/KH', type: 'percent', key: 'rate' },
  { header: 'Ngày', type: 'date', key: 'day' },
  { header: 'Thời điểm', type: 'datetime', key: 'at' },
];
const ROWS: Row[] = [
  { name: 'Trung tâm Chính trị huyện Văn Lâm', count: 27010, rate: 0.985, day: '2024-12-15', at: new Date('2024-12-15T17:30:00Z') },
  { name: '=HYPERLINK("http://x","bấm")', count: -5, rate: null, day: 1985, at: null },
  { name: '+84 912', count: '12.5', rate: 1, day: null, at: null },
  { name: '-Bí thư, "chi bộ"', count: null, rate: 0.5, day: null, at: null },
  { name: '@SUM(A1)', count: 0, rate: 0, day: null, at: null },
  { name: '\tẩn', count: null, rate: null, day: null, at: null },
  { name: '\rẩn', count: null, rate: null, day: null, at: null },
];

const csvLines = async (options = {}) => (await writeCsv({ columns: COLUMNS, rows: ROWS }, options)).toString('utf8');

describe('export: CSV', () => {
  it('when a table is written, then it is UTF-8 with a BOM and CRLF line ends', async () => {
    const buffer = await writeCsv({ columns: COLUMNS, rows: ROWS });
    expect([...buffer.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).to.equal('Đơn vị,TH số học viên (lượt),Tỷ lệ % TH/KH,Ngày,Thời điểm');
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).not.to.match(/\n(?!ẩn)/);
  });

  it('when values are numbers, percentages and dates, then they are written as such: dd/mm/yyyy, Vietnam time', async () => {
    const lines = (await csvLines()).slice(1).split('\r\n');
    expect(lines[1]).to.equal('Trung tâm Chính trị huyện Văn Lâm,27010,98.5%,15/12/2024,16/12/2024 00:30');
    expect(lines[2]!.split(',').slice(-4)).to.deep.equal(['-5', '', '1985', '']);
    expect(lines[3]).to.equal("'+84 912,12.5,100%,,");
  });

  it('when a text cell starts with =, +, -, @, tab or CR, then it is guarded with an apostrophe; a negative number is not', async () => {
    const text = await csvLines();
    expect(text).to.include(`"'=HYPERLINK(""http://x"",""bấm"")",-5,`);
    expect(text).to.include(`"'-Bí thư, ""chi bộ""",,50%`);
    expect(text).to.include(`'@SUM(A1),0,0%`);
    expect(text).to.include(`\r\n'\tẩn,`);
    expect(text).to.include(`"'\rẩn"`);
    for (const s of ['=', '+', '-', '@', '\t', '\r']) expect(startsLikeFormula(`${s}x`), JSON.stringify(s)).to.equal(true);
    expect(startsLikeFormula('Nguyễn')).to.equal(false);
  });

  it('when the delimiter is a semicolon (Excel in Vietnamese), then decimals use a comma', async () => {
    const lines = (await csvLines({ delimiter: ';' })).slice(1).split('\r\n');
    expect(lines[1]).to.equal('Trung tâm Chính trị huyện Văn Lâm;27010;98,5%;15/12/2024;16/12/2024 00:30');
    expect(lines[3]).to.equal("'+84 912;12,5;100%;;");
  });
});

describe('export: .xlsx', () => {
  async function readBack(buffer: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook.worksheets[0]!;
  }

  it('when a table is written, then numbers are numbers, dates are dates and text is Text-formatted', async () => {
    const sheet = await readBack(await writeXlsx({ columns: COLUMNS, rows: ROWS, sheetName: 'Biểu 1' }));
    expect(sheet.name).to.equal('Biểu 1');
    expect(sheet.getRow(1).values).to.deep.equal([undefined, 'Đơn vị', 'TH số học viên (lượt)', 'Tỷ lệ % TH/KH', 'Ngày', 'Thời điểm']);
    expect(sheet.getCell('A1').font?.bold).to.equal(true);
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('B2').value).to.equal(27010);
    expect(sheet.getCell('B3').value).to.equal(-5);
    expect(sheet.getCell('B4').value).to.equal(12.5);
    expect(sheet.getCell('C2').value).to.equal(0.985);
    expect(sheet.getCell('C2').numFmt).to.equal('0.0%');
    expect((sheet.getCell('D2').value as Date).toISOString()).to.equal('2024-12-15T00:00:00.000Z');
    expect(sheet.getCell('D2').numFmt).to.equal('dd/mm/yyyy');
    expect(sheet.getCell('D3').value).to.equal(1985);
    expect(sheet.getCell('D3').numFmt).to.equal('0');
    expect((sheet.getCell('E2').value as Date).toISOString()).to.equal('2024-12-16T00:30:00.000Z');
  });

  it('when a text cell looks like a formula, then it is stored as a string in a Text cell, never as a formula', async () => {
    const sheet = await readBack(await writeXlsx({ columns: COLUMNS, rows: ROWS }));
    for (const address of ['A3', 'A4', 'A5', 'A6']) {
      const cell = sheet.getCell(address);
      expect(cell.type, address).to.equal(ExcelJS.ValueType.String);
      expect(cell.numFmt, address).to.equal('@');
    }
    expect(sheet.getCell('A3').value).to.equal('=HYPERLINK("http://x","bấm")');
  });

  it('when title lines and an async source are given, then the titles come first and the header row is frozen under them', async () => {
    async function* rows() {
      yield ROWS[0]!;
    }
    const sheet = await readBack(await writeXlsx({ columns: COLUMNS, rows: rows(), title: ['BIỂU 1', 'Năm 2024'] }));
    expect(sheet.getCell('A1').value).to.equal('BIỂU 1');
    expect(sheet.getCell('A3').value).to.equal('Đơn vị');
    expect(sheet.getCell('B4').value).to.equal(27010);
    expect(sheet.views[0]).to.include({ ySplit: 3 });
  });

  it('when a sheet name is too long or has forbidden characters, then it is made acceptable to Excel', () => {
    expect(safeSheetName('Danh sách học viên và kết quả lớp [2024]/khóa 2')).to.equal('Danh sách học viên và kết quả l');
    expect(safeSheetName('')).to.equal('Sheet1');
  });
});
