// /api: JSON only, bearer tokens, the same services and scoping as the pages. Each domain adds its
// v1 routes in the list below.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { ROLES } from '../users/user.model.js';
import type { Config } from '../config.js';
import { jsonBody, multipartBody } from '../http/body.js';
import { AppError } from '../http/errors.js';
import { actorOf } from '../http/guards.js';
import { apiAuth } from './api-auth.js';
import { apiThrottle } from './api-throttle.js';
import { apiDocsPage } from './docs.js';
import { describeApi, openApiDocument } from './openapi.js';
import { strictInput } from './strict-input.js';
import { plansApi } from '../plans/plans.api.js';
import { referenceApi } from './reference.routes.js';
import { certificatesApi } from '../certificates/index.js';
import { coursesApi } from '../courses/courses.api.js';
import { enrollmentsApi } from '../enrollments/enrollments.api.js';
import { traineesApi } from '../trainees/trainees.api.js';
import { reportsApi } from '../reports/reports.api.js';
import { breakdownsApi } from '../reports/breakdowns.api.js';
import { importsApi } from '../imports/imports.api.js';
import { issuedReportsApi } from '../issued-reports/index.js';
import { documentsApi } from '../documents/documents.api.js';
import { exportsApi } from '../exports/exports.api.js';
import { usersApi } from '../users/users.api.js';
import { auditApi } from '../audit/audit.api.js';
import { correctionsApi } from '../portal/corrections.api.js';
import { yearCorrectionsApi } from '../year-closing/year-corrections.api.js';

describeApi({
  method: 'get',
  path: '/me',
  tag: 'Reference',
  summary: 'Who the token (or session) acts for: role and unit, the scope every other answer is cut to',
  responses: {
    200: {
      description: 'The acting user',
      schema: z.object({
        id: z.number().int(),
        username: z.string(),
        fullName: z.string(),
        role: z.enum(ROLES),
        unitId: z.number().int().nullable(),
        unitName: z.string().nullable(),
        traineeId: z.number().int().nullable().describe('A trainee account: the person it is'),
      }),
    },
  },
});

export interface ApiDeps {
  config: Config;
  sequelize: Sequelize;
}

export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(jsonBody);
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', apiDocsPage);

  const v1 = Router();
  v1.use(apiThrottle(deps.config));
  v1.use(apiAuth);
  v1.use(multipartBody);
  v1.use(strictInput);
  v1.get('/me', (req, res) => {
    const { id, username, fullName, role, unitId, unitName, traineeId } = actorOf(req);
    res.json({ id, username, fullName, role, unitId, unitName, traineeId });
  });
  for (const routes of v1Routes) v1.use(routes(deps));

  router.use('/v1', v1);
  router.use((_req: Request, _res: Response, next: NextFunction) => next(new AppError('not_found', 'api.notFound')));
  return router;
}

/** Domain API routers, mounted under /api/v1 after authentication. */
// The documents and downloads go first: "/certificates/12.pdf" is theirs, not GET /certificates/:id's.
const v1Routes: Array<(deps: ApiDeps) => Router> = [
  documentsApi,
  exportsApi,
  referenceApi,
  plansApi,
  certificatesApi,
  coursesApi,
  enrollmentsApi,
  traineesApi,
  reportsApi,
  breakdownsApi,
  importsApi,
  issuedReportsApi,
  usersApi,
  auditApi,
  correctionsApi,
  yearCorrectionsApi,
];
