// The OpenAPI 3 description of /api/v1, built from the same zod schemas the routes validate with.
// Each domain registers its operations next to its routes with `describeApi`.
import { z } from 'zod';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiOperation {
  method: Method;
  /** Express-style path under /api/v1, e.g. "/courses/:id". */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** multipart/form-data with a `file` field. */
  upload?: boolean;
  /** Response schemas by status; errors are added for every operation. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const operations = new Map<string, ApiOperation>();

export function describeApi(operation: ApiOperation): void {
  operations.set(`${operation.method} ${operation.path}`, operation);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patternOf = (path: string) => new RegExp(`^${path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : escape(part))).join('')}/?$`);
/** Literal characters: "/issued-reports/:id.pdf" is a closer match than "/issued-reports/:id". */
const literalLength = (path: string) => path.replace(/:\w+/g, '').length;

/** The operation that describes a request (method, path under /api/v1), or undefined for one nobody described. */
export function operationFor(method: string, path: string): ApiOperation | undefined {
  const m = (method === 'HEAD' ? 'get' : method.toLowerCase()) as Method;
  return [...operations.values()]
    .filter((op) => op.method === m && patternOf(op.path).test(path))
    .sort((a, b) => literalLength(b.path) - literalLength(a.path))[0];
}

/** Every described operation, as "METHOD /path" (for the test that every route is described). */
export function describedOperations(): string[] {
  return [...operations.values()].map((op) => `${op.method.toUpperCase()} ${op.path}`);
}

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['kind', 'message'],
      properties: {
        kind: { type: 'string', enum: ['bad_request', 'not_found', 'invalid', 'conflict', 'forbidden', 'unauthenticated', 'too_many', 'too_large', 'unavailable', 'internal'] },
        message: { type: 'string', description: 'In the language of the request (Vietnamese by default).' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field name → message.' },
        current: { description: 'On a version conflict (409): the record as it is now.' },
      },
    },
  },
};

/** Path parameters that are not record ids. */
const PATH_PARAMS: Record<string, Record<string, unknown>> = {
  code: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$', description: 'A unit code, e.g. TTCTVL' },
  format: { type: 'string', enum: ['xlsx', 'csv'] },
};

/** Every operation may answer these, in the one error body. */
const STANDARD_ERRORS = [
  ['400', 'An unknown query parameter or body field (`fields` names each one): nothing was looked at'],
  ['401', 'No valid bearer token'],
  ['404', 'Not found, or outside your unit'],
  ['422', 'Invalid input; `fields` names each invalid field'],
  ['429', 'More requests in a minute than the server allows one token, or too many failed ones from one address (API_LIMIT_PER_MINUTE, 600 in production): wait the `Retry-After` seconds'],
  ['503', 'The database is unreachable for now: retry after `Retry-After` seconds'],
] as const;
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

function queryParameters(schema: z.ZodType | undefined) {
  if (!schema) return [];
  const json = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: (json.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...operations.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: PATH_PARAMS[m[1]!] ?? { type: 'integer', minimum: 1 } }));
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema ? { description: r.description, content: { 'application/json': { schema: toJson(r.schema, 'output') } } } : { description: r.description };
    }
    for (const [status, description] of STANDARD_ERRORS) {
      responses[status] ??= { description, content: { 'application/json': { schema: errorSchema } }, ...(status === '429' || status === '503' ? { headers: retryAfter } : {}) };
    }
    let requestBody: unknown;
    if (op.body) requestBody = { required: true, content: { 'application/json': { schema: toJson(op.body, 'input') } } };
    if (op.upload) {
      requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
      };
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      parameters: [...pathParams, ...queryParameters(op.query)],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Quản lý đào tạo, bồi dưỡng lý luận chính trị — API',
      version: '1',
      description:
        'JSON API for units, plans, courses, enrollments and reports. Authenticate with `Authorization: Bearer <token>` ' +
        '(create one under "Tài khoản của tôi", or `npm run token:create -- <username>`). A center token sees only its own unit. ' +
        'Dates are `YYYY-MM-DD`; rates are fractions (0.985) or null. ' +
        'A query parameter or body field a route does not take is refused with 400 naming it. ' +
        'Lists filter by unit with `unitCode` and page with `page` (1-based); they answer their rows with `page`, `pages`, `total` (rows over all pages) and `perPage`.',
    },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
