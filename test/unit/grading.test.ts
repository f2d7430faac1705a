import { expect } from 'chai';
import { gradeFor, resultOf, type GradingRules } from '../../server/programs/grading.js';

const scored: GradingRules = { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 };
const byAttendance: GradingRules = { ...scored, completionRule: 'attendance' };

describe('grading rules', () => {
  it('when a score sits on a threshold, then it takes the higher grade', () => {
    expect(gradeFor(9.0, scored)).to.equal('excellent');
    expect(gradeFor(8.9, scored)).to.equal('good');
    expect(gradeFor(8.0, scored)).to.equal('good');
    expect(gradeFor(7.0, scored)).to.equal('fair');
    expect(gradeFor(6.9, scored)).to.equal('average');
    expect(gradeFor(5.0, scored)).to.equal('average');
    expect(gradeFor(4.9, scored)).to.equal('fail');
  });

  it("when a program's thresholds differ, then they are the ones applied", () => {
    expect(gradeFor(8.5, { ...scored, gradeExcellent: 8.5 })).to.equal('excellent');
    expect(gradeFor(5.5, { ...scored, gradePass: 6 })).to.equal('fail');
  });

  it('when a scored program has a passing score, then completed; below 5.0, failed; no score yet, enrolled', () => {
    const base = { attendance: 1, withdrawn: false, courseEnded: true };
    expect(resultOf(scored, { ...base, score: 7.5 })).to.deep.equal({ status: 'completed', grade: 'fair' });
    expect(resultOf(scored, { ...base, score: 4.0 })).to.deep.equal({ status: 'failed', grade: 'fail' });
    expect(resultOf(scored, { ...base, score: null })).to.deep.equal({ status: 'enrolled', grade: null });
  });

  it('when an attendance program reaches the share, then completed; below it, failed only once the course has ended', () => {
    expect(resultOf(byAttendance, { score: null, attendance: 0.8, withdrawn: false, courseEnded: false })).to.deep.equal({ status: 'completed', grade: null });
    expect(resultOf(byAttendance, { score: null, attendance: 0.79, withdrawn: false, courseEnded: false })).to.deep.equal({ status: 'enrolled', grade: null });
    expect(resultOf(byAttendance, { score: null, attendance: 0.79, withdrawn: false, courseEnded: true })).to.deep.equal({ status: 'failed', grade: null });
    expect(resultOf(byAttendance, { score: null, attendance: null, withdrawn: false, courseEnded: true })).to.deep.equal({ status: 'enrolled', grade: null });
  });

  it('when an enrollment is withdrawn, then it is withdrawn whatever else it carries', () => {
    expect(resultOf(scored, { score: 9.5, attendance: 1, withdrawn: true, courseEnded: true })).to.deep.equal({ status: 'withdrawn', grade: null });
  });
});
