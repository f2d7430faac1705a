import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// What an event changed beyond the name (kind, header, symbol), what became of the unit's staff, who recorded
// it, a version for corrections, and which successor carries the unit's figures when a report rolls up.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const text = (length: number) => ({ type: DataTypes.STRING(length), allowNull: true });
  await qi.addColumn('unit_events', 'new_kind', text(16));
  await qi.addColumn('unit_events', 'new_short_name', text(100));
  await qi.addColumn('unit_events', 'new_parent_body', text(255));
  await qi.addColumn('unit_events', 'new_header_name', text(255));
  await qi.addColumn('unit_events', 'new_symbol', text(20));
  await qi.addColumn('unit_events', 'new_place', text(100));
  await qi.addColumn('unit_events', 'staff_action', text(16));
  await qi.addColumn('unit_events', 'created_by', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('unit_events', 'lock_version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('unit_event_successors', 'position', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
};

// Plain DROP COLUMN (SQLite ≥ 3.35, MySQL): Sequelize's SQLite removeColumn rebuilds the table.
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE unit_event_successors DROP COLUMN position');
  for (const column of ['lock_version', 'created_by', 'staff_action', 'new_place', 'new_symbol', 'new_header_name', 'new_parent_body', 'new_short_name', 'new_kind']) {
    await qi.sequelize.query(`ALTER TABLE unit_events DROP COLUMN ${column}`);
  }
};
