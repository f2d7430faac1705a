// What other domains use of year closing (khóa sổ): the guard every write of a year's figures calls, and what a
// page needs to say that a course's year is closed. The pages and the corrections are mounted from routes.ts.
export { assertYearOpen, closedYear, yearClosedReason, type ClosedYear } from './year-guard.js';
