// express-session saves a changed session when the response ends, but it sends a redirect's headers first and
// writes the row afterwards; a browser follows a 303 as soon as the headers arrive, so the next page could read
// the session from before the change: the old language after a switch, no flash message after a save. Every
// redirect therefore waits for the session to be written.
import type { NextFunction, Request, Response } from 'express';

/** Writes the session now (a no-op without one). */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.session) return resolve();
    req.session.save((err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  });
}

export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    // A failed write is reported by express-session's own save when the response ends; redirect regardless.
    saveSession(req)
      .catch(() => undefined)
      .then(() => redirect(...args));
  }) as Response['redirect'];
  next();
}
