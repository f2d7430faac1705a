import { QueryTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Data, apart from the schema change. The fold is written out here (not imported) so this migration keeps
// the rule of its day: NFD, marks dropped, đ → d, lower case, spaces collapsed.
const fold = (value: string) =>
  value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const rows = await qi.sequelize.query<{ id: number; name: string }>('SELECT id, name FROM courses WHERE search_name IS NULL', { type: QueryTypes.SELECT });
  for (const row of rows) {
    await qi.sequelize.query('UPDATE courses SET search_name = :s WHERE id = :id', { replacements: { s: fold(row.name), id: row.id } });
  }
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('UPDATE courses SET search_name = NULL');
};
