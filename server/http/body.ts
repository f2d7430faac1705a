// Request bodies: forms (urlencoded), JSON for the API, and one uploaded file for signed-in users only,
// parsed before the CSRF check so a multipart form's _csrf field is checked like any other. Each parser is
// followed by the text rule (text-only.ts), so no route ever sees a field holding a control character.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { AppError } from './errors.js';
import { textOnlyBody } from './text-only.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const formBody: RequestHandler[] = [express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 5000 }), textOnlyBody];
export const jsonBody: RequestHandler[] = [express.json({ limit: '1mb' }), textOnlyBody];

/** The public verification form: flat fields, a few of them, small. */
export const publicFormBody: RequestHandler[] = [express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }), textOnlyBody];

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, parts: 60 },
}).single('file');

export function multipartBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('multipart/form-data')) return next();
  if (!req.user) return next(new AppError('unauthenticated', 'common.errors.unauthenticated'));
  upload(req, res, (err?: unknown) => (err ? next(err) : textOnlyBody(req, res, next)));
}
