// GET /api/docs: Swagger UI over /api/openapi.json, served by the app itself (no CDN on an office network)
// and started by a script file, since the content security policy allows no inline script.
import type { Request, Response } from 'express';

export function apiDocsPage(_req: Request, res: Response): void {
  res.render('api/docs', { layout: false });
}
