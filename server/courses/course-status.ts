// A course's status. `finished` and `cancelled` are explicit acts (Kết thúc lớp, Hủy lớp); before that a
// course is `planned` until its start date and `open` from it, so the status never goes stale as days pass.
import type { CourseStatus } from './course.model.js';

export function effectiveStatus(stored: CourseStatus, startDate: string, today: string): CourseStatus {
  if (stored === 'finished' || stored === 'cancelled') return stored;
  return startDate > today ? 'planned' : 'open';
}

export const isClosed = (status: CourseStatus) => status === 'finished' || status === 'cancelled';

export interface CourseCounts {
  /** Every enrollment, any status (lượt): the figure reports call "enrolled". */
  enrolled: number;
  /** Not withdrawn: the seats taken. */
  active: number;
  withdrawn: number;
  completed: number;
  failed: number;
  /** Still `enrolled`: no result yet. */
  pending: number;
}

export const emptyCounts = (): CourseCounts => ({ enrolled: 0, active: 0, withdrawn: 0, completed: 0, failed: 0, pending: 0 });

export interface CoursePermissions {
  edit: boolean;
  cancel: boolean;
  finish: boolean;
  enroll: boolean;
  results: boolean;
  certificates: boolean;
}

/** What may be done to a course now; the services enforce the same rules. */
export function permissionsOf(course: { status: CourseStatus; endDate: string }, counts: CourseCounts, capacity: number, today: string): CoursePermissions {
  const running = !isClosed(course.status);
  return {
    edit: running,
    cancel: running && counts.completed + counts.failed === 0,
    finish: course.status === 'open' && course.endDate <= today,
    enroll: running && counts.active < capacity,
    results: course.status === 'open' || course.status === 'finished',
    certificates: course.status === 'finished',
  };
}

/** "Bồi dưỡng nhận thức về Đảng" → "bồi dưỡng nhận thức về Đảng", for "Lớp bồi dưỡng …". */
export function lowerFirst(text: string): string {
  const [first, ...rest] = [...text];
  return first ? first.toLocaleLowerCase('vi') + rest.join('') : text;
}
