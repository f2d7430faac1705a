// Unknown query parameters and body fields are refused (400, naming them) on every /api/v1 route, in this one
// place: the route's OpenAPI operation holds the very zod schemas the route validates with, so what the
// documentation says a route takes is exactly what it accepts. A route described without a query or body
// schema takes none.
import type { NextFunction, Request, Response } from 'express';
import { refuseUnknown, unknownNames } from '../http/validate.js';
import { operationFor } from './openapi.js';

export function strictInput(req: Request, _res: Response, next: NextFunction): void {
  const op = operationFor(req.method, req.path);
  // No operation: no such route either; the API's 404 answers it.
  if (!op) return next();
  const query = unknownNames(op.query, req.query);
  // An upload's one field is its file (req.file), never a body key.
  const body = unknownNames(op.body, req.body ?? {});
  refuseUnknown({ query, body });
  next();
}
