import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// The text a report's issuer writes before issuing (issue #11, item 8), one draft per issuer, kind, year and
// period, so it survives between the preview and the issue.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const mysql = qi.sequelize.getDialect() === 'mysql';
  await createTable(qi, 'report_drafts', {
    id: id(),
    kind: { type: DataTypes.STRING(32), allowNull: false },
    unit_id: fk('units', { onDelete: 'CASCADE' }),
    report_year: { type: DataTypes.SMALLINT, allowNull: false },
    period: { type: DataTypes.STRING(8), allowNull: false },
    narrative: { type: mysql ? DataTypes.TEXT('long') : DataTypes.TEXT, allowNull: false },
    updated_by: fk('users', { allowNull: true }),
    ...timestamps(),
  });
  await qi.addIndex('report_drafts', ['unit_id', 'kind', 'report_year', 'period'], { name: 'report_drafts_key', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('report_drafts');
};
