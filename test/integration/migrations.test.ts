import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createSequelize, dialectOf } from '../../server/db/sequelize.js';
import { migrator } from '../../server/db/migrator.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

const TABLES = [
  'account_activations', 'api_tokens', 'audit_logs', 'certificate_counters', 'certificates', 'correction_requests', 'courses', 'enrollments', 'import_batches', 'import_uploads',
  'plan_targets', 'plans', 'programs', 'sessions', 'settings', 'trainees', 'unit_event_successors', 'unit_events', 'units', 'users',
];

describe('migrations', () => {
  it('when applied, undone and applied again on an empty database, then the schema comes and goes cleanly', async function () {
    this.timeout(120_000);
    const scratch = await scratchDatabaseUrl('migrations');
    const sequelize = createSequelize({ url: scratch.url });
    try {
      const umzug = migrator(sequelize);
      const applied = await umzug.up();
      expect(applied.length).to.be.at.least(15);
      const names = applied.map((m) => m.name);
      expect(names.every((n) => !/\.(ts|js)$/.test(n)), 'names are stored without their extension').to.equal(true);
      const tables = (await sequelize.getQueryInterface().showAllTables()).map(String).sort();
      for (const table of TABLES) expect(tables).to.include(table);

      await umzug.down({ to: 0 });
      const left = (await sequelize.getQueryInterface().showAllTables()).map(String).filter((t) => t !== 'schema_migrations');
      expect(left).to.deep.equal([]);

      expect((await umzug.up()).length).to.equal(applied.length);
      expect(await umzug.pending()).to.deep.equal([]);
    } finally {
      await sequelize.close();
      scratch.cleanup();
    }
  });

  it('when the database is MariaDB, then every table is InnoDB in utf8mb4', async function () {
    const url = process.env.TEST_DATABASE_URL;
    if (!url || dialectOf(url) !== 'mysql') {
      expect(dialectOf(url ?? 'sqlite:')).to.equal('sqlite');
      return;
    }
    const sequelize = createSequelize({ url });
    try {
      const rows = await sequelize.query<{ TABLE_NAME: string; ENGINE: string; TABLE_COLLATION: string }>(
        'SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
        { type: QueryTypes.SELECT },
      );
      const app = rows.filter((r) => TABLES.includes(r.TABLE_NAME));
      expect(app).to.have.length(TABLES.length);
      for (const row of app) {
        expect(row.ENGINE, row.TABLE_NAME).to.equal('InnoDB');
        expect(row.TABLE_COLLATION, row.TABLE_NAME).to.match(/^utf8mb4_/);
      }
    } finally {
      await sequelize.close();
    }
  });
});
