// The program's rules turn a score and an attendance into a grade and a status (DOMAIN.md, "Grades").
import type { EnrollmentStatus, Grade } from '../enrollments/enrollment.model.js';
import type { CompletionRule } from './program.model.js';

export interface GradingRules {
  completionRule: CompletionRule;
  gradeExcellent: number;
  gradeGood: number;
  gradeFair: number;
  gradePass: number;
  minAttendance: number;
}

export function gradeFor(score: number, rules: GradingRules): Grade {
  if (score >= rules.gradeExcellent) return 'excellent';
  if (score >= rules.gradeGood) return 'good';
  if (score >= rules.gradeFair) return 'fair';
  if (score >= rules.gradePass) return 'average';
  return 'fail';
}

export interface ResultInput {
  score: number | null;
  /** Share of sessions attended, 0–1. */
  attendance: number | null;
  withdrawn: boolean;
  /** Whether the course has ended (end date on or before today). */
  courseEnded: boolean;
}

export interface Result {
  status: EnrollmentStatus;
  grade: Grade | null;
}

export type AttendanceCheck = 'met' | 'below' | 'missing';

/** Whether attendance meets the program's required share. A share of 0 waives the rule (as data, per program). */
export function attendanceCheck(rules: Pick<GradingRules, 'minAttendance'>, attendance: number | null): AttendanceCheck {
  if (rules.minAttendance <= 0) return 'met';
  if (attendance === null) return 'missing';
  return attendance >= rules.minAttendance ? 'met' : 'below';
}

/**
 * - A withdrawal is `withdrawn` whatever else it carries, and has no grade.
 * - Scored programs need the pass mark **and** the required attendance (issue #11): no score yet → `enrolled`;
 *   below the pass mark → `failed` (Không đạt); a passing score with attendance at or above the share →
 *   `completed` with its grade; with attendance below the share → `failed` with the grade Không đạt once the
 *   course has ended (`enrolled` before: sessions remain), so Xuất sắc…Trung bình count only those who
 *   completed and the grade columns still add up to the scored enrollments; with no attendance recorded →
 *   `enrolled`, no grade (the result waits for it; the course cannot finish meanwhile). The score is kept.
 * - Attendance programs (and unassessed ones): attendance at or above the required share → `completed`;
 *   below it → `failed`, but only once the course has ended; no attendance yet → `enrolled`. No grade.
 */
export function resultOf(rules: GradingRules, input: ResultInput): Result {
  if (input.withdrawn) return { status: 'withdrawn', grade: null };
  const attendance = attendanceCheck(rules, input.attendance);
  if (rules.completionRule === 'score') {
    if (input.score === null) return { status: 'enrolled', grade: null };
    const grade = gradeFor(input.score, rules);
    if (grade === 'fail') return { status: 'failed', grade };
    if (attendance === 'met') return { status: 'completed', grade };
    if (attendance === 'below' && input.courseEnded) return { status: 'failed', grade: 'fail' };
    return { status: 'enrolled', grade: null };
  }
  if (input.attendance === null) return { status: 'enrolled', grade: null };
  if (attendance === 'met') return { status: 'completed', grade: null };
  return { status: input.courseEnded ? 'failed' : 'enrolled', grade: null };
}

/** Why a result is not what the score alone would give, for the row's warning (grid, import preview). */
export type ResultNote = 'attendanceBelow' | 'attendanceMissing';

/**
 * - `attendanceBelow`: attendance is recorded and below the required share (any program, any score): the
 *   enrollment does not complete.
 * - `attendanceMissing`: a scored program, a passing score, and no attendance yet: the result waits for it.
 */
export function resultNote(rules: GradingRules, input: ResultInput): ResultNote | null {
  if (input.withdrawn) return null;
  const attendance = attendanceCheck(rules, input.attendance);
  if (attendance === 'below') return 'attendanceBelow';
  if (attendance === 'missing' && rules.completionRule === 'score' && input.score !== null && input.score >= rules.gradePass) return 'attendanceMissing';
  return null;
}
