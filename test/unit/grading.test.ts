import { expect } from 'chai';
import { gradeFor, resultNote, resultOf, type GradingRules, type ResultInput } from '../../server/programs/grading.js';

const scored: GradingRules = { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 };
const byAttendance: GradingRules = { ...scored, completionRule: 'attendance' };
/** A scored program that waives the attendance rule, as data: a required share of 0. */
const waived: GradingRules = { ...scored, minAttendance: 0 };

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

  // [rules, score, attendance, course ended] → [status, grade, note]
  type Case = [string, GradingRules, number | null, number | null, boolean, string, string | null, string | null];
  const table: Case[] = [
    // Scored programs: the pass mark and the required attendance, both.
    ['passing score, attendance met', scored, 7.5, 0.9, true, 'completed', 'fair', null],
    ['passing score, attendance exactly the share', scored, 9, 0.8, false, 'completed', 'excellent', null],
    ['issue #11: score 9, attendance 70% of a required 80%, course ended', scored, 9, 0.7, true, 'failed', 'fail', 'attendanceBelow'],
    ['score 9, attendance 79,9%, course ended', scored, 9, 0.799, true, 'failed', 'fail', 'attendanceBelow'],
    ['score 9, attendance 70%, course still running', scored, 9, 0.7, false, 'enrolled', null, 'attendanceBelow'],
    ['passing score, no attendance recorded', scored, 8, null, true, 'enrolled', null, 'attendanceMissing'],
    ['passing score, no attendance recorded, course running', scored, 8, null, false, 'enrolled', null, 'attendanceMissing'],
    ['failing score, attendance met', scored, 4, 0.9, true, 'failed', 'fail', null],
    ['failing score, attendance short', scored, 4, 0.5, true, 'failed', 'fail', 'attendanceBelow'],
    ['failing score, no attendance', scored, 4, null, false, 'failed', 'fail', null],
    ['no score yet, attendance met', scored, null, 1, true, 'enrolled', null, null],
    ['no score yet, attendance short', scored, null, 0.5, true, 'enrolled', null, 'attendanceBelow'],
    ['no score, no attendance', scored, null, null, true, 'enrolled', null, null],
    // A scored program that waives attendance: the score alone decides.
    ['waived: score 9, attendance 10%', waived, 9, 0.1, true, 'completed', 'excellent', null],
    ['waived: score 9, no attendance', waived, 9, null, true, 'completed', 'excellent', null],
    ['waived: failing score', waived, 3, null, true, 'failed', 'fail', null],
    // Attendance programs (and unassessed ones): the share decides, no grade; a score is kept but not used.
    ['attendance program, share met, course running', byAttendance, null, 0.8, false, 'completed', null, null],
    ['attendance program, short, course running', byAttendance, null, 0.79, false, 'enrolled', null, 'attendanceBelow'],
    ['attendance program, short, course ended', byAttendance, null, 0.79, true, 'failed', null, 'attendanceBelow'],
    ['attendance program, short, a score from elsewhere', byAttendance, 9, 0.5, true, 'failed', null, 'attendanceBelow'],
    ['attendance program, nothing recorded', byAttendance, null, null, true, 'enrolled', null, null],
  ];
  for (const [name, rules, score, attendance, courseEnded, status, grade, note] of table) {
    it(`when ${name}, then ${status}${grade ? ` (${grade})` : ''}${note ? `, noted ${note}` : ''}`, () => {
      const input: ResultInput = { score, attendance, withdrawn: false, courseEnded };
      expect(resultOf(rules, input)).to.deep.equal({ status, grade });
      expect(resultNote(rules, input)).to.equal(note);
    });
  }

  it('when an enrollment is withdrawn, then it is withdrawn whatever else it carries, with no grade and no note', () => {
    const input = { score: 9.5, attendance: 0.2, withdrawn: true, courseEnded: true };
    expect(resultOf(scored, input)).to.deep.equal({ status: 'withdrawn', grade: null });
    expect(resultNote(scored, input)).to.equal(null);
  });

  it('when a failed-by-attendance result is counted, then it sits in Không đạt and no other grade, so the grade columns add up to the scored rows', () => {
    const results = [
      resultOf(scored, { score: 9, attendance: 0.7, withdrawn: false, courseEnded: true }),
      resultOf(scored, { score: 9, attendance: 0.9, withdrawn: false, courseEnded: true }),
      resultOf(scored, { score: 4, attendance: 0.9, withdrawn: false, courseEnded: true }),
    ];
    const completed = results.filter((r) => r.status === 'completed').length;
    const passingGrades = results.filter((r) => r.grade && r.grade !== 'fail').length;
    expect([completed, passingGrades, results.filter((r) => r.grade === 'fail').length]).to.deep.equal([1, 1, 2]);
  });
});
