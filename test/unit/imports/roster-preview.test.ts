import { expect } from 'chai';
import type { SpreadsheetFile } from '../../../server/imports/read-file.js';
import { previewRoster, type ExistingPerson, type RosterPreviewOptions } from '../../../server/imports/roster-preview.js';
import { consistentId } from '../../../server/imports/roster-row.js';
import { localizeIssues } from '../../../server/imports/issues.js';
import type { CellValue } from '../../../server/imports/sheet.js';

const HEADER = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Dân tộc', 'Tôn giáo', 'Đơn vị công tác', 'Chức vụ', 'Đảng viên', 'Ngày vào Đảng', 'Điện thoại', 'Email', 'Đơn vị cử đi học'];
const TODAY = '2025-06-30';

function file(rows: CellValue[][], header: CellValue[] = HEADER): SpreadsheetFile {
  return {
    format: 'csv',
    sheetName: null,
    delimiter: ',',
    fileName: 'ds.csv',
    sha256: 'x'.repeat(64),
    bytes: 1,
    rows: [header, ...rows].map((cells, i) => ({ row: i + 1, cells })),
  };
}

const none: RosterPreviewOptions['findExisting'] = async () => new Map();
const preview = (rows: CellValue[][], options: Partial<RosterPreviewOptions> = {}) => previewRoster(file(rows), { findExisting: none, today: TODAY, ...options });
const person = (over: Partial<Record<string, CellValue>> = {}): CellValue[] => {
  const base: Record<string, CellValue> = {
    STT: 1, 'Họ và tên': 'Lê Văn Nam', 'Ngày sinh': '12/03/1985', 'Giới tính': 'Nam', 'Số CCCD': '033085001111', 'Dân tộc': 'Kinh', 'Tôn giáo': 'Không',
    'Đơn vị công tác': 'UBND xã Lạc Đạo', 'Chức vụ': 'Trưởng thôn', 'Đảng viên': 'Đảng viên chính thức', 'Ngày vào Đảng': '03/02/2010',
    'Điện thoại': '0912345678', Email: 'nam.lv@example.com', 'Đơn vị cử đi học': 'Chi bộ thôn Đông',
  };
  return HEADER.map((h) => (h in over ? over[h]! : base[h]!));
};
const issuesOf = (p: { errors: Array<{ row: number; column: string; key: string }>; warnings: Array<{ row: number; column: string; key: string }> }) => ({
  errors: p.errors.map((e) => [e.row, e.column, e.key]),
  warnings: p.warnings.map((e) => [e.row, e.column, e.key]),
});

