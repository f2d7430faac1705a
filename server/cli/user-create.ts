// npm run user:create -- --username ten --role admin|center|trainee [--unit CODE] [--trainee ID] [--name "Họ tên"]
// The password is read from the PASSWORD environment variable or typed at the prompt (never an argument,
// which would land in the shell history and the process list).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate, openDatabase, seed } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { t } from '../i18n/index.js';
import { ROLES, type Role } from '../users/user.model.js';
import { createUser } from '../users/users.service.js';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    trainee: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
  },
});

function usage(message: string): never {
  console.error(message);
  console.error('Usage: npm run user:create -- --username <name> --role admin|center|trainee [--unit CODE] [--trainee ID] [--name "Full name"]');
  process.exit(2);
}

if (!values.username) usage('--username is required');
if (!values.role || !(ROLES as readonly string[]).includes(values.role)) usage('--role must be admin, center or trainee');

async function readPassword(): Promise<string> {
  if (process.env.PASSWORD) return process.env.PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question('Password (at least 8 characters): ');
  rl.close();
  return password;
}

const config = loadConfig();
const db = openDatabase({ url: config.databaseUrl });
try {
  // A first admin may be created before the server ever started: bring the schema and the reference
  // data (units, programs) up first. Demo data is never loaded from here.
  await migrate(db);
  await seed(db, { demo: false, scryptLogN: config.scryptLogN });
  const password = await readPassword();
  if (password.length < 8) usage('The password needs at least 8 characters.');
  const user = await createUser(
    {
      username: values.username,
      fullName: values.name ?? values.username,
      email: values.email,
      role: values.role as Role,
      unitCode: values.unit ?? (values.role === 'admin' ? 'BTGTU' : undefined),
      traineeId: values.trainee ? Number(values.trainee) : undefined,
      password,
    },
    config.scryptLogN,
  );
  console.log(`Created ${user.role} account "${user.username}"${user.unitName ? ` for ${user.unitName}` : ''}.`);
} catch (err) {
  if (err instanceof AppError) {
    const fields = Object.entries(err.fields ?? {}).map(([field, key]) => `${field}: ${t('en', key)}`);
    console.error([t('en', err.message), ...fields].join('\n'));
  } else {
    console.error((err as Error).message);
  }
  process.exitCode = 1;
} finally {
  await db.close();
}
