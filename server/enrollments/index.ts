// What other domains may use of enrollments.
export { enroll } from './enroll.service.js';
export { updateEnrollment, withdrawEnrollment } from './enrollment-change.service.js';
export { byGivenName, enrollmentJson, getEnrollment, resultsGrid, rosterOf, type EnrollmentJson, type EnrollmentView, type RosterRow } from './enrollments.queries.js';
export { saveResults } from './results-grid.service.js';
