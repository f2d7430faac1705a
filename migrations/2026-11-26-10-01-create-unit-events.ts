import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, tableOptions, timestamps } from './support/schema.js';

// A unit's history: renamed, merged, transferred or dissolved by a decision with an effective date.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'unit_events', {
    id: id(),
    unit_id: fk('units', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    effective_date: { type: DataTypes.DATEONLY, allowNull: false },
    decision_number: { type: DataTypes.STRING(50), allowNull: false },
    old_name: { type: DataTypes.STRING(255), allowNull: true },
    new_name: { type: DataTypes.STRING(255), allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('unit_events', ['unit_id', 'effective_date'], { name: 'unit_events_unit_date' });
  await qi.createTable(
    'unit_event_successors',
    {
      event_id: { ...fk('unit_events', { onDelete: 'CASCADE' }), primaryKey: true },
      successor_unit_id: { ...fk('units'), primaryKey: true },
    },
    tableOptions,
  );
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('unit_event_successors');
  await qi.dropTable('unit_events');
};
