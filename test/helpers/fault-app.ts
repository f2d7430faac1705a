// For the fault tests (issue #15 item 3): the app as a real process on the suite's own test database, so a test can
// signal it, cut its database off or start it again, and check the rows with the suite's models afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { startAppProcess, TSX_MAIN, type AppProcess } from './app-process.js';
import { testConfig } from './db.js';
import { csrfFrom, TEST_PASSWORD, type Agent } from './http.js';

export const onMariaDb = () => Boolean(process.env.TEST_DATABASE_URL && !process.env.TEST_DATABASE_URL.startsWith('sqlite:'));

/** The suite's database URL (SQLite file, or MariaDB behind the suite's proxy), or another one such as a proxy of the test's. */
export async function startFaultApp(databaseUrl = testConfig().databaseUrl, env: Record<string, string> = {}): Promise<AppProcess & { cleanup: () => void }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'llct-faults-'));
  const app = await startAppProcess(TSX_MAIN, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    SESSION_SECRET: 'loi-gia-lap-cho-kiem-thu-su-co-0123456789',
    SCRYPT_LOG_N: '10',
    LOG_LEVEL: 'info',
    ...env,
  });
  return Object.assign(app, { cleanup: () => rmSync(dataDir, { recursive: true, force: true }) });
}

/** Signs in on a running process through its login form. */
export async function signInTo(url: string, username: string): Promise<Agent & { cookie: string }> {
  const agent = supertest.agent(url);
  const login = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ username, password: TEST_PASSWORD, _csrf: csrfFrom(login.text) });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
  return Object.assign(agent, { cookie });
}

/** The MariaDB URL of the suite, pointed at another host:port (a proxy of the test's own). */
export function mariaDbVia(port: number): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}
