import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// A duplicate record merged into the kept one: hidden from lists and search, its URL leads to the kept record.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('trainees', 'merged_into_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'trainees', key: 'id' } });
  await qi.addColumn('trainees', 'merged_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addIndex('trainees', ['merged_into_id'], { name: 'trainees_merged_into_id' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  // MySQL/MariaDB keep the index while a foreign key needs it: the key goes first (SQLite drops it with the column).
  if (qi.sequelize.getDialect() !== 'sqlite') {
    const references = (await qi.getForeignKeyReferencesForTable('trainees')) as Array<{ columnName: string; constraintName: string }>;
    for (const fk of references.filter((r) => r.columnName === 'merged_into_id')) await qi.removeConstraint('trainees', fk.constraintName);
  }
  await qi.removeIndex('trainees', 'trainees_merged_into_id');
  await qi.sequelize.query('ALTER TABLE trainees DROP COLUMN merged_at');
  await qi.sequelize.query('ALTER TABLE trainees DROP COLUMN merged_into_id');
};
