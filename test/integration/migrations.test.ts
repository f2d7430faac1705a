import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createSequelize, dialectOf } from '../../server/db/sequelize.js';
import { migrator, seeder } from '../../server/db/migrator.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

const TABLES = [
  'account_activations', 'api_tokens', 'audit_logs', 'certificate_counters', 'certificates', 'correction_requests', 'courses', 'enrollments', 'import_batches', 'import_uploads',
  'plan_targets', 'plans', 'programs', 'sessions', 'settings', 'trainees', 'unit_event_successors', 'unit_events', 'unit_names', 'units', 'users', 'year_closings', 'year_corrections',
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

  it('when a database with years of records is migrated to units with a history, then every unit gets its name row and old papers are untouched', async function () {
    this.timeout(120_000);
    const scratch = await scratchDatabaseUrl('unit_history');
    const sequelize = createSequelize({ url: scratch.url });
    const rows = <T extends object>(sql: string) => sequelize.query<T>(sql, { type: QueryTypes.SELECT });
    try {
      // The schema and reference data as they were before units had a history, then a course and a certificate.
      await migrator(sequelize).up({ to: '2026-11-26-18-00-create-import-uploads' });
      await seeder(sequelize, 'reference', { scryptLogN: 10 }).up({ to: '2026-11-26-20-02-reference-settings' });
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
      await sequelize.query(`UPDATE units SET signer_name = 'Nguyễn Văn Cũ' WHERE code = 'TTCTKD'`);
      await sequelize.query(
        `INSERT INTO courses (unit_id, program_id, name, start_date, end_date, capacity, status, lock_version, created_at, updated_at)
         SELECT u.id, p.id, 'Lớp cũ 2024', '2024-03-04', '2024-03-08', 80, 'finished', 0, '${now}', '${now}' FROM units u, programs p WHERE u.code = 'TTCTKD' AND p.code = 'NTVD'`,
      );
      const before = await rows<{ n: number }>('SELECT COUNT(*) AS n FROM units');

      await migrator(sequelize).up();
      await seeder(sequelize, 'reference', { scryptLogN: 10 }).up();

      const names = await rows<{ code: string; name: string; header_name: string; parent_body: string; signer_name: string | null; valid_from: unknown }>(
        'SELECT u.code, n.name, n.header_name, n.parent_body, n.signer_name, n.valid_from FROM unit_names n JOIN units u ON u.id = n.unit_id ORDER BY u.sort_order',
      );
      expect(names).to.have.length(Number(before[0]!.n));
      const kimDong = names.find((r) => r.code === 'TTCTKD')!;
      expect(kimDong).to.include({ name: 'Trung tâm Chính trị huyện Kim Động', header_name: 'TRUNG TÂM CHÍNH TRỊ', parent_body: 'HUYỆN ỦY KIM ĐỘNG', signer_name: 'Nguyễn Văn Cũ' });
      const [myHao] = await rows<{ decision_number: string; effective_date: unknown }>("SELECT decision_number, effective_date FROM unit_events WHERE kind = 'rename'");
      expect(myHao!.decision_number).to.equal('656/NQ-UBTVQH14');
      expect(String(myHao!.effective_date instanceof Date ? myHao!.effective_date.toISOString() : myHao!.effective_date).slice(0, 10)).to.equal('2019-04-01');
      const courses = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM courses WHERE name = 'Lớp cũ 2024'");
      expect(Number(courses[0]!.n)).to.equal(1);
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
