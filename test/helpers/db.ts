import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { loadConfig, type Config } from '../../server/config.js';
import { migrate, openDatabase, seed, type Database } from '../../server/db/index.js';
import { TcpProxy } from './tcp-proxy.js';

let current: { db: Database; config: Config; tmp?: string; proxy?: TcpProxy } | null = null;

/** mysql://root@127.0.0.1:3306/app_test → the same server, another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Drops and recreates a MySQL database, so every run starts from nothing. */
export async function recreateMysqlDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`Unsafe test database name: ${name}`);
  const admin = new Sequelize(withDatabaseName(url, ''), { dialect: 'mysql', logging: false });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.close();
  }
}

/** A fresh, empty database URL for tests that need their own (migrations up/down, demo seeding). */
export async function scratchDatabaseUrl(suffix: string): Promise<{ url: string; cleanup: () => void }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base && !base.startsWith('sqlite:')) {
    const url = withDatabaseName(base, `${new URL(base).pathname.slice(1)}_${suffix}`);
    await recreateMysqlDatabase(url);
    return { url, cleanup: () => {} };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `llct-${suffix}-`));
  return { url: `sqlite:${path.join(dir, 'db.sqlite')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: current?.config.databaseUrl ?? 'sqlite::memory:',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    SCRYPT_LOG_N: '10',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...overrides,
  });
}

export async function openTestDatabase(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  let tmp: string | undefined;
  let proxy: TcpProxy | undefined;
  if (url && !url.startsWith('sqlite:')) {
    await recreateMysqlDatabase(url);
    // The app reaches MariaDB through a proxy, so the outage test can cut the connection for real.
    const target = new URL(url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    target.hostname = '127.0.0.1';
    target.port = String(await proxy.start());
    url = target.toString();
  } else {
    tmp = mkdtempSync(path.join(tmpdir(), 'llct-test-'));
    url = `sqlite:${path.join(tmp, 'test.sqlite')}`;
  }
  const db = openDatabase({ url, poolMax: 10 });
  await migrate(db);
  await seed(db, { demo: false, scryptLogN: 10 });
  current = { db, config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' }), tmp, proxy };
}

export async function closeTestDatabase(): Promise<void> {
  if (!current) return;
  await current.db.close();
  await current.proxy?.stop();
  if (current.tmp) rmSync(current.tmp, { recursive: true, force: true });
  current = null;
}

export function testDb(): Database {
  if (!current) throw new Error('The test database is not open (test/setup.ts runs first)');
  return current.db;
}

/** The proxy in front of MariaDB, when the suite runs on MariaDB. */
export function testDatabaseProxy(): TcpProxy | undefined {
  return current?.proxy;
}
