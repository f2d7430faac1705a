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

/**
 * - A withdrawal is `withdrawn` whatever else it carries, and has no grade.
 * - Scored programs: no score yet → `enrolled`; a passing score → `completed`; below the pass mark → `failed`.
 * - Attendance programs (and unassessed ones): attendance at or above the required share → `completed`;
 *   below it → `failed`, but only once the course has ended; no attendance yet → `enrolled`. No grade.
 */
export function resultOf(rules: GradingRules, input: ResultInput): Result {
  if (input.withdrawn) return { status: 'withdrawn', grade: null };
  if (rules.completionRule === 'score') {
    if (input.score === null) return { status: 'enrolled', grade: null };
    const grade = gradeFor(input.score, rules);
    return { status: grade === 'fail' ? 'failed' : 'completed', grade };
  }
  if (input.attendance === null) return { status: 'enrolled', grade: null };
  if (input.attendance >= rules.minAttendance) return { status: 'completed', grade: null };
  return { status: input.courseEnded ? 'failed' : 'enrolled', grade: null };
}
