import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'courses', {
    id: id(),
    unit_id: fk('units'),
    program_id: fk('programs'),
    name: { type: DataTypes.STRING(255), allowNull: false },
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    place: { type: DataTypes.STRING(255), allowNull: true },
    capacity: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'planned' },
    cancel_reason: { type: DataTypes.TEXT, allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: true },
    created_by: fk('users', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  // Report queries select a unit's (or a program's) courses by start date within a period.
  await qi.addIndex('courses', ['unit_id', 'start_date'], { name: 'courses_unit_start' });
  await qi.addIndex('courses', ['program_id', 'start_date'], { name: 'courses_program_start' });
  await qi.addIndex('courses', ['start_date', 'status'], { name: 'courses_start_status' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('courses');
};
