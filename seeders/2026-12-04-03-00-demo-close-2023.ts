import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';

// The demo's 2023 is closed (khóa sổ) province-wide, as the board would have done after the 2023 annual report:
// its courses, enrollments and results change only through an approved correction. 2024 onwards stays open, so the
// demo accounts can still work on every later year. Written as closeYear writes it: the closing and its audit row.
const DECISION = 'Báo cáo số 05-BC/BTGTU ngày 12/01/2024 tổng kết công tác đào tạo, bồi dưỡng năm 2023'; // (assumed)
const CLOSED_AT = new Date('2024-01-15T02:00:00Z');

export const up: MigrationFn<SeedContext> = async ({ context: { sequelize, queryInterface: qi } }) => {
  await sequelize.transaction(async (transaction) => {
    const [[admin]] = (await sequelize.query("SELECT id, username FROM users WHERE username = 'admin'", { transaction })) as [Array<{ id: number; username: string }>, unknown];
    if (!admin) throw new Error('demo: run after the demo data seeder (no admin account)');
    await qi.bulkInsert(
      'year_closings',
      [{
        unit_id: null, year: 2023, decision: DECISION, closed_at: CLOSED_AT, closed_by: admin.id, reopened_at: null, reopened_by: null, reopen_reason: null,
        active_key: '2023:*', lock_version: 0, created_at: CLOSED_AT, updated_at: CLOSED_AT,
      }],
      { transaction },
    );
    const [[closing]] = (await sequelize.query("SELECT id FROM year_closings WHERE active_key = '2023:*'", { transaction })) as [Array<{ id: number }>, unknown];
    await qi.bulkInsert(
      'audit_logs',
      [{
        created_at: CLOSED_AT, user_id: admin.id, username: admin.username, unit_id: null, action: 'close', entity_type: 'year_closing', entity_id: closing!.id,
        before_data: null, after_data: JSON.stringify({ year: 2023, unitId: null, province: true, decision: DECISION }), request_id: null,
      }],
      { transaction },
    );
  });
};

export const down: MigrationFn<SeedContext> = async ({ context: { sequelize } }) => {
  await sequelize.query("DELETE FROM audit_logs WHERE entity_type = 'year_closing' AND action = 'close' AND after_data LIKE '%\"year\":2023%'");
  await sequelize.query("DELETE FROM year_closings WHERE year = 2023 AND unit_id IS NULL");
};
