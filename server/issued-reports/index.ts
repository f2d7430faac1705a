// The issued reports domain as other domains see it: its routers, and the look-up by number that the
// on-the-fly report PDFs use to send a reader to the issued copy.
export { issuedReportsApi } from './issued-reports.api.js';
export { issuedByNumber } from './issued-reports.queries.js';
export { issueRoutes } from './issue.routes.js';
export { registerRoutes } from './register.routes.js';
export { issueNumbered, previewNumbered, proposedPaperNumber, type NumberedPaper } from './issue-numbered.js';
export { symbolOf } from './issue-paper.js';
export { DOC_TYPE_NAMES } from './issued-report.model.js';
