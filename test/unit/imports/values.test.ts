import { expect } from 'chai';
import {
  cellText,
  parseAttendance,
  parseDate,
  parseEmail,
  parseGender,
  parseGrade,
  parseNationalId,
  parseOutcome,
  parseParty,
  parsePhone,
  parseScore,
  type Parsed,
} from '../../../server/imports/values.js';

const value = <T>(p: Parsed<T> | null): T | undefined => (p && 'value' in p ? p.value : undefined);
const problem = <T>(p: Parsed<T> | null): string | undefined => (p && 'problem' in p ? p.problem.key : undefined);
const warning = <T>(p: Parsed<T> | null): string | undefined => (p && 'value' in p ? p.warning?.key : undefined);

describe('cell values: text', () => {
  it('when text arrives decomposed (NFD, from macOS) with stray spaces, then it becomes NFC, collapsed and trimmed', () => {
    const nfd = '  Nguyễn   Thị\u00a0Hằng\u200b '.normalize('NFD');
    const text = cellText(nfd)!;
    expect(text).to.equal('Nguyễn Thị Hằng'.normalize('NFC'));
    expect(text.normalize('NFC')).to.equal(text);
  });

  it('when text carries our export guard against formulas, then the apostrophe is removed', () => {
    expect(cellText("'=1+1")).to.equal('=1+1');
    expect(cellText("'-Bí thư")).to.equal('-Bí thư');
    expect(cellText("'Ngô")).to.equal("'Ngô");
  });

  it('when an xlsx cell spells control characters (_x0000_) or half a surrogate pair, then they are dropped; tabs become spaces', () => {
    expect(cellText('Nguy\u0000ễn\u0007 Văn\tAn\ud800')).to.equal('Nguyễn Văn An');
    expect(cellText('\u0000\u001f')).to.equal(null);
  });

  it('when a cell is blank, a number or a date, then it reads as null, its digits, or dd/mm/yyyy', () => {
    expect(cellText('   ')).to.equal(null);
    expect(cellText(null)).to.equal(null);
    expect(cellText(8.500000000001)).to.equal('8.5');
    expect(cellText(new Date(Date.UTC(1990, 4, 17)))).to.equal('17/05/1990');
  });
});

describe('cell values: dates', () => {
  const cases: Array<[unknown, string | null, number]> = [
    ['17/05/1990', '1990-05-17', 1990],
    ['7/5/1990', '1990-05-07', 1990],
    ['17-05-1990', '1990-05-17', 1990],
    ['17.05.1990', '1990-05-17', 1990],
    ['1990-05-17', '1990-05-17', 1990],
    ['1990-05-17T00:00:00.000Z', '1990-05-17', 1990],
    ['1990', null, 1990],
    [1990, null, 1990],
    ['17051990', '1990-05-17', 1990],
    ['19900517', '1990-05-17', 1990],
    [new Date(Date.UTC(1990, 4, 17)), '1990-05-17', 1990],
    [33010, '1990-05-17', 1990], // an Excel serial
    [36526, '2000-01-01', 2000],
    [33010.75, '1990-05-17', 1990], // with a time of day
    ['33010', '1990-05-17', 1990], // a serial saved to CSV from a General-formatted cell
    [new Date(Date.UTC(1905, 5, 12)), null, 1990], // "1990" typed into a date-formatted cell: serial 1990
  ];
  for (const [input, date, year] of cases) {
    it(`when a date is written ${JSON.stringify(input)}, then it reads as ${date ?? `the year ${year} alone`}`, () => {
      expect(value(parseDate(input as never))).to.deep.equal({ date, year });
    });
  }

  it('when a date is impossible, two-digit, or words, then it is an error naming the value', () => {
    expect(problem(parseDate('31/02/1990'))).to.equal('imports.cell.badDate');
    expect(problem(parseDate('17/13/1990'))).to.equal('imports.cell.badDate');
    expect(problem(parseDate('17/05/90'))).to.equal('imports.cell.twoDigitYear');
    expect(problem(parseDate('tháng 5/1990'))).to.equal('imports.cell.badDate');
    expect(problem(parseDate(-5))).to.equal('imports.cell.badDate');
    expect(problem(parseDate({ error: '#VALUE!' }))).to.equal('imports.cell.formulaError');
    expect(parseDate('   ')).to.equal(null);
  });
});

describe('cell values: words', () => {
  it('when gender is written Nam/Nữ in any case or accent, or in English, then it reads male/female', () => {
    for (const w of ['Nam', 'NAM', 'nam', 'Male', 'm']) expect(value(parseGender(w))).to.equal('male');
    for (const w of ['Nữ', 'NỮ', 'nu', 'Nữ'.normalize('NFD'), 'female', 'F']) expect(value(parseGender(w))).to.equal('female');
    expect(problem(parseGender('Khác'))).to.equal('imports.cell.badGender');
  });

  it('when Party membership is written in the usual words, then it reads as the right status', () => {
    for (const w of ['Đảng viên chính thức', 'chính thức', 'ĐVCT']) expect(value(parseParty(w))).to.equal('official');
    for (const w of ['Đảng viên dự bị', 'Dự bị']) expect(value(parseParty(w))).to.equal('probationary');
    for (const w of ['Có', 'x', 'X', 'Đảng viên', 'đv', '√', 1, true]) expect(value(parseParty(w as never))).to.equal('member');
    for (const w of ['Không', 'Quần chúng', 'QC', '-', 0, false]) expect(value(parseParty(w as never))).to.equal('masses');
    expect(problem(parseParty('Đoàn viên'))).to.equal('imports.cell.badParty');
  });

  it('when grades and outcomes are written as on the roster, then they read as the model values', () => {
    expect(['Xuất sắc', 'GIỎI', 'khá', 'Trung bình', 'Không đạt'].map((w) => value(parseGrade(w)))).to.deep.equal(['excellent', 'good', 'fair', 'average', 'fail']);
    expect(value(parseGrade('Đạt'))).to.equal('pass');
    expect(problem(parseGrade('Tốt'))).to.equal('imports.cell.badGrade');
    expect(['Hoàn thành', 'Không hoàn thành', 'Thôi học', 'Đang học'].map((w) => value(parseOutcome(w)))).to.deep.equal(['completed', 'failed', 'withdrawn', 'enrolled']);
    expect(problem(parseOutcome('?'))).to.equal('imports.cell.badOutcome');
  });
});

