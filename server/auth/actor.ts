// The signed-in person as every service sees it. Only the user id lives in the session; this is loaded
// from the database on each request, so a disabled account or a changed role takes effect at once.
import type { Locale } from '../i18n/index.js';
import type { Role } from '../users/user.model.js';

export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  /** The unit a center user works for (the board's unit for an admin). */
  unitId: number | null;
  unitName: string | null;
  /**
   * Units whose records this center's unit took over when they were merged, split or dissolved into it
   * (DOMAIN.md "Units change"): its staff keep reading and reprinting them. Empty or absent otherwise.
   */
  inheritedUnitIds?: number[];
  /** The trainee record a trainee account is bound to. */
  traineeId: number | null;
  locale: Locale | null;
  /** How this request was authenticated. */
  via: 'session' | 'token';
  /** The request this actor is acting in, for the audit log. */
  requestId?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Actor {}
    interface Request {
      locale: Locale;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    locale?: Locale;
    flash?: Array<{ type: 'success' | 'danger' | 'warning' | 'info'; message: string }>;
    returnTo?: string;
  }
}
