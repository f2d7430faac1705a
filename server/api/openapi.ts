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
        kind: { type: 'string', enum: ['not_found', 'invalid', 'conflict', 'forbidden', 'unauthenticated', 'too_many', 'too_large', 'unavailable', 'internal'] },
        message: { type: 'string', description: 'In the language of the request (Vietnamese by default).' },
        fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field name → message.' },
        current: { description: 'On a version conflict (409): the record as it is now.' },
      },
    },
  },
};

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
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'integer' } }));
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = r.schema ? { description: r.description, content: { 'application/json': { schema: toJson(r.schema, 'output') } } } : { description: r.description };
    }
    for (const [status, description] of [
      ['401', 'No valid bearer token'],
      ['404', 'Not found, or outside your unit'],
      ['422', 'Invalid input; `fields` names each invalid field'],
    ] as const) {
      responses[status] ??= { description, content: { 'application/json': { schema: errorSchema } } };
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
        'Dates are `YYYY-MM-DD`; rates are fractions (0.985) or null.',
    },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
