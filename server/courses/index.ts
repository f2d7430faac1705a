// What other domains may use of courses.
export { COURSES_PER_PAGE, listAllCourses, listCourses } from './course-list.js';
export { suggestCourseName } from './course-form.js';
export { courseCounts, courseJson, getCourse, lockCourse, type CourseJson, type CourseSummary, type CourseView } from './course-view.js';
export { effectiveStatus, type CourseCounts, type CoursePermissions } from './course-status.js';
// The course's own writes, for an approved correction of a closed year (server/year-closing) to apply its change.
export { updateCourse, type CourseChanges } from './course-edit.js';
export { cancelCourse } from './course-lifecycle.js';
export type { CourseWriteOptions } from './course-writes.js';