describe('cell values: citizen ID, phone, email', () => {
  it('when a citizen ID is 12 digits as text, then it is kept with its leading zeros; spaces and dots are dropped', () => {
    expect(value(parseNationalId('034090001234'))).to.equal('034090001234');
    expect(value(parseNationalId('034 090 001 234'))).to.equal('034090001234');
    expect(value(parseNationalId('034.090.001.234'))).to.equal('034090001234');
  });

  it('when Excel stored the ID as a number and dropped the leading zeros, then they are restored with a warning', () => {
    const one = parseNationalId(34090001234);
    expect(value(one)).to.equal('034090001234');
    expect(warning(one)).to.equal('imports.cell.nationalIdPadded');
    expect(one && 'value' in one ? one.warning?.params?.value : undefined).to.equal('0340******34');
    expect(value(parseNationalId(1090001234))).to.equal('001090001234');
    expect(value(parseNationalId('34090001234'))).to.equal('034090001234');
  });

  it('when an ID has the wrong length, letters, 9 digits or scientific notation, then it is an error saying which', () => {
    expect(problem(parseNationalId('03409000123'))).to.equal('imports.cell.badNationalId'); // starts with 0: a digit is missing
    expect(problem(parseNationalId('03409000123'.slice(0, 8)))).to.equal('imports.cell.badNationalId');
    expect(problem(parseNationalId('0340900012345'))).to.equal('imports.cell.badNationalId');
    expect(problem(parseNationalId('03409000123A'))).to.equal('imports.cell.nationalIdNotDigits');
    expect(problem(parseNationalId('123456789'))).to.equal('imports.cell.nationalIdOldCard');
    expect(problem(parseNationalId('3,40900E+10'))).to.equal('imports.cell.nationalIdScientific');
    expect(problem(parseNationalId(34090001234.5))).to.equal('imports.cell.badNationalId');
  });

  it('when a phone number is written with spaces, +84, or lost its leading 0 in Excel, then it is normalised', () => {
    expect(value(parsePhone('0912 345 678'))).to.equal('0912345678');
    expect(value(parsePhone('+84 912 345 678'))).to.equal('0912345678');
    expect(value(parsePhone(912345678))).to.equal('0912345678');
    expect(value(parsePhone('0221.3862.123'))).to.equal('02213862123');
    expect(problem(parsePhone('0912'))).to.equal('imports.cell.badPhone');
    expect(problem(parsePhone('0912345678 - 0987654321'))).to.equal('imports.cell.badPhone');
  });

  it('when an email is malformed, then it is an error', () => {
    expect(value(parseEmail('hang.nt@vanlam.hungyen.gov.vn'))).to.equal('hang.nt@vanlam.hungyen.gov.vn');
    for (const bad of ['hang@', 'hang.gmail.com', 'a b@c.vn', 'a@b']) expect(problem(parseEmail(bad))).to.equal('imports.cell.badEmail');
  });
});

describe('cell values: results', () => {
  it('when a score uses a comma or a dot, then it reads the same; out of range is an error', () => {
    expect(value(parseScore('8,5'))).to.equal(8.5);
    expect(value(parseScore('8.5'))).to.equal(8.5);
    expect(value(parseScore(10))).to.equal(10);
    expect(value(parseScore('0'))).to.equal(0);
    for (const bad of ['10,5', '-1', 'tám', '8,5 điểm']) expect(problem(parseScore(bad))).to.equal('imports.cell.badScore');
    expect(problem(parseScore(11))).to.equal('imports.cell.badScore');
  });

  it('when a score has more than one decimal (an average), then it is rounded to one with a warning', () => {
    const p = parseScore(8.333333);
    expect(value(p)).to.equal(8.3);
    expect(warning(p)).to.equal('imports.cell.scoreRounded');
    expect(value(parseScore('7,25'))).to.equal(7.3);
    expect(warning(parseScore(8.5))).to.equal(undefined);
  });

  it('when attendance is a percentage, a share or sessions, then it reads as a share 0–1', () => {
    expect(value(parseAttendance('95%'))).to.equal(0.95);
    expect(value(parseAttendance('95,5 %'))).to.equal(0.955);
    expect(value(parseAttendance('95'))).to.equal(0.95);
    expect(value(parseAttendance(0.95))).to.equal(0.95); // a percent-formatted cell
    expect(value(parseAttendance(1))).to.equal(1);
    expect(value(parseAttendance('18/20'))).to.equal(0.9);
    for (const bad of ['120', '21/20', 'đủ', '-5%']) expect(problem(parseAttendance(bad))).to.equal('imports.cell.badAttendance');
  });
});
