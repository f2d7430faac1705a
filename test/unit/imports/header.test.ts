import { expect } from 'chai';
import { fieldOfHeader, headerKey } from '../../../server/imports/columns.js';
import { mapColumns } from '../../../server/imports/header.js';
import type { CellValue, SheetRow } from '../../../server/imports/sheet.js';

const rows = (...cells: CellValue[][]): SheetRow[] => cells.map((c, i) => ({ row: i + 1, cells: c }));
const keys = (issues: Array<{ key: string }>) => issues.map((i) => i.key);

describe('header matching', () => {
  it('when headers differ in case, spacing, accents, đ, punctuation or line breaks, then they name the same column', () => {
    for (const h of ['Họ và tên', 'HỌ VÀ TÊN', 'ho va ten', '  Họ   và\ntên ', 'Ho Va Ten', 'Họ và tên'.normalize('NFD'), 'Họ tên', 'Họ, tên']) {
      expect(fieldOfHeader(h), h).to.equal('fullName');
    }
    expect(fieldOfHeader('Ngày, tháng, năm sinh')).to.equal('birthDate');
    expect(fieldOfHeader('NĂM SINH')).to.equal('birthDate');
    expect(fieldOfHeader('Số căn cước công dân')).to.equal('nationalId');
    expect(fieldOfHeader('CCCD')).to.equal('nationalId');
    expect(fieldOfHeader('Số CCCD (12 chữ số)')).to.equal('nationalId');
    expect(fieldOfHeader('Nơi công tác')).to.equal('workplace');
    expect(fieldOfHeader('ĐẢNG VIÊN')).to.equal('partyStatus');
    expect(fieldOfHeader('SĐT')).to.equal('phone');
    expect(fieldOfHeader('Chuyên cần (%)')).to.equal('attendance');
    expect(fieldOfHeader('Ghi chú')).to.equal(null);
    expect(headerKey('Đơn vị cử đi học')).to.equal('donvicudihoc');
  });

  it('when the header sits under a title block and a row of column numbers, then both are skipped', () => {
    const mapped = mapColumns(
      rows(['DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG'], ['Khóa 2 năm 2025'], ['STT', 'Họ và tên', 'Ngày sinh'], ['(1)', '(2)', '(3)'], [1, 'Lê Văn Nam', '1990']),
      'roster',
    );
    expect(mapped.map?.headerRow).to.equal(3);
    expect(mapped.dataRows.map((r) => r.row)).to.deep.equal([5]);
    expect(mapped.issues).to.deep.equal([]);
  });

  it('when the header is repeated on a later printed page, then the repeat is not a data row', () => {
    const mapped = mapColumns(rows(['Họ và tên', 'Ngày sinh'], ['A', '1990'], ['HỌ VÀ TÊN', 'NGÀY SINH'], ['B', '1991']), 'roster');
    expect(mapped.dataRows.map((r) => r.row)).to.deep.equal([2, 4]);
  });

  it('when a required column is missing, then the header row carries an error naming it, and no row is read', () => {
    const mapped = mapColumns(rows(['STT', 'Họ và tên', 'Giới tính'], [1, 'A', 'Nam']), 'roster');
    expect(mapped.map).to.equal(null);
    expect(mapped.issues).to.deep.equal([{ level: 'error', row: 1, column: 'Ngày sinh', key: 'imports.header.missing', params: { column: 'Ngày sinh' } }]);
  });

  it('when no row names a full-name column, then the error says the header was not found', () => {
    const mapped = mapColumns(rows(['Tên đơn vị', 'Số lượng'], ['X', 3]), 'roster');
    expect(keys(mapped.issues)).to.deep.equal(['imports.header.notFound']);
  });

  it('when a column is unknown, repeated, or holds results in a roster, then it is ignored with a warning', () => {
    const mapped = mapColumns(rows(['Họ và tên', 'Ngày sinh', 'Ghi chú', 'Họ tên', 'Điểm'], ['A', '1990', 'x', 'B', 8]), 'roster');
    expect(mapped.map?.at.fullName?.index).to.equal(0);
    expect(mapped.issues.map((i) => [i.level, i.key, i.column])).to.deep.equal([
      ['warning', 'imports.header.unknown', 'Ghi chú'],
      ['warning', 'imports.header.duplicate', 'Họ tên'],
      ['warning', 'imports.header.resultsIgnored', 'Điểm'],
    ]);
  });

  it('when the name is split into "Họ và tên đệm" and "Tên", then both are used; "Tên" alone is the whole name', () => {
    const split = mapColumns(rows(['Họ và tên đệm', 'Tên', 'Năm sinh'], ['Nguyễn Thị', 'Hằng', 1990]), 'roster');
    expect(split.map?.at.familyMiddleName?.index).to.equal(0);
    expect(split.map?.at.givenName?.index).to.equal(1);
    const alone = mapColumns(rows(['Tên', 'Năm sinh'], ['Nguyễn Thị Hằng', 1990]), 'roster');
    expect(alone.map?.at.fullName?.index).to.equal(0);
    const half = mapColumns(rows(['Họ và tên đệm', 'Năm sinh'], ['Nguyễn Thị', 1990]), 'roster');
    expect(half.issues.map((i) => i.params?.column)).to.deep.equal(['Tên']);
  });

  it('when a results file has no score, attendance or result column, then that is an error; roster columns are ignored silently', () => {
    const none = mapColumns(rows(['Họ và tên', 'Ngày sinh', 'Xếp loại'], ['A', '1990', 'Giỏi']), 'results');
    expect(keys(none.issues)).to.deep.equal(['imports.header.noResultColumn']);
    const full = mapColumns(rows(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Điểm'], ['A', '1990', 'Nam', 8]), 'results');
    expect(full.issues).to.deep.equal([]);
    expect(full.map?.at.gender).to.equal(undefined);
  });

  it('when only the header is there, then the file has no trainee rows', () => {
    expect(keys(mapColumns(rows(['Họ và tên', 'Ngày sinh']), 'roster').issues)).to.deep.equal(['imports.rows.none']);
    expect(keys(mapColumns([], 'roster').issues)).to.deep.equal(['imports.rows.none']);
  });

  it('when the header takes two rows (a group over its sub-columns), then the sub-headers name the columns', () => {
    const mapped = mapColumns(
      rows(
        ['STT', 'Họ và tên', 'Ngày sinh', null, 'Đảng viên', null],
        [null, null, 'Nam', 'Nữ', 'Ngày vào Đảng', 'Ngày chính thức'],
        [1, 'Lê Văn Nam', '12/03/1985', null, '03/02/2010', '03/02/2011'],
      ),
      'roster',
    );
    expect(mapped.issues).to.deep.equal([]);
    expect(mapped.map!.columns.map((c) => [c.header, c.field])).to.deep.equal([
      ['STT', 'stt'],
      ['Họ và tên', 'fullName'],
      ['Ngày sinh (Nam)', 'birthDateMale'],
      ['Ngày sinh (Nữ)', 'birthDateFemale'],
      ['Ngày vào Đảng', 'partyJoinedOn'],
      ['Ngày chính thức', 'partyOfficialOn'],
    ]);
    expect(mapped.dataRows.map((r) => r.row)).to.deep.equal([3]);
  });

  it('when the row under the header holds data, then it is not taken for a second header row', () => {
    const mapped = mapColumns(rows(['Họ và tên', 'Ngày sinh', 'Giới tính'], ['Lê Văn Nam', '1985', 'Nam']), 'roster');
    expect(mapped.dataRows.map((r) => r.row)).to.deep.equal([2]);
  });
});
