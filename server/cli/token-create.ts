// npm run token:create -- <username> [--name "what it is for"]: prints a new API token once.
import { parseArgs } from 'node:util';
import { createTokenForUsername } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { migrate, openDatabase, seed } from '../db/index.js';
import { t } from '../i18n/index.js';
import { AppError } from '../http/errors.js';

const { values, positionals } = parseArgs({ options: { name: { type: 'string' } }, allowPositionals: true });
const username = positionals[0];
if (!username) {
  console.error('Usage: npm run token:create -- <username> [--name "what it is for"]');
  process.exit(2);
}

const config = loadConfig();
const db = openDatabase({ url: config.databaseUrl });
try {
  // A first admin may be created before the server ever started: bring the schema and the reference
  // data (units, programs) up first. Demo data is never loaded from here.
  await migrate(db);
  await seed(db, { demo: false, scryptLogN: config.scryptLogN });
  const token = await createTokenForUsername(username, values.name ?? `CLI ${new Date().toISOString().slice(0, 10)}`);
  console.error(`API token for ${username} (shown once; store it safely):`);
  console.log(token);
} catch (err) {
  console.error(err instanceof AppError ? t('en', err.message) : (err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
