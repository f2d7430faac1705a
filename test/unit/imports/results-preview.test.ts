import { expect } from 'chai';
import type { GradingRules } from '../../../server/programs/grading.js';
import type { SpreadsheetFile } from '../../../server/imports/read-file.js';
import { previewResults, type RosterEntry } from '../../../server/imports/results-preview.js';
import type { CellValue } from '../../../server/imports/sheet.js';

const SCORED: GradingRules = { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 };
const ATTENDANCE: GradingRules = { ...SCORED, completionRule: 'attendance' };

const entry = (id: number, over: Partial<RosterEntry> = {}): RosterEntry => ({
  enrollmentId: id, traineeId: 100 + id, nationalId: null, searchName: '', birthDate: '1985-03-12', birthYear: 1985, score: null, attendance: null, status: 'enrolled', grade: null, ...over,
});
const ROSTER = [
  entry(1, { searchName: 'le van nam', nationalId: '033085001111' }),
  entry(2, { searchName: 'tran thi mai', birthDate: '1990-01-02', birthYear: 1990 }),
  entry(3, { searchName: 'do van ba', birthDate: null, birthYear: 1970 }),
  entry(4, { searchName: 'vu thi lan', birthDate: '1988-08-08', birthYear: 1988, score: 6, attendance: 0.9, status: 'completed', grade: 'average' }),
];

function file(header: CellValue[], rows: CellValue[][]): SpreadsheetFile {
  return { format: 'csv', sheetName: null, delimiter: ',', fileName: 'kq.csv', sha256: 'y'.repeat(64), bytes: 1, rows: [header, ...rows].map((cells, i) => ({ row: i + 1, cells })) };
}
const H = ['Họ và tên', 'Ngày sinh', 'Số CCCD', 'Chuyên cần (%)', 'Điểm', 'Xếp loại', 'Kết quả'];
const preview = (rows: CellValue[][], rules = SCORED, roster = ROSTER) => previewResults(file(H, rows), { roster, rules, courseEnded: true });

