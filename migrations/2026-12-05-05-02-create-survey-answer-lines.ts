import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id } from './support/schema.js';

// The figures of an answer: people needing training, per program and category of learner. A blank is no row.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'survey_answer_lines', {
    id: id(),
    answer_id: fk('survey_answers', { onDelete: 'CASCADE' }),
    program_id: fk('programs'),
    category: { type: DataTypes.STRING(32), allowNull: false },
    people: { type: DataTypes.INTEGER, allowNull: false },
  });
  await qi.addIndex('survey_answer_lines', ['answer_id', 'program_id', 'category'], { name: 'survey_answer_lines_key', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('survey_answer_lines');
};
