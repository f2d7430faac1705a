import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { buildRosterPreview } from '../../../server/imports/roster-preview.js';
import { buildResultsPreview } from '../../../server/imports/results-preview.js';
import { buildResultsTemplate, buildRosterTemplate } from '../../../server/imports/template.js';
import { localizeIssues } from '../../../server/imports/issues.js';
import type { RosterExportRow } from '../../../server/exports/roster-columns.js';
import { realisticRoster } from '../../helpers/rosters.js';

const ROSTER_HEADERS = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Dân tộc', 'Tôn giáo', 'Đơn vị công tác', 'Chức vụ', 'Đảng viên', 'Ngày vào Đảng', 'Điện thoại', 'Email', 'Đơn vị cử đi học'];
const TODAY = '2025-06-30';
const none = async () => new Map();

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

const GENDER = { male: 'Nam', female: 'Nữ' } as const;
const PARTY = { official: 'Đảng viên chính thức', probationary: 'Đảng viên dự bị', masses: 'Quần chúng' } as const;
const dmy = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : null);

/** What a staff member typing into the template's Text-formatted cells produces. */
function typed(r: RosterExportRow, i: number): Array<string | number | null> {
  return [i + 1, r.fullName, dmy(r.birthDate) ?? String(r.birthYear), r.gender && GENDER[r.gender], r.nationalId, r.ethnicity, r.religion, r.workplace, r.position,
    r.partyStatus && PARTY[r.partyStatus], dmy(r.partyJoinedOn), r.phone, r.email, r.sendingOrg];
}

