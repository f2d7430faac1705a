import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';

// The units seeded before the unit_names table existed get their first name row (a database migrated from an
// older version got it from the backfill migration; a fresh one seeds its units after the migrations ran).
// Mỹ Hào's elevation is corrected to its source: Nghị quyết 656/NQ-UBTVQH14 of 13/3/2019, in force 1/4/2019
// (the earlier seed had "818/NQ-UBTVQH14, 1/1/2020").
export const up: MigrationFn<SeedContext> = async ({ context: { sequelize } }) => {
  await sequelize.query(
    `INSERT INTO unit_names (unit_id, valid_from, kind, name, short_name, parent_body, header_name, symbol, place,
                             signer_name, signer_title, signer_authority, created_at, updated_at)
     SELECT u.id, u.valid_from, u.kind, u.name, u.short_name, u.parent_body, u.header_name, u.symbol, u.place,
            u.signer_name, u.signer_title, u.signer_authority, u.created_at, u.updated_at
       FROM units u
      WHERE NOT EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id)`,
  );
  await sequelize.query(
    `UPDATE unit_events SET decision_number = '656/NQ-UBTVQH14', effective_date = '2019-04-01'
      WHERE decision_number = '818/NQ-UBTVQH14' AND kind = 'rename'`,
  );
};

export const down: MigrationFn<SeedContext> = async () => {};
