import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// A unit's name, header lines, symbol, place, kind and signer from a date on: every paper looks its
// issuer up here for its own date, so a rename never rewrites what was printed before it.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'unit_names', {
    id: id(),
    unit_id: fk('units', { onDelete: 'CASCADE' }),
    valid_from: { type: DataTypes.DATEONLY, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: false },
    short_name: { type: DataTypes.STRING(100), allowNull: false },
    parent_body: { type: DataTypes.STRING(255), allowNull: false },
    header_name: { type: DataTypes.STRING(255), allowNull: false },
    symbol: { type: DataTypes.STRING(20), allowNull: false },
    place: { type: DataTypes.STRING(100), allowNull: false },
    signer_name: { type: DataTypes.STRING(100), allowNull: true },
    signer_title: { type: DataTypes.STRING(100), allowNull: true },
    signer_authority: { type: DataTypes.STRING(100), allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('unit_names', ['unit_id', 'valid_from'], { name: 'unit_names_unit_from', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('unit_names');
};
