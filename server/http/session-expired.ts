// A form sent after the session ended (idle timeout, or the row swept) used to end on a 403 page and the typed
// data seemed lost. The page's script keeps a draft of such forms on the device (views/assets/drafts.js); here
// the answer is the sign-in page, which says so and leads back to the form afterwards.
import type { Request, Response } from 'express';
import { t } from '../i18n/index.js';
import { isApiRequest } from './error-handler.js';
import { safeReturnPath } from './flash.js';

/** Posts that are the sign-in flow itself: a failure there is shown there, as before. */
const OWN_FLOW = new Set(['/login', '/logout', '/lang', '/activate', '/session/keep-alive']);

/** The page the form was on, from the same-origin Referer (helmet sends it to this site only). */
function formPage(req: Request): string {
  const referer = req.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    if (url.host !== req.get('host')) return '/';
    return safeReturnPath(url.pathname + url.search);
  } catch {
    return '/';
  }
}

/** True when a page form arrived from someone whose session is gone: no user, not the API, not the login itself. */
export function isExpiredSessionPost(req: Request): boolean {
  return !req.user && req.method === 'POST' && !isApiRequest(req) && !OWN_FLOW.has(req.path) && req.session !== undefined;
}

/**
 * Shows the sign-in page in answer to the post (with the status the post earns: 401, or 403 for a token that
 * went with the session), saying the typed data was kept; signing in leads back to the form's page.
 */
export function toSignInKeepingInput(req: Request, res: Response, status: 401 | 403, csrfToken: string): void {
  req.session.returnTo = formPage(req);
  res.status(status).render('auth/login', {
    title: t(req.locale, 'auth.login.title'),
    values: {},
    csrfToken,
    keptNotice: t(req.locale, 'auth.session.expiredKept'),
  });
}
