import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// A course's name folded for search (accents and case ignored, like trainees.search_name): SQLite has no
// accent-insensitive collation, so the folded form is stored. Filled by the next migration, then by the model.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('courses', 'search_name', { type: DataTypes.STRING(255), allowNull: true });
};

// Plain DROP COLUMN (SQLite ≥ 3.35, MySQL): Sequelize's SQLite removeColumn rebuilds the table.
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE courses DROP COLUMN search_name');
};
