import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// An urging (đôn đốc, issue #13 item 1): the board's numbered dispatch to lagging units. The paper itself is
// an issued report (its number, bytes and register entry); this row keeps what the dispatch asks and by when.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'urgings', {
    id: id(),
    issued_report_id: fk('issued_reports'),
    year: { type: DataTypes.SMALLINT, allowNull: false },
    as_of: { type: DataTypes.DATEONLY, allowNull: false },
    deadline: { type: DataTypes.DATEONLY, allowNull: false },
    created_by: fk('users', { allowNull: true }),
    ...timestamps(),
  });
  await qi.addIndex('urgings', ['issued_report_id'], { name: 'urgings_issued_report', unique: true });
  await qi.addIndex('urgings', ['year'], { name: 'urgings_year' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('urgings');
};
