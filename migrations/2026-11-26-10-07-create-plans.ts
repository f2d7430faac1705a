import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// A unit's plan for a year. Versions: an amendment to an approved plan is a new row with version + 1.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'plans', {
    id: id(),
    unit_id: fk('units'),
    year: { type: DataTypes.SMALLINT, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'draft' },
    amends_plan_id: fk('plans', { allowNull: true }),
    note: { type: DataTypes.TEXT, allowNull: true },
    return_reason: { type: DataTypes.TEXT, allowNull: true },
    submitted_at: { type: DataTypes.DATE, allowNull: true },
    submitted_by: fk('users', { allowNull: true }),
    decided_at: { type: DataTypes.DATE, allowNull: true },
    decided_by: fk('users', { allowNull: true }),
    created_by: fk('users', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('plans', ['unit_id', 'year', 'version'], { name: 'plans_unit_year_version', unique: true });
  await qi.addIndex('plans', ['year', 'status'], { name: 'plans_year_status' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('plans');
};
