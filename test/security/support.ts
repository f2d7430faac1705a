// The security suite's app: the real app on the test database, its logger writing every line (level trace)
// into memory, so the log test can read what the whole suite's requests left in the logs.
import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { createApp, type App } from '../../server/app.js';
import { createLogger } from '../../server/http/logger.js';
import { testConfig, testDb } from '../helpers/db.js';

const lines: string[] = [];
const apps: App[] = [];

const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

export function securityApp(env: Record<string, string> = {}): App {
  const config = testConfig({ LOGIN_LIMIT_PER_USERNAME: '1000', LOGIN_LIMIT_PER_IP: '1000', VERIFY_LIMIT_PER_MINUTE: '100000', ...env });
  const app = createApp({ config, db: testDb(), logger: createLogger('trace', sink) });
  // First of all the app's layers: once a response is sent, its session id (if any) joins the secrets.
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => rememberSecrets(req.sessionID));
    next();
  });
  const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
  const watcher = stack.pop()!;
  stack.unshift(watcher);
  apps.push(app);
  return app;
}

export const logLines = (): readonly string[] => lines;

/** Values that must never reach a log line: tokens, citizen IDs, birth dates, passwords the suite used. */
const secrets = new Set<string>();
export function rememberSecrets(...values: Array<string | null | undefined>): void {
  for (const v of values) if (v) secrets.add(v);
}
export const knownSecrets = (): ReadonlySet<string> => secrets;

/** A birth date as stored and as the pages and forms write it. */
export const birthDateForms = (iso: string | null): string[] => (iso ? [iso, iso.split('-').reverse().join('/')] : []);

after(() => {
  for (const app of apps.splice(0)) app.shutdown();
});
