import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// A needs survey (rà soát nhu cầu, issue #13 item 4): the board asks every unit, before a year, how many people
// need training in it. One per year; open until its deadline or until the board closes it.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'needs_surveys', {
    id: id(),
    year: { type: DataTypes.SMALLINT, allowNull: false },
    deadline: { type: DataTypes.DATEONLY, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
    note: { type: DataTypes.TEXT, allowNull: true },
    opened_by: fk('users', { allowNull: true }),
    closed_at: { type: DataTypes.DATE, allowNull: true },
    closed_by: fk('users', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('needs_surveys', ['year'], { name: 'needs_surveys_year', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('needs_surveys');
};
