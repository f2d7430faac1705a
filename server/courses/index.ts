// What other domains may use of courses.
export { COURSES_PER_PAGE, listAllCourses, listCourses } from './course-list.js';
export { suggestCourseName } from './course-form.js';
export { courseCounts, courseJson, getCourse, lockCourse, type CourseJson, type CourseSummary, type CourseView } from './course-view.js';
export { effectiveStatus, type CourseCounts, type CoursePermissions } from './course-status.js';
