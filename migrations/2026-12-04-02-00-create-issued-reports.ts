import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id } from './support/schema.js';

// Issued reports, kept as printed (issue #11, item 7): the PDF's bytes live in the row, since app instances
// keep no files, with the figures it was rendered from. Rows are only ever inserted. The unique index is what
// keeps a number from being given twice, whoever issues at the same moment.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  const mysql = qi.sequelize.getDialect() === 'mysql';
  await createTable(qi, 'issued_reports', {
    id: id(),
    kind: { type: DataTypes.STRING(32), allowNull: false },
    unit_id: fk('units'),
    doc_type: { type: DataTypes.STRING(8), allowNull: false },
    number_year: { type: DataTypes.SMALLINT, allowNull: false },
    number: { type: DataTypes.INTEGER, allowNull: false },
    symbol: { type: DataTypes.STRING(60), allowNull: false },
    report_year: { type: DataTypes.SMALLINT, allowNull: false },
    period: { type: DataTypes.STRING(8), allowNull: false },
    as_of: { type: DataTypes.DATEONLY, allowNull: false },
    view: { type: DataTypes.STRING(16), allowNull: false },
    issued_on: { type: DataTypes.DATEONLY, allowNull: false },
    subject: { type: DataTypes.STRING(500), allowNull: false },
    issuer_name: { type: DataTypes.STRING(255), allowNull: false },
    signer_name: { type: DataTypes.STRING(100), allowNull: true },
    recipients: { type: DataTypes.TEXT, allowNull: false },
    // LONGTEXT and LONGBLOB on MySQL: a province's figures and its PDF run to megabytes (TEXT and BLOB stop at 64 kB).
    narrative: { type: mysql ? DataTypes.TEXT('long') : DataTypes.TEXT, allowNull: true },
    figures: { type: mysql ? DataTypes.TEXT('long') : DataTypes.TEXT, allowNull: false },
    pdf: { type: mysql ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: false },
    pdf_size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    replaces_id: fk('issued_reports', { allowNull: true, onDelete: 'RESTRICT' }),
    created_by: fk('users', { allowNull: true }),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('issued_reports', ['unit_id', 'doc_type', 'number_year', 'number'], { name: 'issued_reports_number', unique: true });
  await qi.addIndex('issued_reports', ['number_year', 'kind'], { name: 'issued_reports_year_kind' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('issued_reports');
};
