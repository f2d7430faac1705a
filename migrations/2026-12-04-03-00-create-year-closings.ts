import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// Khóa sổ: the board closes a unit's year (unit_id) or the whole province's (unit_id null) after the annual
// report. A reopening keeps the row (reopened_*), so the history stays; active_key ("2024:12", "2024:*") is set
// only while the closing holds, and its unique index allows one holding closing per unit and year on both
// databases (NULLs never collide).
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'year_closings', {
    id: id(),
    unit_id: fk('units', { allowNull: true, onDelete: 'RESTRICT' }),
    year: { type: DataTypes.INTEGER, allowNull: false },
    decision: { type: DataTypes.STRING(500), allowNull: false },
    closed_at: { type: DataTypes.DATE, allowNull: false },
    closed_by: fk('users', { allowNull: true }),
    reopened_at: { type: DataTypes.DATE, allowNull: true },
    reopened_by: fk('users', { allowNull: true }),
    reopen_reason: { type: DataTypes.TEXT, allowNull: true },
    active_key: { type: DataTypes.STRING(32), allowNull: true },
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('year_closings', ['active_key'], { name: 'year_closings_active', unique: true });
  await qi.addIndex('year_closings', ['year', 'unit_id'], { name: 'year_closings_year_unit' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('year_closings');
};
