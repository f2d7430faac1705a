import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// One unit's answer to a needs survey: its note and who saved it last; the figures are its lines.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'survey_answers', {
    id: id(),
    survey_id: fk('needs_surveys', { onDelete: 'CASCADE' }),
    unit_id: fk('units'),
    note: { type: DataTypes.TEXT, allowNull: true },
    updated_by: fk('users', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('survey_answers', ['survey_id', 'unit_id'], { name: 'survey_answers_key', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('survey_answers');
};
