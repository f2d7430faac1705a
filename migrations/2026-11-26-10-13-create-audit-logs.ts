import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id } from './support/schema.js';

// Who did what, when, to which record, with the values before and after (JSON text).
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'audit_logs', {
    id: id(),
    created_at: { type: DataTypes.DATE, allowNull: false },
    user_id: fk('users', { allowNull: true }),
    username: { type: DataTypes.STRING(64), allowNull: true },
    unit_id: fk('units', { allowNull: true }),
    action: { type: DataTypes.STRING(32), allowNull: false },
    entity_type: { type: DataTypes.STRING(32), allowNull: false },
    entity_id: { type: DataTypes.INTEGER, allowNull: true },
    before_data: { type: DataTypes.TEXT, allowNull: true },
    after_data: { type: DataTypes.TEXT, allowNull: true },
    request_id: { type: DataTypes.STRING(64), allowNull: true },
  });
  await qi.addIndex('audit_logs', ['entity_type', 'entity_id'], { name: 'audit_logs_entity' });
  await qi.addIndex('audit_logs', ['unit_id', 'created_at'], { name: 'audit_logs_unit_time' });
  await qi.addIndex('audit_logs', ['created_at'], { name: 'audit_logs_time' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('audit_logs');
};
