import { expect } from 'chai';
import { AppError } from '../../../server/http/errors.js';
import { dateStyles, elements, readSheetXml, sharedStrings } from '../../../server/imports/sheet-xml.js';

const read = (sheetData: string, extra: Partial<Parameters<typeof readSheetXml>[0]> = {}) =>
  readSheetXml({ sheetData, sharedStrings: null, styles: null, date1904: false, maxColumns: 200, ...extra });

describe('reading worksheet XML without exceljs', () => {
  it('when cells are shared strings, inline strings, numbers, booleans, errors and formula results, then each reads as exceljs read it', () => {
    const sst = '<sst><si><t>Nguyễn Thị &amp; Hằng</t></si><si><r><t>Lê </t></r><r><t xml:space="preserve">Văn</t></r><rPh><t>phonetic</t></rPh></si><si/></sst>';
    const rows = read(
      '<sheetData><row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c><c r="D3" t="inlineStr"><is><t>x_x000D_y</t></is></c>' +
        '<c r="E3"><v>8.5</v></c><c r="F3" t="b"><v>1</v></c><c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A1</f><v>kết quả</v></c><c r="I3"><f>1+1</f></c></row></sheetData>',
      { sharedStrings: sst },
    );
    expect(rows).to.deep.equal([{ row: 3, cells: ['Nguyễn Thị & Hằng', null, 'Lê Văn', 'x\ry', 8.5, true, { error: '#N/A' }, 'kết quả'] }]);
  });

  it('when a number has a date format (built-in or custom), then it is a Date; other numbers stay numbers', () => {
    const styles =
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;Ngày&quot; 0"/></numFmts>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs></styleSheet>';
    expect(dateStyles(styles)).to.deep.equal([false, true, true, false, false]);
    const rows = read('<sheetData><row r="1"><c r="A1" s="1"><v>32980</v></c><c r="B1" s="2"><v>32980</v></c><c r="C1" s="3"><v>5</v></c><c r="D1"><v>1990</v></c></row></sheetData>', { styles });
    expect((rows[0]!.cells[0] as Date).toISOString()).to.equal('1990-04-17T00:00:00.000Z');
    expect((rows[0]!.cells[1] as Date).toISOString()).to.equal('1990-04-17T00:00:00.000Z');
    expect(rows[0]!.cells.slice(2)).to.deep.equal([5, 1990]);
    const in1904 = read('<sheetData><row r="1"><c r="A1" s="1"><v>31518</v></c></row></sheetData>', { styles, date1904: true });
    expect((in1904[0]!.cells[0] as Date).toISOString()).to.equal('1990-04-17T00:00:00.000Z');
  });

  it('when rows or cells have no reference, come out of order, or lie past the column limit, then they are placed as Excel shows them', () => {
    const rows = read('<sheetData><row r="5"><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>5</v></c><c r="F5"><v>6</v></c></row><row r="2"><c r="A2"><v>9</v></c></row><row><c r="A3"><v>3</v></c></row></sheetData>', { maxColumns: 5 });
    expect(rows).to.deep.equal([
      { row: 2, cells: [9] },
      { row: 3, cells: [3] },
      { row: 5, cells: [1, 2, null, null, 5] },
    ]);
  });

  it('when an element is never closed, even 200,000 times over, then the file is damaged, at once', () => {
    const started = Date.now();
    expect(() => read(`<sheetData><row r="1">${'<c r="A1"><v>1</v>'.repeat(200_000)}</row></sheetData>`)).to.throw(AppError, 'imports.file.damaged');
    expect(() => read(`<sheetData>${'<row r="1">'.repeat(200_000)}</sheetData>`)).to.throw(AppError, 'imports.file.damaged');
    expect(() => sharedStrings(`<sst>${'<si><t>a'.repeat(200_000)}</sst>`)).to.throw(AppError, 'imports.file.damaged');
    expect(Date.now() - started).to.be.below(2000);
  });

  it('when a name only starts like the element, then it is not taken for it', () => {
    expect([...elements('<rows/><row r="1"/><rowBreaks/>', 'row')].map((e) => e.tag)).to.deep.equal(['<row r="1"/>']);
  });
});