describe('roster preview: rows', () => {
  it('when a row is complete and valid, then it creates a trainee with every field parsed', async () => {
    const p = await preview([person()]);
    expect(p.errors).to.deep.equal([]);
    expect(p.rows[0]!.action).to.equal('create');
    expect(p.rows[0]!.data).to.deep.equal({
      trainee: {
        fullName: 'Lê Văn Nam', searchName: 'le van nam', birthDate: '1985-03-12', birthYear: 1985, gender: 'male', nationalId: '033085001111',
        ethnicity: 'Kinh', religion: 'Không', workplace: 'UBND xã Lạc Đạo', position: 'Trưởng thôn', partyStatus: 'official', partyJoinedOn: '2010-02-03',
        partyOfficialOn: null, phone: '0912345678', email: 'nam.lv@example.com', hometown: null, address: null, educationLevel: null, professionalLevel: null, theoryLevel: null,
      },
      sendingOrg: 'Chi bộ thôn Đông',
    });
    expect(p.counts).to.deep.equal({ rows: 1, create: 1, match: 0, already: 0, error: 0, warnings: 0 });
    expect(p.canCommit).to.equal(true);
  });

  it('when names and places arrive decomposed (NFD), then they are stored composed (NFC)', async () => {
    const p = await preview([person({ 'Họ và tên': 'Nguyễn Thị Hằng'.normalize('NFD'), 'Giới tính': 'Nữ'.normalize('NFD'), 'Số CCCD': '033185001111', 'Đơn vị công tác': 'Xã Đình Dù'.normalize('NFD') })]);
    const t = p.rows[0]!.data!.trainee;
    expect(t.fullName).to.equal('Nguyễn Thị Hằng'.normalize('NFC'));
    expect(t.fullName.length).to.equal(15);
    expect(t.workplace).to.equal('Xã Đình Dù'.normalize('NFC'));
    expect(t.searchName).to.equal('nguyen thi hang');
    expect(t.gender).to.equal('female');
  });

  it('when only the birth year is known, then birthYear is set and birthDate is null', async () => {
    const p = await preview([person({ 'Ngày sinh': 1985 })]);
    expect(p.rows[0]!.data!.trainee).to.include({ birthDate: null, birthYear: 1985 });
  });

  it('when each kind of error occurs, then each is reported on its row and column, and nothing can be committed', async () => {
    const p = await preview([
      person({ 'Họ và tên': '' }),
      person({ 'Ngày sinh': '31/02/1985', 'Số CCCD': '033085002222' }),
      person({ 'Giới tính': 'Khác', 'Số CCCD': '033085003333' }),
      person({ 'Số CCCD': '03308500' }),
      person({ 'Đảng viên': 'Không', 'Số CCCD': '033085004444' }),
      person({ 'Điện thoại': '12345', 'Email': 'nam@', 'Số CCCD': '033085005555' }),
      person({ 'Ngày sinh': '', 'Số CCCD': '033085006666' }),
      person({ 'Họ và tên': 'Lê Văn 3', 'Số CCCD': '033085007777' }),
    ]);
    expect(issuesOf(p).errors).to.deep.equal([
      [2, 'Họ và tên', 'imports.cell.nameRequired'],
      [3, 'Ngày sinh', 'imports.cell.badDate'],
      [4, 'Giới tính', 'imports.cell.badGender'],
      [5, 'Số CCCD', 'imports.cell.badNationalId'],
      [6, 'Ngày vào Đảng', 'imports.cell.partyDateButMasses'],
      [7, 'Điện thoại', 'imports.cell.badPhone'],
      [7, 'Email', 'imports.cell.badEmail'],
      [8, 'Ngày sinh', 'imports.cell.birthRequired'],
      [9, 'Họ và tên', 'imports.cell.badName'],
    ]);
    expect(p.rows.every((r) => r.action === 'error')).to.equal(true);
    expect(p.canCommit).to.equal(false);
  });

  it('when messages are shown, then they are Vietnamese with the row, the column as written, and the value', async () => {
    const p = await preview([person({ 'Ngày sinh': '31/02/1985' })]);
    expect(localizeIssues(p.errors)).to.deep.equal([{ row: 2, column: 'Ngày sinh', message: 'Ngày "31/02/1985" không hợp lệ. Ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc chỉ năm (1990).' }]);
    expect(localizeIssues(p.errors, 'en')[0]!.message).to.match(/^Date "31\/02\/1985" is not valid/);
  });

  it('when dates are implausible (future, before birth, a child), then they are errors', async () => {
    const p = await preview([
      person({ 'Ngày sinh': '2020', 'Số CCCD': '' }),
      person({ 'Ngày vào Đảng': '01/01/2030', 'Số CCCD': '' }),
      person({ 'Ngày vào Đảng': '01/01/1980', 'Số CCCD': '' }),
      person({ 'Ngày vào Đảng': '2010', 'Số CCCD': '' }),
    ]);
    expect(issuesOf(p).errors).to.deep.equal([
      [2, 'Ngày sinh', 'imports.cell.birthImplausible'],
      [3, 'Ngày vào Đảng', 'imports.cell.dateFuture'],
      [4, 'Ngày vào Đảng', 'imports.cell.partyBeforeBirth'],
      [5, 'Ngày vào Đảng', 'imports.cell.fullDateRequired'],
    ]);
  });

  it('when Party membership is only "Có", then a recent admission makes a probationary member and an old one a full member', async () => {
    const p = await preview([
      person({ 'Đảng viên': 'Có', 'Ngày vào Đảng': '15/01/2025', 'Số CCCD': '' }),
      person({ 'Đảng viên': 'x', 'Ngày vào Đảng': '15/01/2020', 'Số CCCD': '', 'Ngày sinh': '1986' }),
      person({ 'Đảng viên': '', 'Ngày vào Đảng': '', 'Số CCCD': '', 'Ngày sinh': '1987' }),
      person({ 'Đảng viên': 'Quần chúng', 'Ngày vào Đảng': '', 'Số CCCD': '', 'Ngày sinh': '1988' }),
    ]);
    expect(p.rows.map((r) => r.data?.trainee.partyStatus)).to.deep.equal(['probationary', 'official', null, 'masses']);
  });

  it('when Excel dropped the leading zero of a citizen ID, then it is restored and the row carries a warning', async () => {
    const p = await preview([person({ 'Số CCCD': 33085001111 })]);
    expect(p.rows[0]!.data!.trainee.nationalId).to.equal('033085001111');
    expect(issuesOf(p).warnings).to.deep.equal([[2, 'Số CCCD', 'imports.cell.nationalIdPadded']]);
    expect(p.canCommit).to.equal(true);
  });

  it('when the citizen ID disagrees with the birth year or the gender, then the row carries a warning', async () => {
    const p = await preview([person({ 'Số CCCD': '033090001111' }), person({ 'Số CCCD': '033185002222' })]);
    expect(issuesOf(p).warnings).to.deep.equal([[2, 'Số CCCD', 'imports.cell.nationalIdMismatch'], [3, 'Số CCCD', 'imports.cell.nationalIdMismatch']]);
    expect(consistentId('033185002222', 1985, 'female')).to.equal(true);
    expect(consistentId('001300123456', 2000, 'male')).to.equal(false);
    expect(consistentId('001302123456', 2002, 'female')).to.equal(true);
  });

  it('when the template example row is left in, then it is an error asking to delete it', async () => {
    const p = await preview([person({ 'Họ và tên': 'Nguyễn Thị Hằng', 'Số CCCD': '033190001234', 'Giới tính': 'Nữ', 'Ngày sinh': '17/05/1990' })]);
    expect(issuesOf(p).errors).to.deep.equal([[2, 'Họ và tên', 'imports.cell.exampleRow']]);
  });

  it('when a value is longer than its column, then it is an error rather than a failure at commit', async () => {
    const p = await preview([person({ 'Dân tộc': 'K'.repeat(51) })]);
    expect(issuesOf(p).errors).to.deep.equal([[2, 'Dân tộc', 'imports.cell.tooLong']]);
  });
});

