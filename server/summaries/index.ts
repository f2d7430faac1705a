export { describeDifference, rebuildSummaries, verifySummaries, type SummaryDifference } from './summaries.service.js';
export { RECOUNT_SQL, recountedSummaries, storedSummaries, type CourseSummary } from './summaries.queries.js';
