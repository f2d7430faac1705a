// Builds the Sequelize instance for SQLite (the embedded default) or MySQL/MariaDB, from one URL.
import { Sequelize, Transaction, type Options } from 'sequelize';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/** sqlite:relative/or/absolute/path.sqlite, sqlite::memory: */
function sqliteStorage(url: string): string {
  const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  return rest === '' ? ':memory:' : rest;
}

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  logging?: (sql: string) => void;
  /** MySQL/MariaDB read replicas: SELECTs outside a transaction go to them, everything else to `url`. */
  replicaUrls?: readonly string[];
}

/** A replica's address as Sequelize's replication options take it; what it leaves out comes from the primary. */
function replicaOf(url: string) {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    ...(u.pathname.length > 1 ? { database: decodeURIComponent(u.pathname.slice(1)) } : {}),
  };
}

const define = {
  underscored: true,
  charset: 'utf8mb4',
  collate: 'utf8mb4_unicode_ci',
} as const;

export function createSequelize({ url, poolMax = 10, logging, replicaUrls = [] }: DatabaseOptions): Sequelize {
  const common: Options = {
    logging: logging ?? false,
    define,
    benchmark: false,
    // A query that found SQLite locked past the busy timeout is tried again; MySQL deadlocks roll the whole
    // transaction back, so retrying one statement would be wrong there.
    retry: { max: 3, match: [/SQLITE_BUSY/] },
  };

  if (dialectOf(url) === 'sqlite') {
    const sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage: sqliteStorage(url),
      // Writers take the lock when the transaction begins, so two concurrent transactions queue on the
      // busy timeout below instead of deadlocking when both try to upgrade a read lock.
      transactionType: Transaction.TYPES.IMMEDIATE,
    });
    configureSqliteConnections(sequelize);
    return sequelize;
  }

  const mysqlUrl = url.replace(/^mariadb:/, 'mysql:');
  return new Sequelize(mysqlUrl, {
    ...common,
    dialect: 'mysql',
    timezone: '+00:00',
    dialectOptions: {
      charset: 'utf8mb4',
      // DECIMAL columns (scores, attendance, thresholds) come back as numbers, not strings.
      decimalNumbers: true,
      connectTimeout: 5000,
    },
    pool: { max: poolMax, min: 0, acquire: 10_000, idle: 10_000, evict: 5_000 },
    ...(replicaUrls.length > 0 ? { replication: { read: replicaUrls.map(replicaOf), write: replicaOf(mysqlUrl) } } : {}),
  });
}

interface SqliteDatabase {
  configure(option: 'busyTimeout', value: number): void;
  exec(sql: string, callback: (err: Error | null) => void): void;
}

/**
 * Sequelize's SQLite dialect opens one connection per transaction and has no afterConnect hook, so every
 * new connection is given a busy timeout here; WAL lets readers go on while one transaction writes.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: unknown): Promise<SqliteDatabase>;
  };
  const original = manager.getConnection.bind(manager);
  const configured = new WeakSet<SqliteDatabase>();
  let walSet = false;
  manager.getConnection = async (options?: unknown) => {
    const connection = await original(options);
    if (!configured.has(connection)) {
      configured.add(connection);
      connection.configure('busyTimeout', 15_000);
      if (!walSet) {
        walSet = true;
        await new Promise<void>((resolve) =>
          // In-memory databases cannot use WAL; the pragma then simply answers "memory".
          connection.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;', () => resolve()),
        );
      }
    }
    return connection;
  };
}
