import { expect } from 'chai';
import { effectiveStatus, emptyCounts, lowerFirst, permissionsOf } from '../../server/courses/course-status.js';
import { parseSearch } from '../../server/trainees/trainees.service.js';
import { parseBirth } from '../../server/trainees/trainees.schema.js';

describe('course status', () => {
  it('when a course is not finished or cancelled, then it is planned before its start date and open from it', () => {
    expect(effectiveStatus('planned', '2025-03-10', '2025-03-09')).to.equal('planned');
    expect(effectiveStatus('planned', '2025-03-10', '2025-03-10')).to.equal('open');
    expect(effectiveStatus('open', '2025-03-10', '2025-04-30')).to.equal('open');
    expect(effectiveStatus('open', '2025-03-10', '2025-03-01')).to.equal('planned');
  });

  it('when a course was finished or cancelled, then the dates no longer matter', () => {
    expect(effectiveStatus('finished', '2030-01-01', '2025-01-01')).to.equal('finished');
    expect(effectiveStatus('cancelled', '2020-01-01', '2025-01-01')).to.equal('cancelled');
  });

  it('when results exist, then the course cannot be cancelled; it finishes only from its end date; it takes no one when full', () => {
    const counts = { ...emptyCounts(), active: 2, completed: 1 };
    expect(permissionsOf({ status: 'open', endDate: '2025-03-07' }, counts, 2, '2025-03-06')).to.deep.equal({
      edit: true, cancel: false, finish: false, enroll: false, results: true, certificates: false,
    });
    expect(permissionsOf({ status: 'open', endDate: '2025-03-07' }, emptyCounts(), 2, '2025-03-07')).to.include({ cancel: true, finish: true, enroll: true });
    expect(permissionsOf({ status: 'planned', endDate: '2025-03-07' }, emptyCounts(), 2, '2025-01-01')).to.include({ results: false, finish: false });
    expect(permissionsOf({ status: 'finished', endDate: '2025-03-07' }, emptyCounts(), 2, '2025-04-01')).to.deep.equal({
      edit: false, cancel: false, finish: false, enroll: false, results: true, certificates: true,
    });
  });

  it('when a program name starts a course name, then only its first letter is lowered', () => {
    expect(lowerFirst('Bồi dưỡng nhận thức về Đảng')).to.equal('bồi dưỡng nhận thức về Đảng');
    expect(lowerFirst('Sơ cấp lý luận chính trị')).to.equal('sơ cấp lý luận chính trị');
  });
});

describe('trainee search query', () => {
  it('when 12 digits are typed (spaces allowed), then it is an exact citizen ID search', () => {
    expect(parseSearch('034 190 001 234')).to.deep.equal({ nationalId: '034190001234', words: [], hint: null });
  });

  it('when fewer digits are typed, then nothing is searched: an ID prefix would list strangers', () => {
    expect(parseSearch('0341900')).to.deep.include({ hint: 'idIncomplete', words: [] });
  });

  it('when a name is typed with accents, capitals and a birth year, then it becomes plain words and the year', () => {
    expect(parseSearch('  Nguyễn THỊ   Hằng 1985')).to.deep.equal({ words: ['nguyen', 'thi', 'hang'], birthYear: 1985, hint: null });
    expect(parseSearch('Đặng Văn Đức'.normalize('NFD'))).to.deep.include({ words: ['dang', 'van', 'duc'] });
  });

  it('when the query is too short or only a year, then it asks for more', () => {
    expect(parseSearch('a').hint).to.equal('needMore');
    expect(parseSearch('1985').hint).to.equal('needMore');
    expect(parseSearch('%_').hint).to.equal('needMore');
  });
});

describe('birth as typed', () => {
  it('when a full date is typed the Vietnamese way or in ISO, then the date and its year are kept', () => {
    expect(parseBirth('17/05/1990', '2025-06-01')).to.deep.equal({ birthDate: '1990-05-17', birthYear: 1990 });
    expect(parseBirth('1990-05-17', '2025-06-01')).to.deep.equal({ birthDate: '1990-05-17', birthYear: 1990 });
  });

  it('when only the year is known, then the year alone is kept', () => {
    expect(parseBirth('1978', '2025-06-01')).to.deep.equal({ birthDate: null, birthYear: 1978 });
  });

  it('when the date is impossible, in the future or before 1900, then it is refused', () => {
    expect(parseBirth('31/02/1990', '2025-06-01')).to.equal(null);
    expect(parseBirth('02/06/2025', '2025-06-01')).to.equal(null);
    expect(parseBirth('1899', '2025-06-01')).to.equal(null);
    expect(parseBirth('năm 90', '2025-06-01')).to.equal(null);
  });
});
