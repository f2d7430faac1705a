// Schema migrations and seeders, both run by umzug and recorded in their own tables.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationFn } from 'umzug';
import { codeExt, codeRoot } from '../paths.js';

export interface SeedContext {
  sequelize: Sequelize;
  queryInterface: QueryInterface;
  /** Deterministic settings passed by the caller (e.g. the scrypt cost for demo passwords). */
  options: SeedOptions;
}

export interface SeedOptions {
  scryptLogN: number;
  log?: (message: string) => void;
}

interface RunnableModule<C> {
  up: MigrationFn<C>;
  down?: MigrationFn<C>;
}

/** Migration names omit the extension, so .ts under tsx and .js from dist/ are the same migration. */
function resolver<C>(context: C) {
  return ({ name, path: file }: { name: string; path?: string }) => {
    const load = async (): Promise<RunnableModule<C>> => import(pathToFileURL(file!).href) as Promise<RunnableModule<C>>;
    return {
      name: name.replace(/\.(ts|js)$/, ''),
      up: async () => (await load()).up({ name, path: file, context }),
      down: async () => {
        const module = await load();
        if (!module.down) throw new Error(`Migration ${name} cannot be undone`);
        return module.down({ name, path: file, context });
      },
    };
  };
}

function files(folder: string, pattern: string) {
  return [`${pattern}${codeExt}`, { cwd: path.join(codeRoot, folder), ignore: ['*.d.ts'] }] as [string, { cwd: string; ignore: string[] }];
}

export function migrator(sequelize: Sequelize) {
  const context = sequelize.getQueryInterface();
  return new Umzug<QueryInterface>({
    migrations: { glob: files('migrations', '*'), resolve: resolver(context) },
    context,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations', modelName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** kind: "reference" seeders always run when pending; "demo" seeders only into an empty database. */
export function seeder(sequelize: Sequelize, kind: 'reference' | 'demo', options: SeedOptions) {
  const context: SeedContext = { sequelize, queryInterface: sequelize.getQueryInterface(), options };
  return new Umzug<SeedContext>({
    migrations: { glob: files('seeders', `*-${kind}-*`), resolve: resolver(context) },
    context,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_seeds', modelName: 'schema_seeds' }),
    logger: undefined,
  });
}