async function filledTemplate(people: RosterExportRow[], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = await load(await buildRosterTemplate());
  const sheet = workbook.getWorksheet('Danh sách học viên')!;
  sheet.spliceRows(2, 1);
  people.forEach((r, i) => sheet.addRow(typed(r, i)));
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('templates', () => {
  it('when the roster template is downloaded, then it has the DOMAIN headers, an example row and a notes sheet', async () => {
    const workbook = await load(await buildRosterTemplate());
    expect(workbook.worksheets.map((s) => s.name)).to.deep.equal(['Danh sách học viên', 'Hướng dẫn']);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).to.deep.equal(ROSTER_HEADERS);
    expect(sheet.getCell('A1').font?.bold).to.equal(true);
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('B2').value).to.equal('Nguyễn Thị Hằng');
    expect(sheet.getColumn(5).numFmt).to.equal('@'); // Số CCCD keeps its leading zero
    expect(sheet.getCell('E2').value).to.equal('033190001234');
    const notes = workbook.getWorksheet('Hướng dẫn')!;
    const described: unknown[] = [];
    notes.eachRow((row) => described.push(row.getCell(1).value));
    for (const header of ROSTER_HEADERS) expect(described, header).to.include(header);
  });

  it('when the template is opened, then Giới tính and Đảng viên offer drop-down lists', async () => {
    const workbook = await load(await buildRosterTemplate());
    const validations = (workbook.worksheets[0] as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(validations.D2).to.deep.include({ type: 'list', formulae: ['"Nam,Nữ"'] });
    expect(validations.J2?.formulae[0]).to.include('Đảng viên dự bị');
  });

  it('when the template is imported untouched, then its example row is the one error', async () => {
    const preview = await buildRosterPreview(await buildRosterTemplate(), 'mau.xlsx', { findExisting: none, today: TODAY });
    expect(preview.errors.map((e) => [e.row, e.key])).to.deep.equal([[2, 'imports.cell.exampleRow']]);
  });

  it('when the template is filled with 300 realistic rows, then they import in one go', async () => {
    const people = realisticRoster(300, 2025);
    const preview = await buildRosterPreview(await filledTemplate(people), 'danh-sach.xlsx', { findExisting: none, today: TODAY });
    expect(preview.errors).to.deep.equal([]);
    expect(preview.counts).to.include({ rows: 300, create: 300, error: 0 });
    expect(preview.canCommit).to.equal(true);
    expect(preview.rows[7]!.data!.trainee.nationalId).to.equal(people[7]!.nationalId);
    expect(preview.rows.filter((r) => r.data!.trainee.birthDate === null).length).to.equal(people.filter((p) => p.birthDate === null).length);
  });

  it('when three of the 300 rows are broken, then exactly those three are shown with their reasons and nothing can be committed', async () => {
    const people = realisticRoster(300, 2025);
    const buffer = await filledTemplate(people, (sheet) => {
      sheet.getCell('C42').value = '31/02/1990'; // row 42: an impossible date
      sheet.getCell('E101').value = '03419000123'; // row 101: a digit missing
      expect(people[9]!.nationalId).to.be.a('string');
      sheet.getCell('E250').value = people[9]!.nationalId; // row 250: row 11's citizen ID again
    });
    const preview = await buildRosterPreview(buffer, 'danh-sach.xlsx', { findExisting: none, today: TODAY });
    expect(localizeIssues(preview.errors)).to.deep.equal([
      { row: 42, column: 'Ngày sinh', message: 'Ngày "31/02/1990" không hợp lệ. Ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc chỉ năm (1990).' },
      { row: 101, column: 'Số CCCD', message: 'Số CCCD phải gồm đúng 12 chữ số (ô này có 11 chữ số).' },
      { row: 250, column: 'Số CCCD', message: 'Trùng số CCCD với dòng 11.' },
    ]);
    expect(preview.counts).to.include({ rows: 300, error: 3, create: 297 });
    expect(preview.canCommit).to.equal(false);
  });

  it('when the results template is downloaded, then it has the result columns and its notes; given a roster, it lists those people', async () => {
    const blank = await load(await buildResultsTemplate());
    expect((blank.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).to.deep.equal(['STT', 'Họ và tên', 'Ngày sinh', 'Số CCCD', 'Chuyên cần (%)', 'Điểm', 'Xếp loại', 'Kết quả']);
    expect(blank.worksheets.map((s) => s.name)).to.deep.equal(['Kết quả học tập', 'Hướng dẫn']);

    const roster = [
      { fullName: 'Lê Văn Nam', birthDate: '1985-03-12', birthYear: 1985, nationalId: '033085001111' },
      { fullName: 'Đỗ Văn Ba', birthDate: null, birthYear: 1970, nationalId: null },
    ];
    const prefilled = await load(await buildResultsTemplate(roster));
    const sheet = prefilled.worksheets[0]!;
    sheet.getCell('F2').value = 8.5;
    sheet.getCell('E3').value = '90%';
    sheet.getCell('F3').value = '6,5';
    const preview = await buildResultsPreview(Buffer.from(await prefilled.xlsx.writeBuffer()), 'kq.xlsx', {
      roster: roster.map((r, i) => ({ ...r, enrollmentId: i + 1, traineeId: i + 1, searchName: r.fullName === 'Lê Văn Nam' ? 'le van nam' : 'do van ba', score: null, attendance: null, status: 'enrolled' as const, grade: null })),
      rules: { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 },
      courseEnded: true,
    });
    expect(preview.errors).to.deep.equal([]);
    // Lê Văn Nam's 8,5 waits for his attendance (the program requires 80%): no grade yet.
    expect(preview.rows.map((r) => [r.data!.enrollmentId, r.data!.score, r.data!.attendance, r.data!.grade])).to.deep.equal([[1, 8.5, null, null], [2, 6.5, 0.9, 'average']]);
  });

  it('when the results template is imported untouched, then its example row is refused', async () => {
    const preview = await buildResultsPreview(await buildResultsTemplate(), 'kq.xlsx', {
      roster: [],
      rules: { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 },
      courseEnded: true,
    });
    expect(preview.errors.map((e) => e.key)).to.deep.equal(['imports.cell.exampleRow']);
  });
});
