// What other domains may use of enrollments.
export {
  byGivenName,
  enroll,
  enrollmentJson,
  getEnrollment,
  resultsGrid,
  rosterOf,
  saveResults,
  updateEnrollment,
  withdrawEnrollment,
  type EnrollmentJson,
  type EnrollmentView,
  type RosterRow,
} from './enrollments.service.js';
