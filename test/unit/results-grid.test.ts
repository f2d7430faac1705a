import { expect } from 'chai';
import { attendanceText, changedByUser, decimalText, gridInputs, parseGridBody } from '../../server/enrollments/results-grid.js';

describe('results grid form', () => {
  it('when a row is typed with Vietnamese commas, then attendance becomes a share and the score keeps one decimal', () => {
    const { submissions, errors } = parseGridBody({ v_7: '3', a_7: '92,5', s_7: '8,5', oa_7: '', os_7: '' });
    expect(errors).to.deep.equal({});
    expect(submissions).to.deep.equal([{ id: 7, lockVersion: 3, attendance: 0.925, score: 8.5, original: { attendance: null, score: null } }]);
  });

  it('when cells are blank, then they mean "no value"', () => {
    const { submissions } = parseGridBody({ v_8: '0', a_8: ' ', s_8: '' });
    expect(submissions[0]).to.include({ attendance: null, score: null });
    expect(submissions[0]).to.not.have.property('original');
  });

  it('when a cell is out of range, not a number or has two decimals, then that cell is named with its own message', () => {
    const { errors } = parseGridBody({ v_1: '0', a_1: '101', s_1: '11', v_2: '0', a_2: 'abc', s_2: '8,25', v_3: '0', a_3: '-5', s_3: '7' });
    expect(errors).to.deep.equal({
      a_1: 'enrollments.errors.attendanceRange',
      s_1: 'enrollments.errors.scoreRange',
      a_2: 'enrollments.errors.attendanceRange',
      s_2: 'enrollments.errors.scoreDecimals',
      a_3: 'enrollments.errors.attendanceRange',
    });
  });

  it('when the typed value equals the one the page showed, then the row is not a change, whatever is stored now', () => {
    const [s] = parseGridBody({ v_5: '1', a_5: '80', s_5: '7', oa_5: '80', os_5: '7' }).submissions;
    expect(changedByUser(s!, { attendance: 0.9, score: 9 })).to.equal(false);
    const [t] = parseGridBody({ v_5: '1', a_5: '85', s_5: '7', oa_5: '80', os_5: '7' }).submissions;
    expect(changedByUser(t!, { attendance: 0.9, score: 9 })).to.equal(true);
  });

  it('when numbers are shown for editing, then Vietnamese pages use a comma and no trailing zero', () => {
    expect(decimalText(8.5, 'vi')).to.equal('8,5');
    expect(decimalText(8, 'vi')).to.equal('8');
    expect(decimalText(8.5, 'en')).to.equal('8.5');
    expect(attendanceText(0.925, 'vi')).to.equal('92,5');
    expect(attendanceText(null, 'vi')).to.equal('');
  });

  it('when the grid is drawn again after a refused save, then the user’s edits stay and rows changed elsewhere are flagged', () => {
    const row = { id: 4, lockVersion: 2, attendance: 0.9, score: 6 };
    const body = { v_4: '1', a_4: '80', s_4: '7,5', oa_4: '80', os_4: '5' };
    expect(gridInputs(row, body, 'vi')).to.deep.equal({
      attendanceText: '90', scoreText: '6', inputAttendance: '80', inputScore: '7,5', changedElsewhere: true,
    });
    const untouched = { v_4: '1', a_4: '80', s_4: '5', oa_4: '80', os_4: '5' };
    expect(gridInputs(row, untouched, 'vi')).to.include({ inputAttendance: '90', inputScore: '6', changedElsewhere: false });
    expect(gridInputs(row, undefined, 'vi')).to.include({ inputAttendance: '90', inputScore: '6', changedElsewhere: false });
  });

  it('when an unreadable entry is drawn again, then it stays in its input beside the error', () => {
    const row = { id: 9, lockVersion: 0, attendance: null, score: null };
    expect(gridInputs(row, { v_9: '0', a_9: 'abc', s_9: '', oa_9: '', os_9: '' }, 'vi')).to.include({ inputAttendance: 'abc', changedElsewhere: false });
  });
});
