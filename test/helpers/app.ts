import { createApp, type App } from '../../server/app.js';
import { createLogger } from '../../server/http/logger.js';
import { testConfig, testDb } from './db.js';

const apps: App[] = [];

/** A real app on the test database; login limits are high unless a test asks for low ones. */
export function makeApp(env: Record<string, string> = {}): App {
  const config = testConfig({ LOGIN_LIMIT_PER_USERNAME: '1000', LOGIN_LIMIT_PER_IP: '1000', ...env });
  const app = createApp({ config, db: testDb(), logger: createLogger('silent') });
  apps.push(app);
  return app;
}

after(() => {
  for (const app of apps.splice(0)) app.shutdown();
});
