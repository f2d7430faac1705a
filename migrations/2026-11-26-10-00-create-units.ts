import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, id, lockVersion, timestamps } from './support/schema.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'units', {
    id: id(),
    code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
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
    sort_order: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    valid_from: { type: DataTypes.DATEONLY, allowNull: false },
    valid_to: { type: DataTypes.DATEONLY, allowNull: true },
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('units', ['kind', 'sort_order'], { name: 'units_kind_sort' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('units');
};
