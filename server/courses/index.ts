// What other domains may use of courses.
export {
  COURSES_PER_PAGE,
  courseCounts,
  courseJson,
  getCourse,
  listAllCourses,
  listCourses,
  lockCourse,
  suggestCourseName,
  type CourseJson,
  type CourseSummary,
  type CourseView,
} from './courses.service.js';
export { effectiveStatus, type CourseCounts, type CoursePermissions } from './course-status.js';
