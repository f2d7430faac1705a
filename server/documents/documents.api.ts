// The printed documents through the API (a bearer token): the very routes of the pages (documents.routes.ts),
// mounted under /api/v1, so the loaders that check scope are the same; described here for the OpenAPI document.
import type { Router } from 'express';
import type { ApiDeps } from '../api/api.routes.js';
import { describeApi } from '../api/openapi.js';
import { registerQuery } from '../certificates/certificates.schema.js';
import { documentQuery } from './documents.schema.js';
import { documentRoutes } from './documents.routes.js';

const TAG = 'Documents';
const pdf = { 200: { description: 'application/pdf' } };

describeApi({ method: 'get', path: '/courses/:id/roster.pdf', tag: TAG, summary: 'Danh sách học viên và kết quả of a course, as printed (number and date optional)', query: documentQuery, responses: pdf });
describeApi({ method: 'get', path: '/courses/:id/certificates.pdf', tag: TAG, summary: 'Every valid certificate of a course, one a page', responses: pdf });
describeApi({
  method: 'get',
  path: '/certificates/register.pdf',
  tag: TAG,
  summary: 'The certificates of a unit’s register for a year (the board names unitCode), one a page',
  query: registerQuery.omit({ page: true }),
  responses: pdf,
});
describeApi({ method: 'get', path: '/certificates/:id.pdf', tag: TAG, summary: 'One certificate as issued (a trainee token: their own)', responses: pdf });
describeApi({ method: 'get', path: '/trainees/:id/record.pdf', tag: TAG, summary: 'A trainee’s record of courses and results (a trainee token: their own)', query: documentQuery, responses: pdf });

export const documentsApi = (deps: ApiDeps): Router => documentRoutes(deps);
