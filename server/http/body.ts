// Request bodies: forms (urlencoded), JSON for the API, and one uploaded file for signed-in users only,
// parsed before the CSRF check so a multipart form's _csrf field is checked like any other.
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { AppError } from './errors.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const formBody = express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 5000 });
export const jsonBody = express.json({ limit: '1mb' });

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, parts: 60 },
}).single('file');

export function multipartBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('multipart/form-data')) return next();
  if (!req.user) return next(new AppError('unauthenticated', 'common.errors.unauthenticated'));
  upload(req, res, next);
}
