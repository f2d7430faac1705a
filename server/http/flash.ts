// One-shot messages shown on the next page, after a post-redirect-get.
import type { NextFunction, Request, Response } from 'express';

export type FlashType = 'success' | 'danger' | 'warning' | 'info';

/** `message` is shown as given: translate it with req.t first. */
export function flash(req: Request, type: FlashType, message: string): void {
  if (!req.session) return;
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}

export function flashLocals(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.flash?.length) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
}

/** Only same-site relative paths may be redirect targets ("/courses/3", never "//evil" or "https://…"). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string') return fallback;
  if (!/^\/(?![/\\])[\w\-./?=&%~+:,]*$/.test(value)) return fallback;
  return value;
}