describe('roster preview: the birth date written under Nam or Nữ', () => {
  const layout = (...data: CellValue[][]) =>
    previewRoster(
      { ...file([]), rows: [['Họ và tên', 'Ngày sinh', null], [null, 'Nam', 'Nữ'], ...data].map((cells, i) => ({ row: i + 1, cells })) },
      { findExisting: none, today: TODAY },
    );

  it('when the date is under Nữ, then it is the birth date and the trainee is a woman; under both, an error', async () => {
    const p = await layout(['Trần Thị Mai', null, '02/01/1990'], ['Lê Văn Nam', '1985', null], ['Đỗ Văn Ba', '1970', '1970']);
    expect(p.rows.slice(0, 2).map((r) => [r.data?.trainee.gender, r.data?.trainee.birthDate, r.data?.trainee.birthYear])).to.deep.equal([
      ['female', '1990-01-02', 1990],
      ['male', null, 1985],
    ]);
    expect(p.errors.map((e) => [e.row, e.column, e.key])).to.deep.equal([[5, 'Ngày sinh (Nữ)', 'imports.cell.birthBothSexes']]);
  });
});

describe('roster preview: duplicates inside the file', () => {
  it('when the same citizen ID appears twice, then the later row is an error naming the earlier', async () => {
    const p = await preview([person(), person({ 'Họ và tên': 'Lê Văn Năm' })]);
    expect(p.errors.map((e) => [e.row, e.column, e.key, e.params])).to.deep.equal([[3, 'Số CCCD', 'imports.row.duplicateId', { row: 2 }]]);
    expect(p.rows.map((r) => r.action)).to.deep.equal(['create', 'error']);
  });

  it('when the same name and birth date appear twice, then the later row is an error, unless both carry different IDs', async () => {
    const p = await preview([
      person({ 'Số CCCD': '' }),
      person({ 'Họ và tên': 'LÊ VĂN NAM', 'Số CCCD': '' }),
      person({ 'Họ và tên': 'Trần Thị Mai', 'Giới tính': 'Nữ', 'Số CCCD': '033185000001' }),
      person({ 'Họ và tên': 'Trần Thị Mai', 'Giới tính': 'Nữ', 'Số CCCD': '033185000002' }),
    ]);
    expect(p.errors.map((e) => [e.row, e.key, e.params])).to.deep.equal([[3, 'imports.row.duplicatePerson', { row: 2 }]]);
  });

  it('when the same name and birth year appear and a row has the year only, then it is a warning', async () => {
    const p = await preview([person({ 'Số CCCD': '' }), person({ 'Ngày sinh': '1985', 'Số CCCD': '' })]);
    expect(p.errors).to.deep.equal([]);
    expect(p.warnings.map((e) => [e.row, e.key, e.params])).to.deep.equal([[3, 'imports.row.possibleDuplicate', { row: 2 }]]);
  });
});

