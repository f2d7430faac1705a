// Sessions live in the database (so several app instances can share them). express-session "touches" the
// store at the end of every request whose session did not change, and connect-session-sequelize turns each
// touch into an UPDATE of the row's expiry: one write per page view. Here a touch writes only when the
// stored expiry is more than TOUCH_AFTER_MS behind the new one, so a busy user costs one write a minute and
// the idle timeout stays exact to that minute. A changed session is still saved at once (set).
import connectSessionSequelize from 'connect-session-sequelize';
import session, { type SessionData } from 'express-session';
import { QueryTypes, type Sequelize } from 'sequelize';

/** How far the stored expiry may lag behind the rolling cookie's before a touch writes it. */
export const TOUCH_AFTER_MS = 60_000;

/** Entries kept for sessions read but not yet touched or saved; beyond it the memo starts afresh. */
const MEMO_LIMIT = 10_000;

export interface SessionStoreOptions {
  sequelize: Sequelize;
  maxAgeMs: number;
  /** 0 turns the sweeper of expired rows off (tests). */
  checkExpirationInterval: number;
}

type Callback = (err?: unknown) => void;

export function createSessionStore({ sequelize, maxAgeMs, checkExpirationInterval }: SessionStoreOptions): session.Store & { stopExpiringSessions(): void } {
  const SequelizeStore = connectSessionSequelize(session.Store);
  const store = new SequelizeStore({
    db: sequelize,
    table: 'Session',
    expiration: maxAgeMs,
    checkExpirationInterval,
    extendDefaultFields: (defaults: { data: string; expires: Date }, data: { passport?: { user?: number } }) => ({
      ...defaults,
      userId: data.passport?.user ?? null,
    }),
  });

  // The expiry each session had in the database when this request read it, until its touch or save.
  const readExpiry = new Map<string, number>();
  const forget = (sid: string) => readExpiry.delete(sid);

  store.get = (sid: string, callback: (err: unknown, data?: SessionData | null) => void) => {
    // One plain read of the row (no model instance), remembering its expiry for the touch that follows.
    sequelize
      .query<{ data: string | null; expires: Date | string | null }>('SELECT data, expires FROM sessions WHERE sid = :sid', {
        replacements: { sid },
        type: QueryTypes.SELECT,
      })
      .then(([row]) => {
        if (!row || row.data === null) return callback(null, null);
        if (readExpiry.size >= MEMO_LIMIT) readExpiry.clear();
        if (row.expires !== null) readExpiry.set(sid, new Date(row.expires).getTime());
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
  };

  const touch = store.touch.bind(store);
  store.touch = (sid: string, data: SessionData, callback?: Callback) => {
    const stored = readExpiry.get(sid);
    forget(sid);
    const next = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : Date.now() + maxAgeMs;
    if (stored !== undefined && next - stored < TOUCH_AFTER_MS) {
      callback?.();
      return;
    }
    touch(sid, data, callback);
  };

  const set = store.set.bind(store);
  store.set = (sid: string, data: SessionData, callback?: Callback) => {
    forget(sid);
    set(sid, data, callback);
  };
  const destroy = store.destroy.bind(store);
  store.destroy = (sid: string, callback?: Callback) => {
    forget(sid);
    destroy(sid, callback);
  };
  return store as unknown as session.Store & { stopExpiringSessions(): void };
}
