import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// Each unit an urging is addressed to, with its figures as printed and its acknowledgement (Đã nhận).
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'urging_recipients', {
    id: id(),
    urging_id: fk('urgings', { onDelete: 'CASCADE' }),
    unit_id: fk('units'),
    planned_trainees: { type: DataTypes.INTEGER, allowNull: true },
    enrolled: { type: DataTypes.INTEGER, allowNull: false },
    fulfillment: { type: DataTypes.DOUBLE, allowNull: true },
    pace: { type: DataTypes.DOUBLE, allowNull: true },
    acknowledged_at: { type: DataTypes.DATE, allowNull: true },
    acknowledged_by: fk('users', { allowNull: true }),
    note: { type: DataTypes.STRING(1000), allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('urging_recipients', ['urging_id', 'unit_id'], { name: 'urging_recipients_key', unique: true });
  await qi.addIndex('urging_recipients', ['unit_id', 'acknowledged_at'], { name: 'urging_recipients_unit' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('urging_recipients');
};
