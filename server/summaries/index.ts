export {
  describeDifference,
  rebuildSummaries,
  verifySummaries,
  type CourseDifference,
  type PersonDifference,
  type SummaryDifference,
} from './summaries.service.js';
export { RECOUNT_SQL, recountedSummaries, storedSummaries, type CourseSummary } from './summaries.queries.js';
export { NO_DAY, PERSON_DAYS_SQL, personDifferences, type PersonCountRow, type PersonDayRow } from './persons.queries.js';
