// Domain page routers, mounted after sign-in, CSRF and the view locals. Each domain adds itself here.
import type { Router } from 'express';
import { Router as createRouter } from 'express';
import { accountRoutes, activationRoutes } from './accounts/index.js';
import type { PageDeps } from './http/page-deps.js';
import { documentRoutes } from './documents/index.js';
import { planRoutes } from './plans/plans.routes.js';
import { unitRoutes } from './units/units.routes.js';
import { certificateRoutes } from './certificates/index.js';
import { auditRoutes } from './audit/audit.routes.js';
import { correctionRoutes, portalRoutes } from './portal/index.js';
import { courseRoutes } from './courses/courses.routes.js';
import { enrollmentRoutes } from './enrollments/enrollments.routes.js';
import { mergeRoutes } from './trainees/merge.routes.js';
import { traineeRoutes } from './trainees/trainees.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { reportPdfRoutes } from './reports/report-pdf.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { listExportRoutes } from './exports/list-exports.routes.js';
import { reportExportRoutes } from './exports/report-exports.routes.js';
import { breakdownExportRoutes } from './exports/breakdown-exports.routes.js';
import { issueRoutes, registerRoutes } from './issued-reports/index.js';
import { yearClosingRoutes } from './year-closing/year-closing.routes.js';
import { yearCorrectionRoutes } from './year-closing/corrections.routes.js';
import { urgingRoutes } from './urgings/index.js';
import { surveyRoutes } from './surveys/index.js';

export type { PageDeps };

// Documents first: "/certificates/12.pdf" must not be taken for a certificate page with the id "12.pdf".
const pageRouters: Array<(deps: PageDeps) => Router> = [
  documentRoutes,
  // Downloads (.xlsx, .csv) before the pages whose paths they extend.
  listExportRoutes,
  reportExportRoutes,
  breakdownExportRoutes,
  planRoutes,
  unitRoutes,
  certificateRoutes,
  auditRoutes,
  activationRoutes,
  accountRoutes,
  portalRoutes,
  correctionRoutes,
  yearClosingRoutes,
  yearCorrectionRoutes,
  courseRoutes,
  enrollmentRoutes,
  // /trainees/merge before /trainees/:id.
  mergeRoutes,
  traineeRoutes,
  registerRoutes,
  issueRoutes,
  urgingRoutes,
  surveyRoutes,
  reportPdfRoutes,
  reportRoutes,
  importRoutes,
];

export function pageRoutes(deps: PageDeps): Router {
  const router = createRouter();
  for (const routes of pageRouters) router.use(routes(deps));
  return router;
}