describe('roster preview: people already in the system', () => {
  const existing = (over: Partial<ExistingPerson> = {}): ExistingPerson => ({ traineeId: 77, nationalId: '033085001111', searchName: 'le van nam', birthDate: '1985-03-12', birthYear: 1985, ...over });
  const finder = (people: ExistingPerson[]) => async (ids: string[]) => new Map(people.filter((p) => ids.includes(p.nationalId!)).map((p) => [p.nationalId!, p]));

  it('when a citizen ID belongs to a trainee already in the system, then the row matches that trainee', async () => {
    let asked: string[] = [];
    const p = await preview([person(), person({ 'Họ và tên': 'Đỗ Thị Tư', 'Giới tính': 'Nữ', 'Số CCCD': '033185009999' })], {
      findExisting: async (ids) => {
        asked = ids;
        return finder([existing()])(ids);
      },
    });
    expect(asked).to.deep.equal(['033085001111', '033185009999']);
    expect(p.rows.map((r) => [r.action, r.traineeId])).to.deep.equal([['match', 77], ['create', null]]);
    expect(p.counts).to.include({ create: 1, match: 1 });
  });

  it("when the ID exists under another person's name, then the row is an error that reveals nothing of that person", async () => {
    const p = await preview([person()], { findExisting: finder([existing({ searchName: 'pham thi lan' })]) });
    expect(issuesOf(p).errors).to.deep.equal([[2, 'Số CCCD', 'imports.row.idOtherPerson']]);
    expect(JSON.stringify(p)).not.to.include('pham thi lan');
  });

  it('when the ID exists with another birth date, then the row matches with a warning', async () => {
    const p = await preview([person()], { findExisting: finder([existing({ birthDate: '1985-03-21' })]) });
    expect(p.rows[0]!.action).to.equal('match');
    expect(issuesOf(p).warnings).to.deep.equal([[2, 'Số CCCD', 'imports.row.idOtherBirth']]);
  });

  it('when a person is already enrolled in the course (by ID, or by name and birth date without one), then the row is skipped as already there', async () => {
    const p = await preview([person(), person({ 'Họ và tên': 'Vũ Đức Anh', 'Số CCCD': '' })], {
      findExisting: finder([existing()]),
      currentRoster: [existing(), { traineeId: 5, nationalId: null, searchName: 'vu duc anh', birthDate: '1985-03-12', birthYear: 1985 }],
    });
    expect(p.rows.map((r) => [r.action, r.traineeId])).to.deep.equal([['already', 77], ['already', 5]]);
    expect(p.counts).to.include({ already: 2, create: 0 });
  });
});
