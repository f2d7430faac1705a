import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// A trainee's report of a mistake in their record, addressed to the unit that entered that record.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'correction_requests', {
    id: id(),
    trainee_id: fk('trainees'),
    // Null: the personal data as a whole rather than one enrollment.
    enrollment_id: fk('enrollments', { allowNull: true }),
    unit_id: fk('units'),
    message: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
    resolution_note: { type: DataTypes.TEXT, allowNull: true },
    created_by: fk('users', { allowNull: true }),
    resolved_by: fk('users', { allowNull: true }),
    resolved_at: { type: DataTypes.DATE, allowNull: true },
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('correction_requests', ['unit_id', 'status', 'created_at'], { name: 'correction_requests_unit_status' });
  await qi.addIndex('correction_requests', ['trainee_id', 'created_at'], { name: 'correction_requests_trainee' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('correction_requests');
};