describe('results preview', () => {
  it('when rows are identified by citizen ID, or by name and birth date, then each gets its enrollment, grade and status', () => {
    const p = preview([
      ['LÊ VĂN NAM', '', '033085001111', '100%', '9,2', 'Xuất sắc', 'Hoàn thành'],
      ['Trần Thị Mai', '02/01/1990', '', 90, 4.5, '', ''],
      ['Đỗ Văn Ba', '1970', '', '85', '7', '', ''],
    ]);
    expect(p.errors).to.deep.equal([]);
    expect(p.rows.map((r) => r.data)).to.deep.equal([
      { enrollmentId: 1, score: 9.2, attendance: 1, withdrawn: false, grade: 'excellent', status: 'completed' },
      { enrollmentId: 2, score: 4.5, attendance: 0.9, withdrawn: false, grade: 'fail', status: 'failed' },
      { enrollmentId: 3, score: 7, attendance: 0.85, withdrawn: false, grade: 'fair', status: 'completed' },
    ]);
    expect(p.counts).to.deep.equal({ rows: 3, update: 3, unchanged: 0, error: 0, warnings: 0, notInFile: 1 });
    expect(p.canCommit).to.equal(true);
  });

  it('when a row cannot be told apart or found, then it is an error saying why', () => {
    const twins = [...ROSTER, entry(5, { searchName: 'tran thi mai', birthDate: '1990-01-02', birthYear: 1990 })];
    const p = preview(
      [
        ['Trần Thị Mai', '02/01/1990', '', '', 8, '', ''],
        ['Phạm Văn Khoa', '01/01/1980', '', '', 8, '', ''],
        ['Đỗ Văn Ba', '', '', '', 8, '', ''],
        ['Lê Văn Nam', '12/03/1985', '033085009999', '', 8, '', ''],
        ['Nguyễn Văn Tư', '', '033085001111', '', 8, '', ''],
      ],
      SCORED,
      twins,
    );
    expect(p.errors.map((e) => [e.row, e.key])).to.deep.equal([
      [2, 'imports.row.ambiguous'],
      [3, 'imports.row.notInCourse'],
      [4, 'imports.row.needBirthOrId'],
      [5, 'imports.row.idMismatch'],
      [6, 'imports.row.idOtherPerson'],
    ]);
    expect(p.canCommit).to.equal(false);
  });

  it('when the same trainee appears twice, then the later row is an error naming the earlier', () => {
    const p = preview([
      ['Lê Văn Nam', '', '033085001111', '', 8, '', ''],
      ['Lê Văn Nam', '12/03/1985', '', '', 9, '', ''],
    ]);
    expect(p.errors.map((e) => [e.row, e.key, e.params])).to.deep.equal([[3, 'imports.row.duplicateEnrollment', { row: 2 }]]);
  });

  it('when a cell is blank, then the stored value stays; a row changing nothing is unchanged', () => {
    const p = preview([['Vũ Thị Lan', '08/08/1988', '', '95', '', '', '']]);
    expect(p.rows[0]!.data).to.deep.equal({ enrollmentId: 4, score: 6, attendance: 0.95, withdrawn: false, grade: 'average', status: 'completed' });
    expect(p.rows[0]!.action).to.equal('update');
    const same = preview([['Vũ Thị Lan', '08/08/1988', '', '', '6', '', '']]);
    expect(same.rows[0]!.action).to.equal('unchanged');
  });

  it('when the file says withdrawn, then the enrollment is withdrawn whatever its score', () => {
    const p = preview([['Trần Thị Mai', '02/01/1990', '', '', 9, '', 'Thôi học']]);
    expect(p.rows[0]!.data).to.include({ withdrawn: true, status: 'withdrawn', grade: null });
  });

  it('when Xếp loại or Kết quả disagree with the score, then a warning names both and the computed one is kept', () => {
    const p = preview([['Lê Văn Nam', '', '033085001111', '90%', '7,5', 'Giỏi', 'Không hoàn thành']]);
    expect(p.errors).to.deep.equal([]);
    expect(p.warnings.map((w) => [w.column, w.key, w.params])).to.deep.equal([
      ['Xếp loại', 'imports.cell.gradeMismatch', { stated: 'Giỏi', computed: 'Khá' }],
      ['Kết quả', 'imports.cell.outcomeMismatch', { stated: 'Không hoàn thành', computed: 'Hoàn thành' }],
    ]);
    expect(p.rows[0]!.data).to.include({ grade: 'fair', status: 'completed' });
  });

  it('when the program is assessed by attendance, then attendance decides and a score is kept with a warning', () => {
    const p = preview([
      ['Lê Văn Nam', '', '033085001111', '85%', '', '', ''],
      ['Trần Thị Mai', '02/01/1990', '', '15/20', 9, '', ''],
    ], ATTENDANCE);
    expect(p.rows.map((r) => [r.data?.status, r.data?.grade])).to.deep.equal([['completed', null], ['failed', null]]);
    expect(p.warnings.map((w) => [w.row, w.key])).to.deep.equal([[3, 'imports.cell.scoreNotUsed'], [3, 'imports.row.attendanceBelow']]);
  });

  it('when a passing score comes with attendance below the program share, then the row does not complete, graded Không đạt, with a warning saying why', () => {
    const p = preview([
      ['Lê Văn Nam', '', '033085001111', '70%', '9', 'Xuất sắc', ''],
      ['Trần Thị Mai', '02/01/1990', '', '', '8', '', ''],
    ]);
    expect(p.errors).to.deep.equal([]);
    expect(p.rows.map((r) => [r.data?.status, r.data?.grade, r.data?.score, r.data?.attendance])).to.deep.equal([
      ['failed', 'fail', 9, 0.7],
      ['enrolled', null, 8, null],
    ]);
    // "Xuất sắc" agrees with the 9: the attendance warning alone explains the Không đạt.
    expect(p.warnings.map((w) => [w.row, w.column, w.key, w.params])).to.deep.equal([
      [2, 'Chuyên cần (%)', 'imports.row.attendanceBelowScored', { attendance: '70%', min: '80%', score: '9' }],
      [3, 'Chuyên cần (%)', 'imports.row.attendanceMissing', { min: '80%' }],
    ]);
    expect(p.canCommit).to.equal(true);
  });

  it('when the file has no attendance column, then the attendance already stored counts; while the course runs, the warning says it cannot complete yet', () => {
    const roster = [entry(7, { searchName: 'hoang van tu', nationalId: '033085007777', attendance: 0.655 })];
    const file1 = file(['Họ và tên', 'Số CCCD', 'Điểm'], [['Hoàng Văn Tư', '033085007777', '9,5']]);
    const ended = previewResults(file1, { roster, rules: SCORED, courseEnded: true });
    expect(ended.rows[0]!.data).to.include({ status: 'failed', grade: 'fail', attendance: 0.655 });
    expect(ended.warnings.map((w) => [w.column, w.key, w.params])).to.deep.equal([['Họ và tên', 'imports.row.attendanceBelowScored', { attendance: '65,5%', min: '80%', score: '9,5' }]]);
    const running = previewResults(file1, { roster, rules: SCORED, courseEnded: false });
    expect(running.rows[0]!.data).to.include({ status: 'enrolled', grade: null });
    expect(running.warnings.map((w) => w.key)).to.deep.equal(['imports.row.attendanceBelowOpen']);
  });

  it('when a program waives attendance (a share of 0), then the score alone decides and nothing is warned', () => {
    const p = preview([['Lê Văn Nam', '', '033085001111', '10%', '9', '', '']], { ...SCORED, minAttendance: 0 });
    expect(p.rows[0]!.data).to.include({ status: 'completed', grade: 'excellent' });
    expect(p.warnings).to.deep.equal([]);
  });

  it('when a value is malformed, then it is an error on its column', () => {
    const p = preview([['Lê Văn Nam', '', '033085001111', '120', '11', 'Tốt', '?']]);
    expect(p.errors.map((e) => [e.column, e.key])).to.deep.equal([
      ['Chuyên cần (%)', 'imports.cell.badAttendance'],
      ['Điểm', 'imports.cell.badScore'],
      ['Xếp loại', 'imports.cell.badGrade'],
      ['Kết quả', 'imports.cell.badOutcome'],
    ]);
  });
});
