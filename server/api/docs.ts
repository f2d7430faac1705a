// GET /api/docs: Swagger UI over /api/openapi.json, served by the app itself (no CDN on an office network)
// and started by a script file, since the content security policy allows no inline script.
// Only for those who have API tokens or may create one: every signed-in account may (under "Tài khoản của
// tôi"), and a bearer token shows its holder has one. Anyone else gets the API's 404, as for an address that
// does not exist: the page is not advertised to the public.
import type { NextFunction, Request, Response } from 'express';
import { actorForToken } from '../auth/tokens.js';
import { AppError } from '../http/errors.js';

async function mayUseApi(req: Request): Promise<boolean> {
  if (req.user) return true;
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? (await actorForToken(match[1]!)) !== null : false;
}

export async function apiDocsPage(req: Request, res: Response, next: NextFunction): Promise<void> {
  if (!(await mayUseApi(req))) return next(new AppError('not_found', 'api.notFound'));
  res.render('api/docs', { layout: false });
}
