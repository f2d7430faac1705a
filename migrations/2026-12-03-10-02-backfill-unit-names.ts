import type { QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Data, kept apart from the schema change: every existing unit gets its first name row, from its validity
// start, with what the unit holds today. A database with years of records thus prints them as before.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query(
    `INSERT INTO unit_names (unit_id, valid_from, kind, name, short_name, parent_body, header_name, symbol, place,
                             signer_name, signer_title, signer_authority, created_at, updated_at)
     SELECT u.id, u.valid_from, u.kind, u.name, u.short_name, u.parent_body, u.header_name, u.symbol, u.place,
            u.signer_name, u.signer_title, u.signer_authority, u.created_at, u.updated_at
       FROM units u
      WHERE NOT EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id)`,
  );
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DELETE FROM unit_names');
};
