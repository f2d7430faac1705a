// The only reader of process.env. Everything else receives a frozen Config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.js';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  readonly env: NodeEnv;
  readonly port: number;
  readonly databaseUrl: string;
  /** Read replicas of a MySQL/MariaDB primary: the reports read there (DATABASE_REPLICA_URLS, comma-separated). */
  readonly databaseReplicaUrls: readonly string[];
  readonly dbPoolMax: number;
  readonly sessionSecret: string;
  readonly trustProxy: string | number | boolean;
  readonly cookieSecure: boolean;
  readonly logLevel: string;
  readonly seedDemo: boolean;
  readonly migrateOnStart: boolean;
  readonly dataDir: string;
  /** log2 of the scrypt cost; production uses 17 (2^17), tests lower it to keep the suite fast. */
  readonly scryptLogN: number;
  /** Public base URL printed on certificates' QR codes, e.g. https://daotao.hungyen.dcs.vn */
  readonly publicUrl: string;
  readonly loginLimit: { readonly perUsername: number; readonly perIp: number; readonly windowMs: number };
  /** Certificate look-ups allowed per address and minute on the public /verify pages. */
  readonly verifyLimitPerMinute: number;
  /** API requests allowed per token (or per address without one) and minute; 600 in production, unbounded-ish elsewhere. */
  readonly apiLimitPerMinute: number;
  /** How long a trainee's one-time activation code stays usable. */
  readonly activationCodeDays: number;
  /** E-mail notifications (server/notifications): off unless SMTP_URL is set; MAIL_FROM is then required. */
  readonly mail: { readonly smtpUrl: string; readonly from: string } | null;
}

export class ConfigError extends Error {}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_REPLICA_URLS: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z.string().optional(),
  COOKIE_SECURE: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.optional(),
  MIGRATE_ON_START: bool.optional(),
  DATA_DIR: z.string().optional(),
  SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOGIN_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  VERIFY_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  API_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  ACTIVATION_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).max(200).optional().or(z.literal('').transform(() => undefined)),
});

function parseTrustProxy(raw: string | undefined): string | number | boolean {
  if (raw === undefined || raw === '') return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // an address list such as "loopback, 10.0.0.0/8"
}

/** Reads or creates the local session secret under data/, so development sessions survive restarts. */
function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(projectRoot, e.DATA_DIR ?? 'data');

  const missing: string[] = [];
  if (production && !e.SESSION_SECRET) missing.push('SESSION_SECRET (a random string of at least 32 characters, e.g. `openssl rand -base64 48`)');
  if (e.SMTP_URL && !e.MAIL_FROM) missing.push('MAIL_FROM (the sender of e-mail notifications, e.g. "Ban Tuyên giáo <daotao@example.vn>"), since SMTP_URL is set');
  if (production && !e.DATABASE_URL) missing.push('DATABASE_URL (e.g. mysql://user:password@host:3306/daotao, or sqlite:/var/lib/daotao/app.sqlite)');
  if (missing.length > 0) {
    throw new ConfigError(`${production ? 'Production refuses' : 'Refusing'} to start without:\n${missing.map((m) => `  ${m}`).join('\n')}`);
  }

  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'app.sqlite')}`;
  const databaseReplicaUrls = replicaUrls(e.DATABASE_REPLICA_URLS, databaseUrl);
  const cookieSecure = e.COOKIE_SECURE ?? production;
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl,
    databaseReplicaUrls,
    dbPoolMax: e.DB_POOL_MAX,
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(dataDir),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    cookieSecure,
    logLevel: e.LOG_LEVEL,
    // Demo data never lands in production unless SEED_DEMO=true says so explicitly.
    seedDemo: e.SEED_DEMO ?? !production,
    migrateOnStart: e.MIGRATE_ON_START ?? true,
    dataDir,
    scryptLogN: e.SCRYPT_LOG_N ?? 17,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    loginLimit: Object.freeze({
      perUsername: e.LOGIN_LIMIT_PER_USERNAME,
      perIp: e.LOGIN_LIMIT_PER_IP,
      windowMs: e.LOGIN_LIMIT_WINDOW_MINUTES * 60_000,
    }),
    verifyLimitPerMinute: e.VERIFY_LIMIT_PER_MINUTE,
    // Outside production the tests, the benchmark and the scanners call the API far faster than any client.
    apiLimitPerMinute: e.API_LIMIT_PER_MINUTE ?? (production ? 600 : 1_000_000),
    activationCodeDays: e.ACTIVATION_CODE_DAYS,
    mail: e.SMTP_URL && e.MAIL_FROM ? Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }) : null,
  });
}

/** DATABASE_REPLICA_URLS: MySQL/MariaDB addresses, comma-separated; replicas of an embedded SQLite make no sense. */
function replicaUrls(value: string | undefined, primary: string): string[] {
  const urls = (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length === 0) return [];
  if (primary.startsWith('sqlite:')) throw new ConfigError('DATABASE_REPLICA_URLS needs a MySQL/MariaDB DATABASE_URL: an embedded SQLite database has no replicas');
  const wrong = urls.filter((u) => !/^(mysql|mariadb):\/\//.test(u));
  if (wrong.length > 0) throw new ConfigError(`DATABASE_REPLICA_URLS: ${wrong.map(redactUrl).join(', ')} must start with mysql://`);
  return urls;
}

/** Where a password-free rendering of the database URL is needed (logs, startup banner). */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
