import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// A merge of two records of one person: which rows moved from the duplicate to the kept record (JSON ids), so
// "Hoàn tác gộp" moves back exactly those; kept_version is the kept record's version right after the merge.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'trainee_merges', {
    id: id(),
    kept_id: fk('trainees'),
    duplicate_id: fk('trainees'),
    moved: { type: DataTypes.TEXT, allowNull: false },
    kept_version: { type: DataTypes.INTEGER, allowNull: false },
    merged_by: fk('users', { allowNull: true }),
    undone_at: { type: DataTypes.DATE, allowNull: true },
    undone_by: fk('users', { allowNull: true }),
    ...timestamps(),
  });
  await qi.addIndex('trainee_merges', ['kept_id'], { name: 'trainee_merges_kept' });
  await qi.addIndex('trainee_merges', ['duplicate_id'], { name: 'trainee_merges_duplicate' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('trainee_merges');
};
