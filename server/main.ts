// Load config → open the database → migrate and seed → createApp() → listen. SIGTERM drains and closes.
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig, redactUrl, type Config } from './config.js';
import { migrate, openDatabase, seed, seeder, type Database } from './db/index.js';
import { createLogger, type Logger } from './http/logger.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

async function waitForDatabase(db: Database, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.sequelize.authenticate();
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
      logger.warn({ attempt, err: { message: (err as Error).message } }, 'database not reachable yet, retrying in 3 s');
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

async function prepareDatabase(db: Database, config: Config, logger: Logger): Promise<boolean> {
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ migrations: applied.length }, 'migrations applied');
  const seeded = await seed(db, {
    demo: config.seedDemo,
    scryptLogN: config.scryptLogN,
    log: (message) => logger.info(message),
  });
  if (seeded.reference.length > 0) logger.info({ seeders: seeded.reference }, 'reference data loaded');
  if (seeded.demo.length > 0) logger.info('demo data loaded');
  if (seeded.demoSkipped === 'not-empty') logger.info('demo data skipped: the database already holds records');
  return (await seeder(db.sequelize, 'demo', { scryptLogN: config.scryptLogN }).executed()).length > 0;
}

function printBanner(config: Config, hasDemo: boolean): void {
  const url = `http://localhost:${config.port}`;
  console.log(`\n  Hệ thống đào tạo LLCT đang chạy: ${url}`);
  console.log(`  Cơ sở dữ liệu: ${redactUrl(config.databaseUrl)}`);
  if (hasDemo) {
    console.log('\n  Tài khoản demo (chỉ dùng thử, mật khẩu chung ' + DEMO_ACCOUNTS.password + '):');
    for (const [username, description] of DEMO_ACCOUNTS.accounts) console.log(`    ${username.padEnd(16)} ${description}`);
  }
  console.log('');
}

function drainOnSignals(server: Server, onClosed: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // In-flight requests finish; idle keep-alive connections close now; nothing new is accepted.
    server.close(() => {
      onClosed().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn('requests still running after 10 s: closing them');
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = openDatabase({ url: config.databaseUrl, poolMax: config.dbPoolMax, replicaUrls: config.databaseReplicaUrls });
  await waitForDatabase(db, logger);
  const hasDemo = config.migrateOnStart ? await prepareDatabase(db, config, logger) : false;

  const app = createApp({ config, db, logger });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port }, 'listening');
    printBanner(config, hasDemo);
  });
  server.on('error', (err) => {
    logger.fatal({ err: { message: err.message } }, 'cannot listen');
    process.exit(1);
  });
  drainOnSignals(
    server,
    async () => {
      // E-mails already announced are sent before the database closes (their letters read it).
      await app.notifications.idle();
      app.shutdown();
      await db.close();
      logger.info('stopped');
    },
    logger,
  );
}

main().catch((err: Error) => {
  console.error('Startup failed:', err.message);
  process.exit(1);
});
